// Package opkit is what the ops package and the compile step share and a
// user never needs: the contract of an elementwise op that the compile
// step fuses, the symbolic gradient op that it expands, the stable
// rewrites it applies, broadcast index maps, and the one graph walk both
// use. Keeping it here keeps it out of the public ops API.
package opkit

import "github.com/tf1go/tf1go/graph"

// Elementwise is an op whose output element i depends only on element i
// of each input after broadcasting. Eval computes a tile of outputs in
// float64; the compile step rounds to float32 after each op of a float32
// program, so a fused chain returns what the unfused ops would.
//
// The compile step fuses chains of Elementwise ops into one kernel and
// runs a lone one the same way, so Eval is the only kernel they have.
type Elementwise interface {
	graph.Op
	Eval(dst []float64, args [][]float64)
}

// Stabilizer is an op that, given its inputs, may stand for a form that
// stays finite where the literal formula does not (Log of a Softmax is
// LogSoftmax). Stabilize returns that form, built in the inputs' graph,
// and how to report it, or nil when the op keeps its literal meaning.
// It matches the ops it rewrites by identity, never by name.
type Stabilizer interface {
	Stabilize(in []*graph.Tensor) (t *graph.Tensor, what string)
}

// SymbolicGradient stands for d(sum of ys)/dx until the compile step
// expands it: its inputs are ys..., x, and NY counts the ys. Expanding at
// compile time lets the backward pass run over the stabilized,
// shape-fixed forward graph.
type SymbolicGradient struct{ NY int }

func (SymbolicGradient) Type() string { return "SymbolicGradient" }

func (g SymbolicGradient) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[g.NY]
	return x.DType(), x.Shape(), nil
}

// Reach returns the nodes reachable from roots, the roots included,
// following next from each node.
func Reach(roots []*graph.Node, next func(n *graph.Node) []*graph.Node) map[*graph.Node]bool {
	seen := map[*graph.Node]bool{}
	stack := append([]*graph.Node{}, roots...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, next(n)...)
	}
	return seen
}

// DependsOn returns the nodes that the ys depend on through
// differentiable ops, along float tensors (the ys' own nodes included).
func DependsOn(ys []*graph.Tensor) map[*graph.Node]bool {
	roots := make([]*graph.Node, len(ys))
	for i, y := range ys {
		roots[i] = y.Node()
	}
	return Reach(roots, func(n *graph.Node) []*graph.Node {
		if _, ok := n.Op().(graph.Gradient); !ok {
			return nil
		}
		var next []*graph.Node
		for _, in := range n.Inputs() {
			if in.DType().IsFloat() {
				next = append(next, in.Node())
			}
		}
		return next
	})
}
