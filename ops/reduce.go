package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
)

// reduceOp sums (or averages) over axes; nil axes means all of them.
type reduceOp struct {
	mean bool
	axes []int
}

func (r reduceOp) Type() string {
	if r.mean {
		return "Mean"
	}
	return "Sum"
}

// TFOps is 2: tf.reduce_sum and tf.reduce_mean made a Const of the axes.
func (reduceOp) TFOps() int { return 2 }

// normAxes resolves negative axes against rank and marks them.
func normAxes(axes []int, rank int) ([]bool, error) {
	red := make([]bool, rank)
	if axes == nil {
		for i := range red {
			red[i] = true
		}
		return red, nil
	}
	for _, a := range axes {
		if a < -rank || a >= rank {
			return nil, errors.Errorf("Invalid reduction dimension %d for input with %d dimensions", a, rank)
		}
		red[(a+rank)%rank] = true
	}
	return red, nil
}

// keptShape is the input shape with reduced dims set to 1 (keep_dims).
func keptShape(in graph.Shape, red []bool) graph.Shape {
	out := in.Clone()
	for i, r := range red {
		if r {
			out[i] = 1
		}
	}
	return out
}

func (r reduceOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[0]
	if err := requireFloat(x); err != nil {
		return x.DType(), nil, err
	}
	s := x.Shape()
	if !s.Known() {
		if r.axes == nil {
			return x.DType(), graph.Shape{}, nil
		}
		return x.DType(), graph.UnknownShape, nil
	}
	red, err := normAxes(r.axes, len(s))
	if err != nil {
		return x.DType(), nil, err
	}
	out := graph.Shape{}
	for i, d := range s {
		if !red[i] {
			out = append(out, d)
		}
	}
	return x.DType(), out, nil
}

func (r reduceOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	x := in[0]
	red, err := normAxes(r.axes, x.Rank())
	if err != nil {
		return err
	}
	count := x.Len() / max(out.Len(), 1)
	sumTo(x, out, keptShape(x.Shape(), red), r.mean, count)
	return nil
}

// sumTo adds x's elements into out (shape kept, broadcastable to x),
// accumulating in float64 in x's element order, then divides by count
// when mean is set. Sums down to columns or rows (a bias gradient, a
// per-row total) run across goroutines, each output element summed by
// one goroutine in the serial order; a total stays on one goroutine,
// since its order is the serial one only there.
func sumTo(x, out *nd.Array, kept []int, mean bool, count int) {
	acc := getScratch[float64](out.Len())
	defer putScratch(acc)
	clear(*acc)
	switch d := x.Data().(type) {
	case []float32:
		sumInto(*acc, d, x.Shape(), kept)
	case []float64:
		sumInto(*acc, d, x.Shape(), kept)
	}
	for i, v := range *acc {
		if mean {
			v /= float64(count)
		}
		out.SetFlat(i, v)
	}
}

// sumInto adds x (of shape dims) into acc (of shape kept).
func sumInto[T float32 | float64](acc []float64, x []T, dims, kept []int) {
	runs, firstKept := reductionRuns(dims, kept)
	switch {
	case len(x) == 0:
	case len(runs) == 1 && len(acc) == 1: // a total
		for _, v := range x {
			acc[0] += float64(v)
		}
	case len(runs) == 1: // nothing reduced
		for i, v := range x {
			acc[i] = float64(v)
		}
	case len(runs) == 2 && !firstKept: // [rows, cols] to [cols]
		rows, cols := runs[0], runs[1]
		par.For(cols, max(min(32, cols/2), 16, 1<<16/rows), func(j0, j1 int) { // 32 columns a chunk if that leaves two
			if x32, ok := any(x).([]float32); ok { // 16 columns at a time
				j0 += colSums32(acc[j0:j1], x32[j0:], rows, cols)
			}
			a := acc[j0:j1]
			for r := range rows {
				for j, v := range x[r*cols+j0 : r*cols+j1] {
					a[j] += float64(v)
				}
			}
		})
	case len(runs) == 2: // [rows, cols] to [rows]
		cols := runs[1]
		par.For(runs[0], max(1, 1<<16/cols), func(r0, r1 int) {
			for r := r0; r < r1; r++ {
				s := 0.0
				for _, v := range x[r*cols : (r+1)*cols] {
					s += float64(v)
				}
				acc[r] = s
			}
		})
	default:
		for i, j := range opkit.BroadcastIndex(kept, dims) {
			acc[j] += float64(x[i])
		}
	}
}

// reductionRuns merges neighbouring dims that are all reduced or all kept
// (dims of size 1 join either) and returns the runs' sizes, outermost
// first, and whether the first run is kept; the runs alternate between
// reduced and kept.
func reductionRuns(dims, kept []int) (runs []int, firstKept bool) {
	last := -1 // 0 reduced, 1 kept
	for d, n := range dims {
		if n == 1 {
			continue
		}
		k := 0
		if kept[d] == n {
			k = 1
		}
		if k == last {
			runs[len(runs)-1] *= n
			continue
		}
		if runs == nil {
			firstKept = k == 1
		}
		runs = append(runs, n)
		last = k
	}
	if runs == nil {
		runs = []int{1}
	}
	return runs, firstKept
}

func (r reduceOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(broadcastGradOp{reduce: r}, dy, n.Inputs()[0])}
}

// ReduceSum sums x over the given axes, or over all of them when none are
// given (tf.reduce_sum(x) and tf.reduce_sum(x, axis)).
func ReduceSum(x any, axes ...int) *graph.Tensor {
	return node(reduceOp{axes: axesOrNil(axes)}, tensor(x, 0))
}

// ReduceMean averages x over the given axes, or over all of them
// (tf.reduce_mean).
func ReduceMean(x any, axes ...int) *graph.Tensor {
	return node(reduceOp{mean: true, axes: axesOrNil(axes)}, tensor(x, 0))
}

func axesOrNil(axes []int) []int {
	if len(axes) == 0 {
		return nil
	}
	return append([]int{}, axes...)
}

// broadcastGradOp spreads the gradient of a reduction, dy, back over the
// reduced input x (divided by the count for a mean).
type broadcastGradOp struct{ reduce reduceOp }

func (broadcastGradOp) Type() string { return "BroadcastGradient" }

func (broadcastGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[1].Shape(), nil
}

func (b broadcastGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	dy, x := in[0], in[1]
	red, err := normAxes(b.reduce.axes, x.Rank())
	if err != nil {
		return err
	}
	scale := 1.0
	if b.reduce.mean {
		scale = float64(dy.Len()) / float64(x.Len())
	}
	for i, j := range opkit.BroadcastIndex(keptShape(x.Shape(), red), x.Shape()) {
		out.SetFlat(i, dy.Flat(j)*scale)
	}
	return nil
}

// reduceToOp sums a broadcast gradient back to the shape of the operand
// it was broadcast from (TF does this with BroadcastGradientArgs and Sum).
type reduceToOp struct{}

func (reduceToOp) Type() string { return "SumToShape" }

func (reduceToOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[1].Shape(), nil
}

// IsIdentityFor reports whether the op passes its input through unchanged
// for these concrete shapes: the compile step then drops it.
func (reduceToOp) IsIdentityFor(in [][]int) bool {
	return nd.NumElements(in[0]) == nd.NumElements(in[1])
}

func (reduceToOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	dy, x := in[0], in[1]
	if dy.Len() == x.Len() {
		out.CopyFrom(dy)
		return nil
	}
	// pad x's shape on the left to dy's rank; those dims are summed away
	kept := make([]int, dy.Rank())
	xs := x.Shape()
	for i := range kept {
		kept[i] = 1
		if j := i - (dy.Rank() - len(xs)); j >= 0 {
			kept[i] = xs[j]
		}
	}
	sumTo(dy, out, kept, false, 1)
	return nil
}

// reduceTo sums dy down to x's shape; gradients of broadcasting ops use it.
func reduceTo(dy, x *graph.Tensor) *graph.Tensor {
	if dy == nil {
		return nil
	}
	if ds, xs := dy.Shape(), x.Shape(); ds.FullyDefined() && xs.FullyDefined() && len(ds) == len(xs) && ds.NumElements() == xs.NumElements() {
		return dy
	}
	return node(reduceToOp{}, dy, x)
}
