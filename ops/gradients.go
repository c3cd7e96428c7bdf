package ops

import (
	"github.com/tf1go/tf1go/graph"
)

// gradientsOp stands for d(sum of ys)/dx until the compile step expands
// it: inputs are ys..., x. Expanding at compile time lets the backward
// pass run over the stabilized, shape-fixed forward graph.
type gradientsOp struct{ ny int }

func (gradientsOp) Type() string { return "SymbolicGradient" }

func (g gradientsOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[g.ny]
	return x.DType(), x.Shape(), nil
}

// GradientsOf reports whether op is a symbolic gradient and how many of
// its inputs are the ys (the last input is x).
func GradientsOf(op graph.Op) (ny int, ok bool) {
	g, ok := op.(gradientsOp)
	return g.ny, ok
}

// Gradients returns d(sum(ys))/dx for each x (tf.gradients(ys, xs)): a
// tensor of x's shape that a Session can fetch, or nil where no
// differentiable path leads from x to the ys (TF's None).
func Gradients(ys []*graph.Tensor, xs []*graph.Tensor) []*graph.Tensor {
	reach := DependsOn(ys)
	out := make([]*graph.Tensor, len(xs))
	for i, x := range xs {
		if !reach[x.Node()] || !x.DType().IsFloat() {
			continue
		}
		in := append(append([]*graph.Tensor{}, ys...), x)
		out[i] = graph.NewNode(gradientsOp{ny: len(ys)}, in).Output()
	}
	return out
}

// DependsOn returns the nodes that the ys depend on through
// differentiable ops (the ys' own nodes included).
func DependsOn(ys []*graph.Tensor) map[*graph.Node]bool {
	seen := map[*graph.Node]bool{}
	var walk func(n *graph.Node)
	walk = func(n *graph.Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		if _, ok := n.Op().(graph.Gradient); !ok {
			return
		}
		for _, in := range n.Inputs() {
			if in.DType().IsFloat() {
				walk(in.Node())
			}
		}
	}
	for _, y := range ys {
		walk(y.Node())
	}
	return seen
}
