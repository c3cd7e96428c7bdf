package ops

import (
	"math"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
)

// reduceExtraOp takes the max, min or product over axes (tf.reduce_max,
// tf.reduce_min, tf.reduce_prod); its shape rule and axes are those of
// ReduceSum's op.
type reduceExtraOp struct {
	reduceOp
	kind string // "Max", "Min" or "Prod", TF's op name
}

func (r reduceExtraOp) Type() string { return r.kind }

// groups lists, for each output element, the input elements reduced
// into it.
func (r reduceExtraOp) groups(x []int, outLen int) ([][]int, error) {
	red, err := normAxes(r.axes, len(x))
	if err != nil {
		return nil, err
	}
	g := make([][]int, outLen)
	for i, j := range opkit.BroadcastIndex(keptShape(x, red), x) {
		g[j] = append(g[j], i)
	}
	return g, nil
}

func (r reduceExtraOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	x := in[0]
	groups, err := r.groups(x.Shape(), out.Len())
	if err != nil {
		return err
	}
	for j, idx := range groups {
		acc := 1.0
		switch r.kind {
		case "Max":
			acc = math.Inf(-1)
		case "Min":
			acc = math.Inf(1)
		}
		for _, i := range idx {
			switch v := x.Flat(i); r.kind {
			case "Max":
				acc = math.Max(acc, v)
			case "Min":
				acc = math.Min(acc, v)
			default:
				acc *= v
			}
		}
		out.SetFlat(j, acc)
	}
	return nil
}

func (r reduceExtraOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(reduceExtraGradOp{r}, n.Inputs()[0], dy)}
}

// reduceExtraGradOp is the gradient of a max or min (dy shared evenly by
// the elements equal to the result, as TF's) or of a product (dy times
// the product of the other elements, exact where some are 0). Inputs: x,
// dy.
type reduceExtraGradOp struct{ r reduceExtraOp }

func (g reduceExtraGradOp) Type() string { return g.r.kind + "Grad" }

func (reduceExtraGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[1].DType(), in[0].Shape(), nil
}

func (g reduceExtraGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	x, dy := in[0], in[1]
	groups, err := g.r.groups(x.Shape(), dy.Len())
	if err != nil {
		return err
	}
	res := nd.New(x.DType(), dy.Shape()...)
	if err := g.r.Compute(nil, in[:1], res); err != nil {
		return err
	}
	for j, idx := range groups {
		if g.r.kind != "Prod" {
			var hits []int
			for _, i := range idx {
				if x.Flat(i) == res.Flat(j) {
					hits = append(hits, i)
				}
			}
			for _, i := range idx {
				out.SetFlat(i, 0)
			}
			for _, i := range hits {
				out.SetFlat(i, dy.Flat(j)/float64(len(hits)))
			}
			continue
		}
		for _, i := range idx {
			others := 1.0
			for _, k := range idx {
				if k != i {
					others *= x.Flat(k)
				}
			}
			out.SetFlat(i, others*dy.Flat(j))
		}
	}
	return nil
}

func reduceExtra(kind string, x any, axes []int) *graph.Tensor {
	return node(reduceExtraOp{reduceOp: reduceOp{axes: axesOrNil(axes)}, kind: kind}, tensor(x, 0))
}

// ReduceMax is the largest element over the given axes, or over all of
// them (tf.reduce_max); the gradient is shared by the elements that tie.
func ReduceMax(x any, axes ...int) *graph.Tensor { return reduceExtra("Max", x, axes) }

// ReduceMin is the smallest element over the given axes, or all of them
// (tf.reduce_min).
func ReduceMin(x any, axes ...int) *graph.Tensor { return reduceExtra("Min", x, axes) }

// ReduceProd is the product over the given axes, or all of them
// (tf.reduce_prod).
func ReduceProd(x any, axes ...int) *graph.Tensor { return reduceExtra("Prod", x, axes) }
