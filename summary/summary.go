package summary

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"weak"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// Op is one summary op: a scalar or a histogram of a tensor under a tag
// (what tf.summary.scalar and tf.summary.histogram return). It is a
// session.Fetcher: Run gives its *Summary.
type Op struct {
	tag   string
	t     *graph.Tensor
	histo bool
	err   error // a tensor argument that is not one
}

// Summary is TensorFlow's Summary: one Value per summary op.
type Summary struct {
	Value []Value
}

// Value is one tagged value: a scalar (SimpleValue) or, when Histo is set,
// a histogram.
type Value struct {
	Tag         string
	SimpleValue float32
	Histo       *HistogramProto
}

// HistogramProto is TensorFlow's histogram of a tensor's values: their
// minimum, maximum, count, sum and sum of squares, and the count of
// values in each bucket, bucket i holding the values in
// [BucketLimit[i-1], BucketLimit[i]). Runs of empty buckets are merged
// into one, as TensorFlow encodes them.
type HistogramProto struct {
	Min, Max, Num, Sum, SumSquares float64
	BucketLimit                    []float64
	Bucket                         []float64
}

// Error is TF's InvalidArgumentError from a summary op, naming its tag.
type Error struct {
	Tag string
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Scalar summarizes a scalar tensor (*graph.Tensor or *graph.Variable)
// under the tag name (tf.summary.scalar): its value, as a float32, each
// time the op is fetched.
func Scalar(name string, t any) *Op { return newOp(name, t, false) }

// Histogram summarizes the values of a tensor (*graph.Tensor or
// *graph.Variable) of any shape under the tag name (tf.summary.histogram).
func Histogram(name string, t any) *Op { return newOp(name, t, true) }

func newOp(name string, t any, histo bool) *Op {
	op := &Op{tag: name, histo: histo}
	switch v := t.(type) {
	case *graph.Variable:
		if v != nil {
			op.t = v.Tensor
		}
	case *graph.Tensor:
		op.t = v
	}
	if op.t == nil {
		op.err = errors.Errorf("summary %s: want a *graph.Tensor or *graph.Variable, got %T", name, t)
		return op
	}
	if g := op.t.Graph(); g != nil {
		register(g, op)
	}
	return op
}

// Tag is the op's tag.
func (op *Op) Tag() string { return op.tag }

// Fetches is the op's tensor.
func (op *Op) Fetches() []*graph.Tensor { return []*graph.Tensor{op.t} }

// Result makes the op's Summary from its tensor's value.
func (op *Op) Result(vals []*nd.Array) (any, error) {
	v, err := op.value(vals[0])
	if err != nil {
		return nil, err
	}
	return &Summary{Value: []Value{v}}, nil
}

func (op *Op) value(a *nd.Array) (Value, error) {
	if op.err != nil {
		return Value{}, op.err
	}
	if a.DType() == nd.Bool {
		return Value{}, &Error{Tag: op.tag, Msg: fmt.Sprintf("summary %s: bool tensors are not summarized (TensorFlow summarizes numbers only)", op.tag)}
	}
	if !op.histo {
		if a.Rank() != 0 {
			return Value{}, &Error{Tag: op.tag, Msg: fmt.Sprintf("tags and values not the same shape: [] != %s (tag '%s')", graph.Shape(a.Shape()).Brackets(), op.tag)}
		}
		return Value{Tag: op.tag, SimpleValue: float32(a.Flat(0))}, nil
	}
	h := newHistogram()
	for i := range a.Len() {
		x := a.Flat(i)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Value{}, &Error{Tag: op.tag, Msg: "Nan in summary histogram for: " + op.tag}
		}
		h.add(x)
	}
	return Value{Tag: op.tag, Histo: h.proto()}, nil
}

// Merged is several summary ops fetched as one (tf.summary.merge_all's
// and tf.summary.merge's result): Run gives one *Summary with the values
// of all, in order.
type Merged struct {
	ops []*Op
}

// Merge merges the given summary ops (tf.summary.merge).
func Merge(ops ...*Op) *Merged { return &Merged{ops: ops} }

// MergeAll merges every summary op made so far on tensors of g
// (tf.summary.merge_all), in the order they were made.
func MergeAll(g *graph.Graph) *Merged {
	mu.Lock()
	defer mu.Unlock()
	return &Merged{ops: append([]*Op(nil), collections[weak.Make(g)]...)}
}

// Fetches is the tensors of the merged ops.
func (m *Merged) Fetches() []*graph.Tensor {
	ts := make([]*graph.Tensor, len(m.ops))
	for i, op := range m.ops {
		ts[i] = op.t
	}
	return ts
}

// Result makes the Summary of all merged ops from their tensors' values.
func (m *Merged) Result(vals []*nd.Array) (any, error) {
	s := &Summary{Value: make([]Value, len(m.ops))}
	for i, op := range m.ops {
		var err error
		if s.Value[i], err = op.value(vals[i]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Marshal encodes the summary as TensorFlow's Summary protocol buffer.
func (s *Summary) Marshal() []byte {
	values := make([]tfpb.SummaryValue, len(s.Value))
	for i, v := range s.Value {
		values[i] = tfpb.SummaryValue{Tag: v.Tag, Simple: v.SimpleValue, Histo: (*tfpb.HistogramProto)(v.Histo)}
	}
	return tfpb.MarshalSummary(values)
}

// The summary ops of each graph, for MergeAll (TF's SUMMARIES
// collection). A graph's entry goes when the graph is collected.
var (
	mu          sync.Mutex
	collections = map[weak.Pointer[graph.Graph]][]*Op{}
)

func register(g *graph.Graph, op *Op) {
	key := weak.Make(g)
	mu.Lock()
	defer mu.Unlock()
	if _, ok := collections[key]; !ok {
		runtime.AddCleanup(g, func(key weak.Pointer[graph.Graph]) {
			mu.Lock()
			delete(collections, key)
			mu.Unlock()
		}, key)
	}
	collections[key] = append(collections[key], op)
}

// histogram is TensorFlow's histogram (tensorflow/core/lib/histogram)
// with its default buckets.
type histogram struct {
	min, max, num, sum, sumSquares float64
	buckets                        []float64
}

// defaultLimits are TensorFlow's default bucket limits: ±1e-12 growing
// by 10% per bucket up to ±1e20, then ±DBL_MAX, and 0 in the middle.
var defaultLimits = sync.OnceValue(func() []float64 {
	var pos []float64
	for v := 1e-12; v < 1e20; v *= 1.1 {
		pos = append(pos, v)
	}
	pos = append(pos, math.MaxFloat64)
	limits := make([]float64, 0, 2*len(pos)+1)
	for i := len(pos) - 1; i >= 0; i-- {
		limits = append(limits, -pos[i])
	}
	limits = append(limits, 0)
	return append(limits, pos...)
})

func newHistogram() *histogram {
	limits := defaultLimits()
	return &histogram{min: limits[len(limits)-1], max: -math.MaxFloat64, buckets: make([]float64, len(limits))}
}

func (h *histogram) add(x float64) {
	limits := defaultLimits()
	b := sort.Search(len(limits), func(i int) bool { return limits[i] > x }) // upper_bound
	h.buckets[b]++
	if h.min > x {
		h.min = x
	}
	if h.max < x {
		h.max = x
	}
	h.num++
	h.sum += x
	h.sumSquares += x * x
}

// proto encodes h as TensorFlow's EncodeToProto does without
// preserve_zero_buckets: each run of empty buckets becomes one, with the
// run's last limit.
func (h *histogram) proto() *HistogramProto {
	limits := defaultLimits()
	p := &HistogramProto{Min: h.min, Max: h.max, Num: h.num, Sum: h.sum, SumSquares: h.sumSquares}
	for i := 0; i < len(h.buckets); {
		end, count := limits[i], h.buckets[i]
		i++
		if count <= 0 {
			for i < len(h.buckets) && h.buckets[i] <= 0 {
				end, count = limits[i], h.buckets[i]
				i++
			}
		}
		p.BucketLimit = append(p.BucketLimit, end)
		p.Bucket = append(p.Bucket, count)
	}
	return p
}
