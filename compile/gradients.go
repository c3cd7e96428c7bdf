package compile

import (
	"sort"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// backprop builds d(sum(ys))/dx for each x in the program graph, by
// reverse accumulation over the nodes between them: each op's Grad gives
// its inputs' shares, and shares meeting at a tensor are added. Nodes
// are visited by decreasing id, a reverse topological order, since a
// node is always created after its inputs.
func backprop(ys, xs []*graph.Tensor) []*graph.Tensor {
	onPath := opkit.DependsOn(ys)
	// keep only nodes that some x feeds into
	fromX := map[*graph.Node]bool{}
	for _, x := range xs {
		fromX[x.Node()] = true
	}
	var nodes []*graph.Node
	for n := range onPath {
		nodes = append(nodes, n)
	}
	sortByID(nodes)
	for _, n := range nodes { // increasing id: inputs first
		for _, in := range n.Inputs() {
			if fromX[in.Node()] {
				fromX[n] = true
			}
		}
	}
	grads := map[*graph.Tensor]*graph.Tensor{}
	add := func(t, g *graph.Tensor) {
		if g == nil {
			return
		}
		if prev := grads[t]; prev != nil {
			g = ops.Add(prev, g)
		}
		grads[t] = g
	}
	for _, y := range ys {
		add(y, ops.Constant(onesLike(y)).In(y.Graph()))
	}
	for i := len(nodes) - 1; i >= 0; i-- {
		n := nodes[i]
		dy := grads[n.Output()]
		gr, ok := n.Op().(graph.Gradient)
		if dy == nil || !ok || !fromX[n] {
			continue
		}
		for k, g := range gr.Grad(n, dy) {
			if in := n.Inputs()[k]; fromX[in.Node()] && in.DType().IsFloat() {
				add(in, g)
			}
		}
	}
	out := make([]*graph.Tensor, len(xs))
	for i, x := range xs {
		out[i] = grads[x]
	}
	return out
}

func onesLike(t *graph.Tensor) *nd.Array {
	a := nd.New(t.DType(), t.Shape()...)
	for i := 0; i < a.Len(); i++ {
		a.SetFlat(i, 1)
	}
	return a
}

func sortByID(nodes []*graph.Node) {
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID() < nodes[j].ID() })
}
