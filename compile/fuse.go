package compile

import (
	"slices"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
)

// fusions are the kernel fusions the ops offer, found after elementwise
// grouping: a unit that runs one fused op in place of its members, and
// ops replaced by ones that share work (a max-pool and its gradient).
type fusions struct {
	kernels map[*graph.Node]fusedKernel // unit head → its kernel
	ops     map[*graph.Node]graph.Op    // node → the op it runs instead
}

// fusedKernel is a unit's single op and its inputs.
type fusedKernel struct {
	op     graph.Op
	inputs []*graph.Tensor
}

// fuse finds the fusions among the live nodes, moving fused nodes into
// their unit's group (groupOf), and reports them as fused groups.
func fuse(live []*graph.Node, groupOf map[*graph.Node]*graph.Node, consumers map[*graph.Node]int,
	fetched map[*graph.Node]bool, alias map[*graph.Node]*graph.Node, report *Report) fusions {
	fs := fusions{kernels: map[*graph.Node]fusedKernel{}, ops: map[*graph.Node]graph.Op{}}
	groups := map[*graph.Node][]*graph.Node{}
	readers := map[*graph.Node][]*graph.Node{}
	for _, n := range live {
		if h := groupOf[n]; h != nil {
			groups[h] = append(groups[h], n)
		}
		for _, in := range n.Inputs() {
			readers[in.Node()] = append(readers[in.Node()], n)
		}
	}
	// free: n's value goes only to its one reader, so nothing else needs
	// it stored
	free := func(n *graph.Node) bool {
		return consumers[n] == 1 && !fetched[n] && len(n.ControlInputs()) == 0 && alias[n] == nil
	}
	for _, h := range live {
		if groupOf[h] == h {
			fs.product(h, groups[h], groupOf, readers, free)
		}
	}
	fs.argmax(live, groupOf, report)
	fs.reluGrad(live, groups, groupOf, free)
	fs.gradient(live, groupOf, free)
	return fs
}

// product fuses the Conv2D or MatMul whose output the group [Add] or
// [Add, Relu] adds a bias vector to (opkit.BiasReluFuser) into the
// group, and the group's only reader too when the product takes it (a
// MaxPool after a convolution, in a program with no gradient of it).
func (fs fusions) product(h *graph.Node, group []*graph.Node, groupOf map[*graph.Node]*graph.Node,
	readers map[*graph.Node][]*graph.Node, free func(*graph.Node) bool) {
	if len(group) == 0 || len(group) > 2 || len(group[0].Inputs()) != 2 {
		return
	}
	add := group[0]
	var relu graph.Op
	if len(group) == 2 {
		if r := group[1]; len(r.Inputs()) != 1 || r.Inputs()[0].Node() != add {
			return
		}
		relu = group[1].Op()
	}
	out := add.Output().Shape()
	for side, in := range add.Inputs() {
		prod, bias := in.Node(), add.Inputs()[1-side]
		f, ok := prod.Op().(opkit.BiasReluFuser)
		if bs := bias.Shape(); !ok || !free(prod) || groupOf[prod] != nil || !sameShape(prod.Output(), add.Output()) ||
			prod.Output().DType() != add.Output().DType() || len(bs) != 1 || len(out) == 0 || bs[0] != out[len(out)-1] {
			continue
		}
		members := append([]*graph.Node{prod}, group...)
		names := ""
		for _, m := range members {
			names += m.Op().Type() + "+"
		}
		head, op := h, graph.Op(nil)
		if rd := readers[h]; len(rd) == 1 && free(h) && groupOf[rd[0]] == nil && len(rd[0].Inputs()) == 1 && len(rd[0].ControlInputs()) == 0 {
			if op, ok = f.FuseBiasRelu(add.Op(), relu, rd[0].Op(), names+rd[0].Op().Type()); ok {
				head, members = rd[0], append(members, rd[0])
			}
		}
		if head == h {
			if op, ok = f.FuseBiasRelu(add.Op(), relu, nil, names[:len(names)-1]); !ok {
				continue
			}
		}
		for _, m := range members {
			groupOf[m] = head
		}
		fs.kernels[head] = fusedKernel{op: op, inputs: []*graph.Tensor{prod.Inputs()[0], prod.Inputs()[1], bias}}
		return
	}
}

// argmax pairs each max-pool with its gradient (opkit.ArgmaxKeeper) where
// the gradient's dy depends on the pool's output, so that the pool runs
// first in every run.
func (fs fusions) argmax(live []*graph.Node, groupOf map[*graph.Node]*graph.Node, report *Report) {
	for _, p := range live {
		k, ok := p.Op().(opkit.ArgmaxKeeper)
		if !ok || groupOf[p] != nil || len(p.Inputs()) != 1 {
			continue
		}
		for _, g := range live {
			if fs.ops[p] != nil || groupOf[g] != nil || len(g.Inputs()) != 2 || g.Inputs()[0] != p.Inputs()[0] {
				continue
			}
			kp, kg, ok := k.KeepArgmax(g.Op())
			if !ok || !dependsOn(g.Inputs()[1].Node(), p) {
				continue
			}
			fs.ops[p], fs.ops[g] = kp, kg
			report.Groups = append(report.Groups, []string{p.Op().Type(), g.Op().Type() + " (argmax kept)"})
		}
	}
}

// reluGradFuser is a max-pool gradient (one keeping its argmax) that can
// take the ReluGrad after it: FuseReluGrad returns the op computing
// ReluGrad(x, grad(x, dy)) from the gradient's inputs x and dy, or false
// when reluGrad is not ReluGrad. (An interface of the compile step's own:
// only this fusion uses it.)
type reluGradFuser interface {
	FuseReluGrad(reluGrad graph.Op) (graph.Op, bool)
}

// reluGrad fuses a ReluGrad standing alone in its unit into the max-pool
// gradient it reads (reluGradFuser) when that gradient has no other reader
// and the ReluGrad's x is the pool's input (a max-pool over a ReLU): one
// pass over the gradient instead of two.
func (fs fusions) reluGrad(live []*graph.Node, groups map[*graph.Node][]*graph.Node, groupOf map[*graph.Node]*graph.Node,
	free func(*graph.Node) bool) {
	for _, r := range live {
		if groupOf[r] != r || len(groups[r]) != 1 || len(r.Inputs()) != 2 {
			continue
		}
		g := r.Inputs()[1].Node()
		f, ok := fs.ops[g].(reluGradFuser)
		if !ok || !free(g) || groupOf[g] != nil || r.Inputs()[0] != g.Inputs()[0] {
			continue
		}
		op, ok := f.FuseReluGrad(r.Op())
		if !ok {
			continue
		}
		groupOf[g] = r
		fs.kernels[r] = fusedKernel{op: op, inputs: g.Inputs()} // Explain names the group
	}
}

// gradient fuses a float32 product (opkit.RowProduct) whose only reader
// is an update op (opkit.GradientFuser) taking it as its gradient into
// the update, which then makes the gradient a block at a time and
// applies each block while it is in cache.
func (fs fusions) gradient(live []*graph.Node, groupOf map[*graph.Node]*graph.Node, free func(*graph.Node) bool) {
	for _, u := range live {
		f, ok := u.Op().(opkit.GradientFuser)
		if !ok || groupOf[u] != nil {
			continue
		}
		gi := f.GradientInput()
		p := u.Inputs()[gi].Node()
		prod, ok := p.Op().(opkit.RowProduct)
		if !ok || !free(p) || groupOf[p] != nil || fs.ops[p] != nil || p.Output().DType() != graph.Float32 {
			continue
		}
		op, ok := f.FuseGradient(prod)
		if !ok {
			continue
		}
		groupOf[p], groupOf[u] = u, u
		inputs := append(append(slices.Clone(u.Inputs()[:gi]), p.Inputs()...), u.Inputs()[gi+1:]...)
		fs.kernels[u] = fusedKernel{op: op, inputs: inputs} // Explain names the group
	}
}

// dependsOn reports whether n's value depends on dep's.
func dependsOn(n, dep *graph.Node) bool {
	return opkit.Reach([]*graph.Node{n}, func(m *graph.Node) []*graph.Node {
		var next []*graph.Node
		for _, in := range m.Inputs() {
			next = append(next, in.Node())
		}
		return next
	})[dep]
}
