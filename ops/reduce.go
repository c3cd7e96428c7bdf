package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
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
// accumulating in float64, then divides by count when mean is set.
func sumTo(x, out *nd.Array, kept []int, mean bool, count int) {
	acc := make([]float64, out.Len())
	switch d := x.Data().(type) {
	case []float32:
		if len(acc) == 1 {
			for _, v := range d {
				acc[0] += float64(v)
			}
		} else {
			for i, j := range opkit.BroadcastIndex(kept, x.Shape()) {
				acc[j] += float64(d[i])
			}
		}
	case []float64:
		if len(acc) == 1 {
			for _, v := range d {
				acc[0] += v
			}
		} else {
			for i, j := range opkit.BroadcastIndex(kept, x.Shape()) {
				acc[j] += d[i]
			}
		}
	}
	for i, v := range acc {
		if mean {
			v /= float64(count)
		}
		out.SetFlat(i, v)
	}
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
