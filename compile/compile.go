package compile

import (
	"fmt"
	"sync"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/compile/internal/vm"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/philox"
)

// State is what a program needs from the Session that runs it: variable
// storage, which variables hold a value, and one Philox stream per
// random node.
type State interface {
	Var(v *graph.Node) *nd.Array
	Initialized(v *graph.Node) bool
	SetInitialized(v *graph.Node)
	Rand(n *graph.Node) *philox.Stream
}

// Options tune the compile step. The zero value is what Sessions use.
type Options struct {
	// NoFusion compiles every op as its own unit (tests compare the two).
	NoFusion bool
	// NoStabilize keeps log(softmax(x)) and log(sigmoid(x)) as written,
	// as TF ran them: the only rewrites that change values are off, so a
	// saturated cross-entropy gives TF's inf or NaN (a -faithful run).
	NoStabilize bool
}

// Request is one Run's signature: what to fetch, what to run, and the
// concrete dtype and shape of each fed tensor.
type Request struct {
	Graph   *graph.Graph
	Fetches []*graph.Tensor
	Targets []*graph.Node
	Feeds   map[*graph.Tensor]*nd.Array // only dtypes and shapes are used
	// Arena holds the units' outputs; programs sharing one must not run
	// at the same time. Nil gives the program its own.
	Arena *Arena
}

// Program is a compiled Run: pruned, differentiated, fused, with every
// shape fixed, lowered to a Gorgonia tape machine. Run it as often as the
// feeds keep their shapes. A Program is safe for concurrent use; runs
// are serialized.
type Program struct {
	mu       sync.Mutex
	m        *vm.Machine
	st       State
	feeds    map[*graph.Tensor]*vm.Node
	vars     []varInput
	reads    map[*graph.Node]bool // user variables some unit reads
	assigned []*graph.Node        // variables an Assign in this program initializes
	fetches  []*unit              // where each fetch's value is after a run
	report   *Report
	buffers  *Arena // where the units' outputs live
	// the arena arrays the units compute into (see Arena.Trim)
	scratch []*nd.Array
	fusions fusions // while lowering: the kernel fusions found
}

// varInput binds a variable's storage to its machine input.
type varInput struct {
	v  *graph.Node // the user graph's variable
	in *vm.Node
}

// Report says what the compile step did for one Run, for teaching.
func (p *Program) Report() *Report { return p.report }

// UninitializedError is TF's FailedPreconditionError for a variable read
// before its initializer ran.
type UninitializedError struct{ Name string }

func (e *UninitializedError) Error() string {
	return "Attempting to use uninitialized value " + e.Name
}

// MissingFeedError is TF's InvalidArgumentError for a placeholder that a
// fetch needs but the feed lacks.
type MissingFeedError struct {
	Name  string
	DType nd.DType
	Shape graph.Shape
}

func (e *MissingFeedError) Error() string {
	return fmt.Sprintf("You must feed a value for placeholder tensor '%s' with dtype %s and shape %s", e.Name, e.DType, e.Shape.Brackets())
}

// Compile builds the program for req.
func Compile(req Request, st State, opt Options) (*Program, error) {
	c := &copier{
		pg:     graph.New(),
		req:    req,
		mapped: map[*graph.Node]*graph.Node{},
		origin: map[*graph.Node]*graph.Node{},
		fedPG:  map[*graph.Node]*graph.Tensor{},
		grads:  map[string][]*graph.Tensor{},
		gradOf: map[*graph.Node]*graph.Node{},
		opt:    opt,
		report: &Report{GraphNodes: len(req.Graph.Nodes()), NoStabilize: opt.NoStabilize},
	}
	// 1-3: prune, fix shapes, stabilize and differentiate, by copying what
	// the fetches need into a program graph.
	var outs []*graph.Tensor
	for _, f := range req.Fetches {
		n, err := c.node(f.Node())
		if err != nil {
			return nil, err
		}
		outs = append(outs, n.Output())
	}
	var targets []*graph.Node
	for _, t := range req.Targets {
		n, err := c.node(t)
		if err != nil {
			return nil, err
		}
		targets = append(targets, n)
	}
	c.report.Needed = len(c.mapped)
	for _, n := range req.Graph.Nodes() {
		if _, ok := c.mapped[n]; ok {
			c.report.Kept = append(c.report.Kept, n.Name())
		}
	}
	if err := c.pg.Err(); err != nil {
		return nil, err
	}
	// 4-5: prune again, fuse, lower.
	return lower(c, st, outs, targets)
}

// copier copies the needed part of the user graph into the program graph.
type copier struct {
	pg     *graph.Graph
	req    Request
	mapped map[*graph.Node]*graph.Node // user node → program node
	origin map[*graph.Node]*graph.Node // program node → user node
	fedPG  map[*graph.Node]*graph.Tensor
	grads  map[string][]*graph.Tensor
	gradOf map[*graph.Node]*graph.Node // user gradient node → its expansion
	opt    Options
	report *Report
}

func (c *copier) node(n *graph.Node) (*graph.Node, error) {
	if m, ok := c.mapped[n]; ok {
		return m, nil
	}
	if n.Graph() != c.req.Graph {
		return nil, errors.Errorf("Tensor %s is not an element of this graph.", n.Name())
	}
	if err := n.Err(); err != nil {
		return nil, err
	}
	var out *graph.Node
	if t := n.Output(); t != nil {
		if v, fed := c.req.Feeds[t]; fed {
			out = graph.NewNode(graph.PlaceholderOp{DType: v.DType(), Shape: graph.Shape(v.Shape())}, nil, graph.InGraph(c.pg), graph.Name(n.Name()))
			c.fedPG[out] = t
		}
	}
	if out == nil {
		var err error
		if out, err = c.copyOp(n); err != nil {
			return nil, err
		}
	}
	c.mapped[n] = out
	c.origin[out] = n
	return out, nil
}

func (c *copier) copyOp(n *graph.Node) (*graph.Node, error) {
	switch op := n.Op().(type) {
	case graph.PlaceholderOp:
		return nil, &MissingFeedError{Name: n.Name(), DType: op.DType, Shape: op.Shape}
	case graph.VariableOp:
		return graph.NewNode(op, nil, graph.InGraph(c.pg), graph.Name(n.Name())), nil
	}
	inputs := make([]*graph.Tensor, len(n.Inputs()))
	for i, in := range n.Inputs() {
		m, err := c.node(in.Node())
		if err != nil {
			return nil, err
		}
		inputs[i] = m.Output()
	}
	var control []*graph.Node
	for _, ctl := range n.ControlInputs() {
		m, err := c.node(ctl)
		if err != nil {
			return nil, err
		}
		control = append(control, m)
	}
	if sg, ok := n.Op().(opkit.SymbolicGradient); ok {
		return c.gradient(n, inputs[:sg.NY])
	}
	if t := c.stabilize(n.Op(), inputs); t != nil {
		return t.Node(), nil
	}
	m := graph.NewNode(n.Op(), inputs, graph.InGraph(c.pg), graph.Name(n.Name()), graph.ControlInputs(control...))
	if err := m.Err(); err != nil {
		return nil, errors.Wrap(err, "with the fed shapes")
	}
	return m, nil
}

// gradient expands the symbolic gradient n. The first gradient of a
// given ys expands every gradient of those ys in the graph in one
// backward pass; unused ones are pruned with the rest.
func (c *copier) gradient(n *graph.Node, ys []*graph.Tensor) (*graph.Node, error) {
	key := fmt.Sprint(n.Inputs()[:len(ys)])
	if _, done := c.grads[key]; !done {
		var users []*graph.Node
		var xs []*graph.Tensor
		for _, u := range c.req.Graph.Nodes() {
			if sg, ok := u.Op().(opkit.SymbolicGradient); ok && sg.NY == len(ys) && fmt.Sprint(u.Inputs()[:sg.NY]) == key {
				x, err := c.node(u.Inputs()[sg.NY].Node())
				if err != nil {
					return nil, err
				}
				users, xs = append(users, u), append(xs, x.Output())
			}
		}
		before := len(c.pg.Nodes())
		gs := backprop(ys, xs)
		c.report.GradientNodes += len(c.pg.Nodes()) - before
		for i, g := range gs {
			if g == nil {
				g = ops.Constant(nd.New(xs[i].DType(), xs[i].Shape()...)).In(c.pg)
			}
			c.gradOf[users[i]] = g.Node()
		}
		c.grads[key] = gs
	}
	return c.gradOf[n], nil
}

// stabilize applies an op's numerically stable rewrite (ops' Log of a
// Softmax or a Sigmoid, see opkit.Stabilizer) unless Options.NoStabilize.
func (c *copier) stabilize(op graph.Op, in []*graph.Tensor) *graph.Tensor {
	s, ok := op.(opkit.Stabilizer)
	if c.opt.NoStabilize || !ok {
		return nil
	}
	t, what := s.Stabilize(in)
	if t != nil {
		c.report.Rewrites = append(c.report.Rewrites, what)
	}
	return t
}

// Run binds the feeds (already converted to the fed dtypes and shapes
// this program was compiled for) and the variables, runs the machine, and
// returns a copy of each fetched value.
func (p *Program) Run(feeds map[*graph.Tensor]*nd.Array) ([]*nd.Array, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for t, in := range p.feeds {
		in.Set(feeds[t])
	}
	for _, v := range p.vars {
		if !p.st.Initialized(v.v) && !p.onlyAssigned(v.v) {
			return nil, &UninitializedError{Name: v.v.Name()}
		}
		v.in.Set(p.st.Var(v.v))
	}
	if err := p.m.Run(); err != nil {
		return nil, err
	}
	for _, v := range p.assigned {
		p.st.SetInitialized(v)
	}
	out := make([]*nd.Array, len(p.fetches))
	for i, u := range p.fetches {
		out[i] = u.vn.Array().Clone()
	}
	return out, nil
}

// onlyAssigned reports whether v is used in this program only as the
// target of an Assign (an initializer may run on an uninitialized variable).
func (p *Program) onlyAssigned(v *graph.Node) bool {
	for _, a := range p.assigned {
		if a == v {
			return !p.reads[v]
		}
	}
	return false
}
