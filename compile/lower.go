package compile

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/compile/internal/vm"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
)

// passthrough ops return their input unchanged for some shapes (a sum
// back to the same shape); the compile step drops them there.
type passthrough interface {
	IsIdentityFor(in [][]int) bool
}

// unit is one lowered piece of the program: a source (feed, variable,
// constant), a kernel, or a fused group of elementwise ops.
type unit struct {
	nodes []*graph.Node // group members in order; the last is the output
	vn    *vm.Node      // its value in the machine
	arr   *nd.Array     // the output buffer, or nil for a source
}

// lower prunes the program graph to what outs and targets need, groups
// elementwise chains, and builds the Gorgonia machine.
func lower(c *copier, st State, outs []*graph.Tensor, targets []*graph.Node) (*Program, error) {
	live := liveNodes(outs, targets)
	p := &Program{m: vm.New(), st: st, feeds: map[*graph.Tensor]*vm.Node{}, report: c.report}
	c.report.Live = len(live)
	fetched := map[*graph.Node]bool{}
	for _, t := range outs {
		fetched[t.Node()] = true
	}
	consumers := map[*graph.Node]int{}
	for _, n := range live {
		for _, in := range n.Inputs() {
			consumers[in.Node()]++
		}
	}
	// aliases: passthrough nodes stand for their input
	alias := map[*graph.Node]*graph.Node{}
	for _, n := range live {
		if pt, ok := n.Op().(passthrough); ok && pt.IsIdentityFor(concreteShapes(n)) {
			alias[n] = n.Inputs()[0].Node()
		}
	}
	// fusion: an elementwise node joins its only consumer's group when
	// that consumer is elementwise with the same shape and dtype.
	groupOf := map[*graph.Node]*graph.Node{} // member → group output node
	for i := len(live) - 1; i >= 0; i-- {
		n := live[i]
		if _, ok := n.Op().(opkit.Elementwise); !ok || alias[n] != nil {
			continue
		}
		if groupOf[n] == nil {
			groupOf[n] = n
		}
		if c.opt.NoFusion {
			continue
		}
		for _, in := range n.Inputs() {
			m := in.Node()
			if _, ok := m.Op().(opkit.Elementwise); ok && alias[m] == nil && consumers[m] == 1 && !fetched[m] &&
				len(m.ControlInputs()) == 0 && sameShape(m.Output(), n.Output()) && m.Output().DType() == n.Output().DType() {
				groupOf[m] = groupOf[n]
			}
		}
	}
	// kernel fusions: products with their bias, ReLU and pool; pools
	// with their gradients
	if !c.opt.NoFusion {
		p.fusions = fuse(live, groupOf, consumers, fetched, alias, c.report)
	}
	// readers of each variable, so writers can run after them
	readers := map[*graph.Node][]*graph.Node{}
	writes := map[*graph.Node]map[*graph.Node]bool{} // stateful node → vars it writes
	for _, n := range live {
		if st, ok := n.Op().(graph.Stateful); ok {
			writes[n] = map[*graph.Node]bool{}
			for _, r := range st.RefInputs() {
				writes[n][n.Inputs()[r].Node()] = true
			}
		}
	}
	for _, n := range live {
		for _, in := range n.Inputs() {
			v := in.Node()
			if _, isVar := v.Op().(graph.VariableOp); isVar && !writes[n][v] {
				readers[v] = append(readers[v], n)
			}
		}
	}
	p.reads = map[*graph.Node]bool{}
	for _, n := range live {
		for i, in := range n.Inputs() {
			if _, isVar := in.Node().Op().(graph.VariableOp); isVar {
				if _, isAssign := n.Op().(graph.AssignOp); !isAssign || i != 0 {
					p.reads[c.origin[in.Node()]] = true
				}
			}
		}
	}
	for _, t := range outs {
		if _, isVar := t.Node().Op().(graph.VariableOp); isVar {
			p.reads[c.origin[t.Node()]] = true
		}
	}
	units := map[*graph.Node]*unit{} // output node → unit
	members := map[*graph.Node][]*graph.Node{}
	for _, n := range live {
		if g := groupOf[n]; g != nil {
			members[g] = append(members[g], n)
		}
	}
	// head is the output node of the unit that computes n's value
	head := func(n *graph.Node) *graph.Node {
		for alias[n] != nil {
			n = alias[n]
		}
		if g := groupOf[n]; g != nil {
			return g
		}
		return n
	}
	unitOf := func(n *graph.Node) *unit { return units[head(n)] }
	order := orderUnits(live, writes, readers, head)
	// memory plan: a unit's output buffer returns to the pool after the
	// last unit that reads it, for a later unit of the same size to reuse
	lastUse := map[*graph.Node]int{}
	for i, n := range order {
		for _, m := range append([]*graph.Node{n}, members[n]...) {
			for _, in := range m.Inputs() {
				lastUse[head(in.Node())] = i
			}
		}
	}
	kept := map[*graph.Node]bool{}
	for _, t := range outs {
		kept[head(t.Node())] = true
	}
	p.buffers = c.req.Arena
	if p.buffers == nil {
		p.buffers = &Arena{}
	}
	before, handed := p.buffers.allocated, p.buffers.handed
	for i, n := range order {
		u, err := p.lowerNode(c, n, members[n], unitOf, writes, readers)
		if err != nil {
			return nil, err
		}
		for h, last := range lastUse {
			if last == i && !kept[h] && units[h] != nil {
				p.buffers.put(units[h].arr)
			}
		}
		if _, used := lastUse[n]; u != nil && !used && !kept[n] {
			p.buffers.put(u.arr) // nobody reads it: free for the next unit
		}
		if u != nil {
			units[n] = u
			if len(u.nodes) > 1 {
				names := make([]string, len(u.nodes))
				for i, m := range u.nodes {
					names[i] = m.Op().Type()
				}
				c.report.Groups = append(c.report.Groups, names)
			}
		}
	}
	for _, t := range outs {
		p.fetches = append(p.fetches, unitOf(t.Node()))
	}
	// between runs nothing in the program's buffers matters (fetched
	// values are copied out), so a program compiled next may reuse them
	for _, n := range order {
		if u := units[n]; u != nil {
			p.buffers.put(u.arr)
		}
	}
	p.report.NewBytes = p.buffers.allocated - before
	p.report.OutputBytes = p.buffers.handed - handed
	p.report.Units = p.m.Units()
	p.report.Inputs = p.m.Inputs()
	if err := p.m.Build(); err != nil {
		return nil, err
	}
	return p, nil
}

func sameShape(a, b *graph.Tensor) bool {
	sa, sb := a.Shape(), b.Shape()
	if len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		if sa[i] != sb[i] {
			return false
		}
	}
	return true
}

func concreteShapes(n *graph.Node) [][]int {
	out := make([][]int, len(n.Inputs()))
	for i, in := range n.Inputs() {
		out[i] = in.Shape()
	}
	return out
}

// liveNodes returns, in id order, the nodes that outs and targets need.
func liveNodes(outs []*graph.Tensor, targets []*graph.Node) []*graph.Node {
	roots := append([]*graph.Node{}, targets...)
	for _, t := range outs {
		roots = append(roots, t.Node())
	}
	seen := opkit.Reach(roots, func(n *graph.Node) []*graph.Node {
		next := append([]*graph.Node{}, n.ControlInputs()...)
		for _, in := range n.Inputs() {
			next = append(next, in.Node())
		}
		return next
	})
	nodes := make([]*graph.Node, 0, len(seen))
	for n := range seen {
		nodes = append(nodes, n)
	}
	sortByID(nodes)
	return nodes
}

// orderUnits returns the unit output nodes in an order where every unit
// comes after its data inputs, its control inputs and, for a writer of a
// variable, after every reader of that variable.
// head maps a node to its unit's output node.
func orderUnits(live []*graph.Node, writes map[*graph.Node]map[*graph.Node]bool, readers map[*graph.Node][]*graph.Node,
	head func(*graph.Node) *graph.Node) []*graph.Node {
	state := map[*graph.Node]int{}
	var order []*graph.Node
	var visit func(n *graph.Node)
	visit = func(n *graph.Node) {
		n = head(n)
		if state[n] != 0 {
			return
		}
		state[n] = 1
		var deps []*graph.Node
		for _, m := range live {
			if head(m) == n {
				for _, in := range m.Inputs() {
					deps = append(deps, in.Node())
				}
				deps = append(deps, m.ControlInputs()...)
				for v := range writes[m] {
					deps = append(deps, readers[v]...)
				}
			}
		}
		for _, d := range deps {
			if head(d) != n {
				visit(d)
			}
		}
		state[n] = 2
		order = append(order, n)
	}
	for _, n := range live {
		visit(n)
	}
	return order
}

// lowerNode makes the unit whose output node is n (for a group, members
// lists the group in id order).
func (p *Program) lowerNode(c *copier, n *graph.Node, members []*graph.Node, unitOf func(*graph.Node) *unit,
	writes map[*graph.Node]map[*graph.Node]bool, readers map[*graph.Node][]*graph.Node) (*unit, error) {
	name := n.Name()
	// ordering-only children: control inputs (through NoOps) and, for a
	// writer, the variable's readers
	var after []*vm.Node
	seenAfter := map[*vm.Node]bool{}
	var addAfter func(m *graph.Node)
	addAfter = func(m *graph.Node) {
		if graph.IsNoOp(m.Op()) {
			for _, ctl := range m.ControlInputs() {
				addAfter(ctl)
			}
			return
		}
		if u := unitOf(m); u != nil && !seenAfter[u.vn] {
			seenAfter[u.vn] = true
			after = append(after, u.vn)
		}
	}
	for _, ctl := range n.ControlInputs() {
		addAfter(ctl)
	}
	for v := range writes[n] {
		for _, r := range readers[v] {
			addAfter(r)
		}
	}

	switch op := n.Op().(type) {
	case graph.PlaceholderOp:
		in := p.m.Input(op.DType, n.Output().Shape(), name)
		p.feeds[c.fedPG[n]] = in
		return &unit{nodes: []*graph.Node{n}, vn: in}, nil
	case graph.VariableOp:
		in := p.m.Input(op.DType, n.Output().Shape(), name) // set at run from the session's storage
		p.vars = append(p.vars, varInput{v: c.origin[n], in: in})
		return &unit{nodes: []*graph.Node{n}, vn: in}, nil
	case graph.ConstOp:
		in := p.m.Input(op.Value.DType(), op.Value.Shape(), name)
		in.Set(op.Value)
		return &unit{nodes: []*graph.Node{n}, vn: in}, nil
	}
	if graph.IsNoOp(n.Op()) {
		return nil, nil
	}
	var out *nd.Array
	if t := n.Output(); t != nil {
		out = p.buffers.get(t.DType(), t.Shape())
	} else {
		out = p.buffers.get(nd.Float32, nil)
	}
	p.scratch = append(p.scratch, out)

	var run func([]*nd.Array) error
	var ins []*graph.Tensor
	fk, fusedKernel := p.fusions.kernels[n]
	switch {
	case fusedKernel:
		k := fk.op.(graph.Kernel)
		ins, run = fk.inputs, func(in []*nd.Array) error {
			return errors.Wrapf(k.Compute(nil, in, out), "%s (op: %s)", name, fk.op.Type())
		}
	case len(members) > 0:
		f := newFused(members)
		ins, run = f.inputs, func(in []*nd.Array) error { return f.run(in, out) }
	default:
		op := n.Op()
		if o := p.fusions.ops[n]; o != nil {
			op = o
		}
		k, ok := op.(graph.Kernel)
		if !ok {
			return nil, errors.Errorf("no kernel for op %s (%s)", name, n.Op().Type())
		}
		env := &graph.Env{}
		if _, random := n.Op().(graph.Random); random {
			env.Rand = p.st.Rand(c.origin[n])
		}
		ins = n.Inputs()
		run = func(in []*nd.Array) error {
			return errors.Wrapf(k.Compute(env, in, out), "%s (op: %s)", name, n.Op().Type())
		}
	}
	children := make([]*vm.Node, 0, len(ins)+len(after))
	for _, t := range ins {
		u := unitOf(t.Node())
		if u == nil {
			return nil, errors.Errorf("internal: input %s of %s was not lowered", t.Node().Name(), name)
		}
		children = append(children, u.vn)
	}
	vn, err := p.m.Apply(name, out, append(children, after...), len(ins), run)
	if err != nil {
		return nil, err
	}
	nodes := members
	if len(nodes) == 0 {
		nodes = []*graph.Node{n}
	}
	for _, m := range nodes {
		if _, isAssign := m.Op().(graph.AssignOp); isAssign {
			p.assigned = append(p.assigned, c.origin[m.Inputs()[0].Node()])
		}
	}
	return &unit{nodes: nodes, vn: vn, arr: out}, nil
}

// Arena is scratch memory for the outputs of compiled units. Within a
// program, a unit's output returns to the arena once its last reader has
// run, for a later unit to reuse; programs that share an arena also share
// its arrays, so they must never run at the same time (a Session, which
// serializes runs, gives all its programs one arena). The zero value is
// ready to use; a nil *Arena in a Request gives the program its own.
type Arena struct {
	free []*nd.Array             // returned base arrays, any dtype
	base map[*nd.Array]*nd.Array // each handed-out view → its base array
	// allocated counts the bytes of the arrays made so far, handed the
	// bytes of the views handed out
	allocated, handed int
}

// get returns an array of the shape, a view of the smallest free array of
// the dtype that is large enough, or a new one.
func (a *Arena) get(dt nd.DType, shape []int) *nd.Array {
	if a.base == nil {
		a.base = map[*nd.Array]*nd.Array{}
	}
	n, best := nd.NumElements(shape), -1
	for i, f := range a.free {
		if f.DType() == dt && f.Len() >= n && (best < 0 || f.Len() < a.free[best].Len()) {
			best = i
		}
	}
	var base *nd.Array
	if best >= 0 {
		base = a.free[best]
		a.free = append(a.free[:best], a.free[best+1:]...)
	} else {
		base = nd.New(dt, n)
		a.allocated += n * dt.Size()
	}
	view := base.Prefix(shape...)
	a.handed += n * dt.Size()
	a.base[view] = base
	return view
}

// put returns a view's array to the arena; arrays it did not hand out
// (constants, variables, feeds) are ignored.
func (a *Arena) put(view *nd.Array) {
	if base, ok := a.base[view]; ok {
		delete(a.base, view)
		a.free = append(a.free, base)
	}
}
