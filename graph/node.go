package graph

import (
	"fmt"
	"strings"
	"sync"

	"github.com/tf1go/tf1go/nd"
)

// Op is what a node computes. Package ops defines the arithmetic; this
// package defines the ops that hold state or bring values in (Placeholder,
// VariableV2, Const, Assign, NoOp).
type Op interface {
	// Type is TF's op type name ("MatMul", "Placeholder").
	Type() string
	// Infer returns the output's dtype and static shape from the inputs'
	// (unknown dims stay None); dtype Invalid means the op has no output.
	// Given inputs with fully defined shapes it must return a fully
	// defined shape: the compile step uses it to fix shapes for a batch.
	Infer(in []*Tensor) (DType, Shape, error)
}

// Kernel is an op that computes its output from input values. The output
// array is allocated by the caller with the shape Infer gave.
type Kernel interface {
	Compute(env *Env, in []*nd.Array, out *nd.Array) error
}

// Gradient is an op that can be differentiated: given dy, the gradient
// of the objective with respect to n's output, it returns one tensor per
// input (nil where the input gets no gradient).
type Gradient interface {
	Grad(n *Node, dy *Tensor) []*Tensor
}

// Stateful ops write into the variables fed to the inputs RefInputs names
// (Assign, the optimizers' Apply ops). The compile step runs them after
// every other reader of those variables in the same Run.
type Stateful interface {
	RefInputs() []int
}

// TFOps is implemented by an op whose Go call stands for other than one
// op of TF's Python API: tf.truncated_normal created six (three Consts,
// TruncatedNormal, Mul, Add), tf.Variable three, tf.reshape two. TF
// numbered its ops as it created them, and a random op's default seed is
// that number (see Node.Seeds), so the graph keeps the same count. An op
// without the method stands for one.
type TFOps interface {
	TFOps() int
}

// Random ops draw from a Philox stream the Session keeps for each random
// node, keyed by the node's Seeds.
type Random interface {
	// OpSeed is the op seed TF's random_seed.get_seed gave the op, given
	// before, the number of TF ops the graph held before this node: the
	// op's own seed (explicit true, TF's seed= argument), or else the
	// number of ops TF had created when the op asked for its seed, which
	// is before plus those of the node's TFOps that come first (the
	// shape, mean and stddev Consts of tf.truncated_normal).
	OpSeed(before int) (seed int64, explicit bool)
}

// DefaultGraphSeed is the graph seed TF gives an op that has a seed of
// its own in a graph without one (random_seed.py's _DEFAULT_GRAPH_SEED).
const DefaultGraphSeed = 87654321

// Node is one operation in a graph (TF's tf.Operation).
type Node struct {
	g       *Graph // nil for a free node (see NewNode)
	id      int
	name    string
	op      Op
	inputs  []*Tensor
	control []*Node
	out     *Tensor
	err     error
	tfOps   int        // how many TF ops the node stands for
	tfFirst int        // how many TF ops the graph held before it
	mu      sync.Mutex // guards adopted on free nodes
	adopted map[*Graph]*Node
}

// Tensor is a node's output (TF's tf.Tensor): symbolic, with a dtype and a
// static shape; a Session computes its value.
type Tensor struct {
	node  *Node
	dtype DType
	shape Shape
}

// Graph returns the node's graph (nil for a free node).
func (n *Node) Graph() *Graph { return n.g }

// Name returns the node's unique name ("MatMul_1"); "" for a free node.
func (n *Node) Name() string { return n.name }

// ID is the node's position in its graph.
func (n *Node) ID() int { return n.id }

// Seeds returns the seeds TF gave random node n, its attributes seed and
// seed2, by TF 0.x's random_seed.get_seed: with a graph seed, the graph
// seed and the op seed (Random.OpSeed); with only an op seed given to
// the op, DefaultGraphSeed and that seed; with neither, 0 and 0, which
// TF's kernels take to mean seeds drawn at random. Unlike TF, which reads
// the graph seed as the op is built, the graph seed is read now, so
// SetRandomSeed may come after the ops it seeds. A node that is not
// random, or is free, has seeds 0 and 0.
func (n *Node) Seeds() (seed, seed2 int64) {
	r, ok := n.op.(Random)
	if !ok || n.g == nil {
		return 0, 0
	}
	op, explicit := r.OpSeed(n.tfFirst)
	if g, ok := n.g.RandomSeed(); ok {
		return g, op
	}
	if explicit {
		return DefaultGraphSeed, op
	}
	return 0, 0
}

// Op returns what the node computes.
func (n *Node) Op() Op { return n.op }

// Inputs returns the node's data inputs.
func (n *Node) Inputs() []*Tensor { return n.inputs }

// ControlInputs returns the nodes that must run before this one.
func (n *Node) ControlInputs() []*Node { return n.control }

// Output returns the node's output tensor, or nil for an op with none.
func (n *Node) Output() *Tensor { return n.out }

// Err is the error met while building this node or one of its inputs.
func (n *Node) Err() error { return n.err }

func (n *Node) String() string {
	if n.g == nil {
		return fmt.Sprintf("<free %s>", n.op.Type())
	}
	return n.name
}

// Node returns the node that produces t.
func (t *Tensor) Node() *Node { return t.node }

// Graph returns the graph t belongs to (nil for a free tensor).
func (t *Tensor) Graph() *Graph { return t.node.g }

// DType returns the element type.
func (t *Tensor) DType() DType { return t.dtype }

// Shape returns the static shape (nil if the rank is unknown).
func (t *Tensor) Shape() Shape { return t.shape.Clone() }

// Name is TF's tensor name: the node's name and output index, "x:0".
func (t *Tensor) Name() string { return t.node.name + ":0" }

// Op returns the op of the node that produces t.
func (t *Tensor) Op() Op { return t.node.op }

func (t *Tensor) String() string {
	return fmt.Sprintf("Tensor(%q, shape=%s, dtype=%s)", t.Name(), t.shape, t.dtype)
}

// Error is a graph-building error: an op rejected its inputs. It names the
// node, the op type and every input shape, in TF's words.
type Error struct {
	Node        string
	OpType      string
	InputShapes []Shape
	Msg         string
}

func (e *Error) Error() string {
	shapes := make([]string, len(e.InputShapes))
	for i, s := range e.InputShapes {
		shapes[i] = s.Brackets()
	}
	return fmt.Sprintf("%s for '%s' (op: '%s') with input shapes: %s.", e.Msg, e.Node, e.OpType, strings.Join(shapes, ", "))
}

// GraphMismatchError says a node was given tensors from two graphs.
type GraphMismatchError struct{ A, B string }

func (e *GraphMismatchError) Error() string {
	return fmt.Sprintf("Tensor(%q) must be from the same graph as Tensor(%q).", e.A, e.B)
}

// Option sets something about a new node.
type Option func(*nodeConfig)

type nodeConfig struct {
	name      string
	g         *Graph
	control   []*Node
	trainable *bool
	tfOps     *int
}

// Name gives the node a name (TF's name= argument). Taken names get _1, _2, ...
func Name(name string) Option { return func(c *nodeConfig) { c.name = name } }

// InGraph puts a node with no inputs into g (it would otherwise be free).
func InGraph(g *Graph) Option { return func(c *nodeConfig) { c.g = g } }

// ControlInputs makes the node run after the given nodes.
func ControlInputs(nodes ...*Node) Option {
	return func(c *nodeConfig) { c.control = append(c.control, nodes...) }
}

// Trainable(false) keeps a variable out of TrainableVariables, so
// optimizers leave it alone by default.
func Trainable(b bool) Option { return func(c *nodeConfig) { c.trainable = &b } }

// CountsAs makes the node stand for n ops of TF's Python API instead of
// its op's TFOps: 0 for a node TF did not create (a reshape ops.Dropout
// adds to keep static shapes), more for a Go call that stands for
// several TF ops. See TFOps.
func CountsAs(n int) Option { return func(c *nodeConfig) { c.tfOps = &n } }

// NewNode adds a node that runs op on inputs. The node goes into the graph
// of its inputs; a node whose inputs are all free (or that has none and no
// InGraph option) is free itself: it belongs to no graph until it is used
// with tensors of one, and is then copied into that graph. That is how
// ops.Zeros(2, 1) and Go numbers like the 1 in ops.Sub(1, t) work.
func NewNode(op Op, inputs []*Tensor, opts ...Option) *Node {
	var c nodeConfig
	for _, o := range opts {
		o(&c)
	}
	g := c.g
	var errs []error
	for _, in := range inputs {
		if in.node.g == nil {
			continue
		}
		if g == nil {
			g = in.node.g
		} else if in.node.g != g {
			other := inputs[0]
			for _, x := range inputs {
				if x.node.g == g {
					other = x
					break
				}
			}
			errs = append(errs, &GraphMismatchError{A: in.Name(), B: other.Name()})
		}
	}
	for _, ctl := range c.control {
		if g == nil {
			g = ctl.g
		}
		if ctl.g != nil && g != nil && ctl.g != g {
			errs = append(errs, &GraphMismatchError{A: ctl.name, B: "of the node being built"})
		}
	}
	if g != nil {
		for i, in := range inputs {
			if in.node.g == nil {
				inputs[i] = g.adopt(in.node).out
			}
		}
		for i, ctl := range c.control {
			if ctl.g == nil {
				c.control[i] = g.adopt(ctl)
			}
		}
	}
	n := &Node{g: g, op: op, inputs: inputs, control: c.control, tfOps: 1}
	if t, ok := op.(TFOps); ok {
		n.tfOps = t.TFOps()
	}
	if c.tfOps != nil {
		n.tfOps = *c.tfOps
	}
	for _, in := range inputs {
		if in.node.err != nil {
			errs = append(errs, in.node.err)
			break
		}
	}
	if g != nil {
		g.mu.Lock()
		defer g.mu.Unlock()
		base := c.name
		if base == "" {
			base = op.Type()
		}
		n.name = g.uniqueName(base)
		n.id = len(g.nodes)
		g.nodes = append(g.nodes, n)
		n.tfFirst = g.tfOps
		g.tfOps += n.tfOps
	} else {
		n.name = c.name
	}
	dt, shape, err := op.Infer(inputs)
	if len(errs) > 0 {
		n.err = errs[0]
	} else if err != nil {
		shapes := make([]Shape, len(inputs))
		for i, in := range inputs {
			shapes[i] = in.shape
		}
		n.err = &Error{Node: n.name, OpType: op.Type(), InputShapes: shapes, Msg: err.Error()}
	}
	if n.err != nil {
		if dt == nd.Invalid && len(inputs) > 0 {
			dt = inputs[0].dtype
		}
		shape = UnknownShape
	}
	if dt != nd.Invalid {
		n.out = &Tensor{node: n, dtype: dt, shape: shape}
	}
	if g != nil && n.err != nil {
		g.setErr(n.err)
	}
	return n
}

// adopt copies a free node (and its free inputs) into g, once per graph.
func (g *Graph) adopt(free *Node) *Node {
	free.mu.Lock()
	if n, ok := free.adopted[g]; ok {
		free.mu.Unlock()
		return n
	}
	free.mu.Unlock()
	inputs := make([]*Tensor, len(free.inputs))
	for i, in := range free.inputs {
		inputs[i] = g.adopt(in.node).out
	}
	opts := []Option{InGraph(g), CountsAs(free.tfOps)}
	if free.name != "" {
		opts = append(opts, Name(free.name))
	}
	n := NewNode(free.op, inputs, opts...)
	if free.err != nil && n.err == nil {
		n.err = free.err
		g.mu.Lock()
		g.setErr(free.err)
		g.mu.Unlock()
	}
	free.mu.Lock()
	if free.adopted == nil {
		free.adopted = map[*Graph]*Node{}
	}
	free.adopted[g] = n
	free.mu.Unlock()
	return n
}

// In returns t as a tensor of g: t itself if it is g's, its copy if t is free.
// A tensor of another graph is returned as it is; using it reports the mismatch.
func (t *Tensor) In(g *Graph) *Tensor {
	if t.node.g == nil && g != nil {
		return g.adopt(t.node).out
	}
	return t
}

// In returns n as a node of g (see Tensor.In).
func (n *Node) In(g *Graph) *Node {
	if n.g == nil && g != nil {
		return g.adopt(n)
	}
	return n
}
