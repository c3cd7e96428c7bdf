package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
)

// Gradients returns d(sum(ys))/dx for each x (tf.gradients(ys, xs)): a
// tensor of x's shape that a Session can fetch, or nil where no
// differentiable path leads from x to the ys (TF's None). A nil y or x
// gives, in its place, a tensor whose error the graph reports at Run.
func Gradients(ys []*graph.Tensor, xs []*graph.Tensor) []*graph.Tensor {
	out := make([]*graph.Tensor, len(xs))
	var g *graph.Graph // the first graph named, where errors are kept
	for _, t := range append(append([]*graph.Tensor{}, ys...), xs...) {
		if t != nil && g == nil {
			g = t.Graph()
		}
	}
	for i, y := range ys {
		if y == nil {
			err := errors.Errorf("ys[%d] of Gradients is nil: None values not supported.", i)
			bad := invalid(err, g)
			for j := range out {
				out[j] = bad
			}
			return out
		}
	}
	reach := opkit.DependsOn(ys)
	for i, x := range xs {
		if x == nil {
			out[i] = invalid(errors.Errorf("xs[%d] of Gradients is nil: None values not supported.", i), g)
			continue
		}
		if !reach[x.Node()] || !x.DType().IsFloat() {
			continue
		}
		in := append(append([]*graph.Tensor{}, ys...), x)
		out[i] = graph.NewNode(opkit.SymbolicGradient{NY: len(ys)}, in).Output()
	}
	return out
}
