package compile

// This file is the seam to Gorgonia, the execution layer: every compiled
// unit (a kernel, or a fused chain of elementwise ops) becomes one
// Gorgonia node whose Op is unitOp, and Gorgonia's tape machine runs them
// in dependency order. No Gorgonia type leaves this file.
//
// Gorgonia's quirks, each handled here and pinned by a test named after it:
//   - ApplyOp deduplicates nodes by hash: unitOp hashes its unique id.
//   - node.Value() may be overwritten by a later run: fetched values are
//     copied out of our own buffers, never read from nodes.
//   - scalar nodes insist on scalar values: rank-0 values travel as
//     shape (1) tensors, which Gorgonia accepts everywhere.
//   - Compile refuses a graph without input nodes and Type inference
//     cannot take ops of arity 0: every program has a "tick" input that
//     input-less units take as their child.
//   - a fixed shape per graph: one program per feed-shape signature.
//   - NewTapeMachine sets a finalizer on the machine, which our units
//     reference back: the program would never be collected, so build
//     clears it (a session's evicted programs must be freed).
//   - its own ops (SoftMax rewrite, Dropout, clock-seeded randomness) are
//     never used: every kernel is ours.

import (
	"fmt"
	"hash"
	"hash/fnv"
	"runtime"

	"github.com/chewxy/hm"
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// machine is a lowered program: a Gorgonia graph and its tape machine.
type machine struct {
	g      *G.ExprGraph
	vm     G.VM
	tick   *vmInput
	inputs []*vmInput
	units  int
	last   *G.Node // the unit applied last: the next one runs after it
	// values maps every Dense we hand to Gorgonia back to our array.
	values map[*tensor.Dense]*nd.Array
}

// vmInput is a Gorgonia input node bound before each run to an array.
type vmInput struct {
	node  *G.Node
	arr   *nd.Array // current value; set by the program before run
	bound *nd.Array
	dense *tensor.Dense
}

func newMachine() *machine {
	m := &machine{g: G.NewGraph(), values: map[*tensor.Dense]*nd.Array{}}
	m.tick = m.input(nd.Float32, nil, "tick")
	m.tick.arr = nd.Scalar(nd.Float32, 0)
	return m
}

func gType(dt nd.DType, rank int) hm.Type {
	var t tensor.Dtype
	switch dt {
	case nd.Float32:
		t = tensor.Float32
	case nd.Float64:
		t = tensor.Float64
	case nd.Int64:
		t = tensor.Int64
	default:
		t = tensor.Bool
	}
	return G.TensorType{Dims: max(rank, 1), Of: t}
}

func (m *machine) dense(a *nd.Array) *tensor.Dense {
	shape := a.Shape()
	if len(shape) == 0 {
		shape = []int{1}
	}
	d := tensor.New(tensor.WithShape(shape...), tensor.WithBacking(a.Data()))
	m.values[d] = a
	return d
}

// input adds an input node of the given dtype and concrete shape.
func (m *machine) input(dt nd.DType, shape []int, name string) *vmInput {
	if len(shape) == 0 {
		shape = []int{1}
	}
	gt := gType(dt, len(shape)).(G.TensorType)
	name = fmt.Sprintf("%s#%d", name, len(m.inputs))
	n := G.NewTensor(m.g, gt.Of.(tensor.Dtype), len(shape), G.WithShape(shape...), G.WithName(name))
	in := &vmInput{node: n}
	m.inputs = append(m.inputs, in)
	return in
}

// unitOp runs one compiled unit as a Gorgonia Op.
type unitOp struct {
	id      int
	name    string
	in      []nd.DType
	inRanks []int
	nData   int // data inputs; the rest are ordering-only children
	out     *nd.Array
	outType hm.Type
	dense   *tensor.Dense
	run     func(in []*nd.Array) error
	m       *machine
}

func (u *unitOp) Arity() int { return len(u.in) }

func (u *unitOp) Type() hm.Type {
	ts := make([]hm.Type, 0, len(u.in)+1)
	for i, dt := range u.in {
		ts = append(ts, gType(dt, u.inRanks[i]))
	}
	return hm.NewFnType(append(ts, u.outType)...)
}

func (u *unitOp) InferShape(...G.DimSizer) (tensor.Shape, error) {
	return tensor.Shape(u.dense.Shape()).Clone(), nil
}

func (u *unitOp) Do(vals ...G.Value) (v G.Value, err error) {
	defer func() {
		// a kernel bug must surface as Run's error, never crash the program
		if r := recover(); r != nil {
			v, err = nil, errors.Errorf("%s: internal error in kernel: %v", u.name, r)
		}
	}()
	in := make([]*nd.Array, u.nData)
	for i := range in {
		d, ok := vals[i].(*tensor.Dense)
		var a *nd.Array
		if ok {
			a = u.m.values[d]
		}
		if a == nil {
			return nil, errors.Errorf("%s: input %d is not a value this program made (%T)", u.name, i, vals[i])
		}
		in[i] = a
	}
	if err := u.run(in); err != nil {
		return nil, err
	}
	return u.dense, nil
}

func (u *unitOp) ReturnsPtr() bool      { return false }
func (u *unitOp) CallsExtern() bool     { return false }
func (u *unitOp) OverwritesInput() int  { return -1 }
func (u *unitOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "tf1go-unit-%d", u.id) }
func (u *unitOp) Hashcode() uint32 {
	h := fnv.New32a()
	u.WriteHash(h)
	return h.Sum32()
}
func (u *unitOp) String() string { return u.name }

// apply adds a unit computing into out from the children's values. The
// first nData children are data; the others only order the run.
func (m *machine) apply(name string, out *nd.Array, children []*G.Node, nData int, run func([]*nd.Array) error) (*G.Node, error) {
	if len(children) == 0 {
		children = []*G.Node{m.tick.node}
	}
	// units run in the order they are applied, which the memory plan
	// relies on: each waits for the one before
	if m.last != nil && !containsNode(children, m.last) {
		children = append(children, m.last)
	}
	u := &unitOp{id: m.units, name: name, nData: nData, out: out, run: run, m: m}
	m.units++
	for _, c := range children {
		u.in = append(u.in, dtypeOf(c))
		u.inRanks = append(u.inRanks, c.Dims())
	}
	u.outType = gType(out.DType(), out.Rank())
	u.dense = m.dense(out)
	n, err := G.ApplyOp(u, children...)
	if err != nil {
		return nil, errors.Wrapf(err, "lowering %s", name)
	}
	m.last = n
	return n, nil
}

func dtypeOf(n *G.Node) nd.DType {
	switch n.Dtype() {
	case tensor.Float32:
		return nd.Float32
	case tensor.Float64:
		return nd.Float64
	case tensor.Int64:
		return nd.Int64
	}
	return nd.Bool
}

// build compiles the Gorgonia graph into a tape machine.
func (m *machine) build() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.Errorf("gorgonia: %v", r)
		}
	}()
	m.vm = G.NewTapeMachine(m.g)
	// its finalizer (a no-op without CUDA) sits on a cycle through our
	// units, and Go never collects a cycle with a finalizer on it
	runtime.SetFinalizer(m.vm, nil)
	return nil
}

// run binds the inputs' current arrays and runs every unit once.
func (m *machine) run() error {
	for _, in := range m.inputs {
		if in.arr == nil {
			in.arr = nd.Scalar(nd.Float32, 0)
		}
		if in.bound != in.arr {
			if in.dense != nil {
				delete(m.values, in.dense)
			}
			in.dense = m.dense(in.arr)
			in.bound = in.arr
			if err := G.Let(in.node, in.dense); err != nil {
				return errors.Wrap(err, "binding input")
			}
		}
	}
	defer m.vm.Reset()
	return m.vm.RunAll()
}
