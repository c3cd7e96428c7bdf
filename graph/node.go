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

// Random ops draw from a generator seeded from the graph seed and the
// node's op seed; the Session owns one generator per node.
type Random interface {
	IsRandom()
}

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

// ID is the node's position in its graph; it is also its op seed.
func (n *Node) ID() int { return n.id }

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
	n := &Node{g: g, op: op, inputs: inputs, control: c.control}
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
	opts := []Option{InGraph(g)}
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
