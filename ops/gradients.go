package ops

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
)

// Gradients returns d(sum(ys))/dx for each x (tf.gradients(ys, xs)): a
// tensor of x's shape that a Session can fetch, or nil where no
// differentiable path leads from x to the ys (TF's None).
func Gradients(ys []*graph.Tensor, xs []*graph.Tensor) []*graph.Tensor {
	reach := opkit.DependsOn(ys)
	out := make([]*graph.Tensor, len(xs))
	for i, x := range xs {
		if !reach[x.Node()] || !x.DType().IsFloat() {
			continue
		}
		in := append(append([]*graph.Tensor{}, ys...), x)
		out[i] = graph.NewNode(opkit.SymbolicGradient{NY: len(ys)}, in).Output()
	}
	return out
}
