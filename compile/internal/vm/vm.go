// Package vm is tf1go's one seam to Gorgonia, the execution layer, and
// the only package of the module that imports it. The compile step hands
// it units (a kernel, or a fused chain of elementwise ops, as a Go
// function over arrays); each becomes one Gorgonia node, and Gorgonia's
// tape machine runs them in dependency order. No Gorgonia type leaves
// this package: callers see Machine, Node and nd arrays.
//
// Gorgonia's quirks, each handled here and pinned by a test named after it:
//   - ApplyOp deduplicates nodes by hash: a unit hashes its unique id.
//   - node.Value() may be overwritten by a later run: units write into
//     arrays the caller owns, and values are never read from nodes.
//   - scalar nodes insist on scalar values: rank-0 values travel as
//     shape (1) tensors, which Gorgonia accepts everywhere.
//   - Compile refuses a graph without input nodes and Type inference
//     cannot take ops of arity 0: every machine has a "tick" input that
//     input-less units take as their child.
//   - a fixed shape per graph: one machine per feed-shape signature.
//   - its own ops (SoftMax rewrite, Dropout, clock-seeded randomness) are
//     never used: every kernel is the caller's (package compile's
//     TestQuirkSoftmaxFetchStaysProbabilities and TestQuirkClockSeeding
//     pin what that keeps right).
//
// # What a Run costs
//
// Gorgonia's only entry points that run a whole program, the tape
// machine's RunAll and the Lisp machine's, lock the OS thread and hand
// the program to a goroutine, then wait on channels: that hand-off is
// the fixed price of every Run. BenchmarkRunOverhead measures it: about
// 10 µs at best on the busy 2-core machine it was measured on, a fifth
// of the lecture's logistic regression step, and a CPU profile puts over
// half of it in the futex calls that move the locked thread's P away and
// back. What this package adds is kept off the per-Run path: an input is
// bound to Gorgonia once, with the dtype and shape that never change for
// a machine, and units read each input's current array through its
// Node, so a new feed or variable array costs a pointer store, not a
// rebinding; units reuse their argument slices.
package vm

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Machine is a lowered program: a Gorgonia graph and its tape machine.
// It is not safe for concurrent use; the caller serializes runs.
type Machine struct {
	g      *G.ExprGraph
	tape   G.VM
	tick   *Node
	inputs []*Node
	units  int
	last   *G.Node // the unit applied last: the next one runs after it
}

// Node is a value of the machine: an input, whose array the caller sets
// before each run, or a unit's output array.
type Node struct {
	n   *G.Node
	arr *nd.Array
	// an input's dtype and element count, checked at each run
	dt   nd.DType
	size int
	// dense is the Gorgonia value standing for the node: a unit's output
	// wraps arr; an input's is bound once, at the first run, and only its
	// identity matters afterwards (units read arr)
	dense *tensor.Dense
}

// New returns an empty machine.
func New() *Machine {
	m := &Machine{g: G.NewGraph()}
	m.tick = m.Input(nd.Float32, nil, "tick")
	m.tick.Set(nd.Scalar(nd.Float32, 0))
	return m
}

// Units is the number of units applied; Inputs the number of inputs
// (the tick included).
func (m *Machine) Units() int  { return m.units }
func (m *Machine) Inputs() int { return len(m.inputs) }

// Set makes a the input's value for the next runs. a must have the
// dtype and shape the input was made with.
func (n *Node) Set(a *nd.Array) { n.arr = a }

// Array returns the node's current array: an input's last Set, or a
// unit's output.
func (n *Node) Array() *nd.Array { return n.arr }

// dtypes pairs each nd dtype with Gorgonia's.
var dtypes = []struct {
	nd nd.DType
	g  tensor.Dtype
}{{nd.Float32, tensor.Float32}, {nd.Float64, tensor.Float64}, {nd.Int64, tensor.Int64}, {nd.Bool, tensor.Bool}}

func gDtype(dt nd.DType) tensor.Dtype {
	for _, d := range dtypes {
		if d.nd == dt {
			return d.g
		}
	}
	return tensor.Bool
}

func dtypeOf(n *G.Node) nd.DType {
	for _, d := range dtypes {
		if d.g == n.Dtype() {
			return d.nd
		}
	}
	return nd.Bool
}

func gType(dt nd.DType, rank int) hm.Type {
	return G.TensorType{Dims: max(rank, 1), Of: gDtype(dt)}
}

// travelShape is the shape a value has inside Gorgonia: rank 0 travels
// as shape (1).
func travelShape(shape []int) []int {
	if len(shape) == 0 {
		return []int{1}
	}
	return shape
}

func wrap(a *nd.Array) *tensor.Dense {
	return tensor.New(tensor.WithShape(travelShape(a.Shape())...), tensor.WithBacking(a.Data()))
}

// Input adds an input node of the given dtype and concrete shape.
func (m *Machine) Input(dt nd.DType, shape []int, name string) *Node {
	shape = travelShape(shape)
	name = fmt.Sprintf("%s#%d", name, len(m.inputs))
	n := &Node{n: G.NewTensor(m.g, gDtype(dt), len(shape), G.WithShape(shape...), G.WithName(name)), dt: dt, size: nd.NumElements(shape)}
	m.inputs = append(m.inputs, n)
	return n
}

// unitOp runs one compiled unit as a Gorgonia Op.
type unitOp struct {
	id       int
	name     string
	in       []nd.DType
	inRanks  []int
	data     []*Node // data children; the rest only order the run
	args     []*nd.Array
	outShape tensor.Shape
	outType  hm.Type
	dense    *tensor.Dense
	run      func(in []*nd.Array) error
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
	return u.outShape.Clone(), nil
}

func (u *unitOp) Do(vals ...G.Value) (v G.Value, err error) {
	defer func() {
		// a kernel bug must surface as Run's error, never crash the program
		if r := recover(); r != nil {
			v, err = nil, errors.Errorf("%s: internal error in kernel: %v", u.name, r)
		}
	}()
	for i, c := range u.data {
		// Gorgonia hands each unit its children's values: they must be
		// the ones this machine bound, or the tape is not running the
		// program it was given
		if d, ok := vals[i].(*tensor.Dense); !ok || d != c.dense {
			return nil, errors.Errorf("%s: input %d is not a value this program made (%T)", u.name, i, vals[i])
		}
		u.args[i] = c.arr
	}
	if err := u.run(u.args); err != nil {
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

// Apply adds a unit computing into out from its children's arrays: run
// gets the arrays of the first nData children; the others only order the
// run. Units run in the order they are applied, which a caller's memory
// plan may rely on.
func (m *Machine) Apply(name string, out *nd.Array, children []*Node, nData int, run func([]*nd.Array) error) (*Node, error) {
	gc := make([]*G.Node, 0, len(children)+1)
	for i, c := range children {
		if i < nData {
			gc = append(gc, c.n) // data in argument order, repeats kept
		} else {
			gc = appendNew(gc, c.n)
		}
	}
	if len(gc) == 0 {
		gc = append(gc, m.tick.n)
	}
	if m.last != nil {
		gc = appendNew(gc, m.last)
	}
	u := &unitOp{id: m.units, name: name, data: children[:nData], args: make([]*nd.Array, nData), run: run}
	m.units++
	for _, c := range gc {
		u.in = append(u.in, dtypeOf(c))
		u.inRanks = append(u.inRanks, c.Dims())
	}
	u.outType = gType(out.DType(), out.Rank())
	u.dense = wrap(out)
	u.outShape = tensor.Shape(u.dense.Shape()).Clone()
	n, err := G.ApplyOp(u, gc...)
	if err != nil {
		return nil, errors.Wrapf(err, "lowering %s", name)
	}
	m.last = n
	return &Node{n: n, arr: out, dense: u.dense}, nil
}

// appendNew appends an ordering-only child n unless ns holds it.
func appendNew(ns []*G.Node, n *G.Node) []*G.Node {
	for _, m := range ns {
		if m == n {
			return ns
		}
	}
	return append(ns, n)
}

// Build compiles the Gorgonia graph into a tape machine. No unit may be
// applied afterwards.
func (m *Machine) Build() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.Errorf("gorgonia: %v", r)
		}
	}()
	m.tape = G.NewTapeMachine(m.g)
	return nil
}

// Run runs every unit once, on the inputs' current arrays.
func (m *Machine) Run() error {
	for _, in := range m.inputs {
		if in.arr == nil || in.arr.DType() != in.dt || in.arr.Len() != in.size {
			return errors.Errorf("internal: input %s is set to %v, not a %s array of %d elements", in.n.Name(), in.arr, in.dt, in.size)
		}
		if in.dense == nil {
			in.dense = wrap(in.arr)
			if err := G.Let(in.n, in.dense); err != nil {
				return errors.Wrapf(err, "binding input %s", in.n.Name())
			}
		}
	}
	defer m.tape.Reset()
	return m.tape.RunAll()
}
