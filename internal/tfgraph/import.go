package tfgraph

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// ImportFunc turns one TensorFlow node into a tf1go op and its inputs
// (often c.Inputs, or a part of them when an input is read as a constant,
// such as a Reshape's shape). An error means tf1go cannot compute the
// node; it becomes an unsupported node that fails the Runs that need it.
type ImportFunc func(c *Context) (graph.Op, []*graph.Tensor, error)

var (
	importMu sync.RWMutex
	importer = map[string]ImportFunc{}
)

// RegisterImport makes f the importer of TF op type op.
func RegisterImport(op string, f ImportFunc) {
	importMu.Lock()
	defer importMu.Unlock()
	importer[op] = f
}

func importerOf(op string) ImportFunc {
	importMu.RLock()
	defer importMu.RUnlock()
	return importer[op]
}

// Imported is a GraphDef built as a tf1go graph.
type Imported struct {
	Graph *graph.Graph
	// Variables are the graph's variables by name ("a" for TF's a:0).
	Variables map[string]*graph.Variable

	defs    map[string]*tfpb.NodeDef
	order   []string
	tensors map[string]*graph.Tensor // "name:k" → tensor
	nodes   map[string]*graph.Node   // node name → node (ops with no output too)
	why     map[string]error         // why tf1go cannot compute a node
	busy    map[string]bool
	inits   map[string]*tfpb.NodeDef // variable name → its Assign initializer
}

// Import builds every node of def into a new graph.
func Import(def *tfpb.GraphDef) (*Imported, error) {
	im := &Imported{Graph: graph.New(), Variables: map[string]*graph.Variable{}, defs: map[string]*tfpb.NodeDef{},
		tensors: map[string]*graph.Tensor{}, nodes: map[string]*graph.Node{}, why: map[string]error{},
		busy: map[string]bool{}, inits: map[string]*tfpb.NodeDef{}}
	for _, n := range def.Node {
		if im.defs[n.Name] != nil {
			return nil, errors.Errorf("duplicate node name %q in the GraphDef", n.Name)
		}
		im.defs[n.Name] = n
		im.order = append(im.order, n.Name)
	}
	// initializers first: a variable is built with its Assign
	for _, n := range def.Node {
		if n.Op == "Assign" && len(n.Input) == 2 && n.Name == n.Input[0]+"/Assign" {
			im.inits[n.Input[0]] = n
		}
		// a random op's seed attr is the graph seed TF gave it (seed2 is
		// the op's own): with it, the imported ops draw TF's numbers
		if a := n.Attr["seed"]; a != nil && a.Kind == tfpb.AttrInt && a.I != 0 {
			if _, set := im.Graph.RandomSeed(); !set {
				im.Graph.SetRandomSeed(a.I)
			}
		}
	}
	for _, name := range im.order {
		n, err := im.node(name)
		if err != nil {
			return nil, err
		}
		// an unsupported node no one reads is kept too, to be written back
		if n == nil {
			if _, err := im.tensor(name, 0, nil); err != nil {
				return nil, err
			}
		}
	}
	if err := im.Graph.Err(); err != nil {
		return nil, errors.Wrap(err, "importing the graph")
	}
	return im, nil
}

// TensorByName returns the tensor TF names name ("y:0", or "y" for
// output 0).
func (im *Imported) TensorByName(name string) (*graph.Tensor, error) {
	node, idx, ctl := tfpb.ParseInput(name)
	if ctl {
		return nil, errors.Errorf("%q names an operation, not a tensor", name)
	}
	if im.defs[node] == nil {
		return nil, errors.Errorf("The name '%s' refers to a Tensor which does not exist. The operation, '%s', does not exist in the graph.", name, node)
	}
	return im.tensor(node, idx, nil)
}

// NodeByName returns the node TF names name ("init", "train"), or nil.
func (im *Imported) NodeByName(name string) *graph.Node { return im.nodes[name] }

// node builds node name (once) and returns it; nil for a node tf1go
// cannot compute, whose outputs are made as readers ask for them.
func (im *Imported) node(name string) (*graph.Node, error) {
	if n, ok := im.nodes[name]; ok {
		return n, nil
	}
	def := im.defs[name]
	if def == nil {
		return nil, errors.Errorf("node %q is an input but not in the GraphDef", name)
	}
	if im.busy[name] {
		// a cycle (a while loop): tf1go computes none of its ops
		im.nodes[name], im.why[name] = nil, errors.New("it is part of a cycle")
		return nil, nil
	}
	im.busy[name] = true
	defer delete(im.busy, name)
	c := &Context{im: im, Node: def}
	var controls []*graph.Node
	for _, in := range def.Input {
		src, idx, ctl := tfpb.ParseInput(in)
		if ctl {
			n, err := im.node(src)
			if err != nil {
				return nil, err
			}
			if n == nil { // unsupported: its output 0 stands for it
				t, err := im.tensor(src, 0, nil)
				if err != nil {
					return nil, err
				}
				n = t.Node()
			}
			controls = append(controls, n)
			continue
		}
		t, err := im.tensor(src, idx, def)
		if err != nil {
			return nil, err
		}
		c.Inputs = append(c.Inputs, t)
	}
	if n, ok := im.nodes[name]; ok { // made while its inputs were
		return n, nil
	}
	n, why := im.build(c, controls)
	im.nodes[name] = n
	if n == nil {
		im.why[name] = why
		return nil, nil
	}
	if n.Name() != name {
		return nil, errors.Errorf("internal: node %q was named %q", name, n.Name())
	}
	if n.Output() != nil {
		im.tensors[name+":0"] = n.Output()
	}
	return n, nil
}

// build makes the tf1go node for c.Node, or returns nil and the reason
// tf1go cannot compute it.
func (im *Imported) build(c *Context, controls []*graph.Node) (*graph.Node, error) {
	def := c.Node
	switch def.Op {
	case "VariableV2", "Variable":
		v, err := im.variable(c)
		if err != nil {
			return nil, err
		}
		return v.Node(), nil
	case "Assign":
		if len(def.Input) > 0 && im.inits[def.Input[0]] == def {
			if v := im.Variables[def.Input[0]]; v != nil {
				return v.Initializer, nil
			}
		}
	case "NoOp":
		return graph.Group(controls, graph.InGraph(im.Graph), graph.Name(def.Name)), nil
	}
	f := importerOf(def.Op)
	if f == nil {
		f = builtin[def.Op]
	}
	if f == nil {
		return nil, errors.New("tf1go has no such op")
	}
	op, inputs, err := f(c)
	if err != nil {
		return nil, err
	}
	// tf1go's rule must accept the node before it joins the graph: a
	// rejection there would be the whole graph's error
	if _, _, err := op.Infer(inputs); err != nil {
		return nil, err
	}
	return graph.NewNode(op, inputs, graph.InGraph(im.Graph), graph.Name(def.Name), graph.ControlInputs(controls...)), nil
}

// variable builds a VariableV2 (or TF 0.x Variable) node as a tf1go
// variable, with its initializer when tf1go can compute the initial
// value, else one that fails saying why (restoring sets it instead).
func (im *Imported) variable(c *Context) (*graph.Variable, error) {
	dt, err := c.NDType("dtype", false)
	if err != nil {
		return nil, err
	}
	shape, err := c.Shape("shape")
	if err != nil {
		return nil, err
	}
	if !graph.Shape(shape).FullyDefined() {
		return nil, errors.Errorf("variable shape %v is not fully defined", shape)
	}
	var init *graph.Tensor
	if a := im.inits[c.Node.Name]; a != nil {
		src, idx, _ := tfpb.ParseInput(a.Input[1])
		if t, err := im.tensor(src, idx, a); err == nil && t.DType() == dt && t.Shape().FullyDefined() &&
			graph.Shape(shape).IsCompatibleWith(t.Shape()) {
			init = t
		}
	}
	if init == nil {
		init = im.newUnsupported(c.Node.Name+"/Assign:value", "Assign", nil, dt, shape,
			errors.New("the variable's initial value uses ops tf1go lacks"))
	}
	v := im.Graph.Variable(init, graph.Name(c.Node.Name))
	im.Variables[c.Node.Name] = v
	return v, nil
}

// tensor returns output idx of node name as reader reads it (reader may
// be nil).
func (im *Imported) tensor(name string, idx int, reader *tfpb.NodeDef) (*graph.Tensor, error) {
	key := fmt.Sprintf("%s:%d", name, idx)
	if t := im.tensors[key]; t != nil {
		return t, nil
	}
	n, err := im.node(name)
	if err != nil {
		return nil, err
	}
	if t := im.tensors[key]; t != nil {
		return t, nil
	}
	def := im.defs[name]
	why := im.why[name]
	if n != nil {
		why = errors.Errorf("tf1go's %s has one output, not %d", def.Op, idx+1)
	}
	dt, shape := outputType(def, idx, reader)
	node := name
	if idx > 0 {
		node = key // ':' is in no TF node name, so this one is free
	}
	t := im.newUnsupported(node, def.Op, def, dt, shape, errors.Wrapf(why, "tf1go does not support op %s (node %s)", def.Op, name))
	im.tensors[key] = t
	return t, nil
}

// outputType guesses the dtype and shape of output idx of def from what
// TF recorded: the reader's T attr, def's own dtype attrs, and def's
// _output_shapes. A dtype tf1go lacks (string) stands as float32.
func outputType(def *tfpb.NodeDef, idx int, reader *tfpb.NodeDef) (nd.DType, graph.Shape) {
	var shape graph.Shape
	if s := def.Attr["_output_shapes"]; s != nil && idx < len(s.List.Shape) {
		shape = s.List.Shape[idx]
	}
	dt := tfpb.DTInvalid
	if reader != nil {
		if a := reader.Attr["T"]; a != nil && a.Kind == tfpb.AttrType {
			dt = a.Type
		}
	}
	for _, name := range []string{"dtype", "T", "out_type", "DstT", "dtypes", "Tdense"} {
		a := def.Attr[name]
		switch {
		case dt != tfpb.DTInvalid || a == nil:
		case a.Kind == tfpb.AttrType:
			dt = a.Type
		case idx < len(a.List.Type):
			dt = a.List.Type[idx]
		}
	}
	if dt.NDType() == nd.Invalid {
		return nd.Float32, shape
	}
	return dt.NDType(), shape
}

// unsupportedOp stands for a TF node tf1go cannot compute. Import builds
// it once (its first Infer succeeds); a Run that needs it copies it into
// a program, where Infer fails with why, naming the op and the node.
type unsupportedOp struct {
	tfOp  string
	def   *tfpb.NodeDef // the node as TF wrote it, written back on export; nil for none
	dtype nd.DType
	shape graph.Shape
	why   error
	built *atomic.Bool
}

func (u *unsupportedOp) Type() string { return u.tfOp }

func (u *unsupportedOp) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	if u.built.Swap(true) {
		return u.dtype, nil, u.why
	}
	return u.dtype, u.shape.Clone(), nil
}

func (im *Imported) newUnsupported(name, tfOp string, def *tfpb.NodeDef, dt nd.DType, shape graph.Shape, why error) *graph.Tensor {
	op := &unsupportedOp{tfOp: tfOp, def: def, dtype: dt, shape: shape, why: why, built: new(atomic.Bool)}
	return graph.NewNode(op, nil, graph.InGraph(im.Graph), graph.Name(name)).Output()
}
