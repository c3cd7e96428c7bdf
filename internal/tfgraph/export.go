package tfgraph

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// Producer is the GraphDef version tf1go writes: that of TensorFlow 1.1,
// which every TensorFlow since reads.
const Producer = 21

// Exportable is an op that writes itself as TensorFlow nodes. ExportTF
// adds the nodes with e.Emit (the node standing for n's output, named
// n.Name()) and e.Add (helper nodes such as a reduction's axes).
type Exportable interface {
	ExportTF(e *Exporter, n *graph.Node) error
}

// Exporter builds a GraphDef from a tf1go graph.
type Exporter struct {
	def   *tfpb.GraphDef
	taken map[string]bool
	out   map[*graph.Node]string // the TF tensor a node's readers use
	ref   map[*graph.Node]string // a variable's VariableV2 node
	skip  map[*graph.Node]bool
	err   error // a constant that could not be written
}

// Export is a graph written as a GraphDef. Its Exporter adds more nodes
// (a Saver's, say).
type Export struct {
	*Exporter
	Def *tfpb.GraphDef
	// Variables are the graph's variables, as the "variables" collection
	// describes them (names of the VariableV2, Assign and read nodes).
	Variables []*tfpb.VariableDef
	// Skipped are the training nodes left out.
	Skipped []*graph.Node
}

// UnsupportedExportError says a node has no TensorFlow equivalent.
type UnsupportedExportError struct {
	Node, Op string
	Msg      string
}

func (e *UnsupportedExportError) Error() string {
	msg := "tf1go has no TensorFlow equivalent for it"
	if e.Msg != "" {
		msg = e.Msg
	}
	return fmt.Sprintf("cannot export node %s (op %s): %s", e.Node, e.Op, msg)
}

// GraphDef returns g as a serialized GraphDef (what TensorFlow's
// tf.Graph.as_graph_def writes), training nodes left out.
func GraphDef(g *graph.Graph) ([]byte, error) {
	ex, err := ExportGraph(g)
	if err != nil {
		return nil, err
	}
	return ex.Def.Marshal(), nil
}

// ExportGraph writes g as TensorFlow nodes. A graph with a build error
// is not exported.
func ExportGraph(g *graph.Graph) (*Export, error) {
	if err := g.Err(); err != nil {
		return nil, errors.Wrap(err, "the graph has an error")
	}
	e := &Exporter{def: &tfpb.GraphDef{Producer: Producer}, taken: map[string]bool{},
		out: map[*graph.Node]string{}, ref: map[*graph.Node]string{}, skip: map[*graph.Node]bool{}}
	nodes := g.Nodes()
	for _, n := range nodes {
		e.taken[n.Name()] = true
	}
	res := &Export{Exporter: e, Def: e.def}
	for _, n := range nodes {
		if u, ok := n.Op().(*unsupportedOp); ok && u.def == nil {
			return nil, &UnsupportedExportError{Node: n.Name(), Op: u.tfOp, Msg: "it stands for an initial value tf1go could not import"}
		}
		if u, ok := n.Op().(*unsupportedOp); ok && u.def.Name != n.Name() {
			continue // output k > 0 of an imported node: "name:k", written with it
		}
		if !ValidName(n.Name()) {
			return nil, &UnsupportedExportError{Node: n.Name(), Op: n.Op().Type(),
				Msg: "TensorFlow's node names are letters, digits and . _ - / >, and begin with a letter, a digit or ."}
		}
	}
	for _, n := range nodes {
		if e.training(n) {
			e.skip[n] = true
			res.Skipped = append(res.Skipped, n)
			continue
		}
		if err := e.node(n); err != nil {
			return nil, err
		}
		if e.err != nil {
			return nil, Unsupported(n, e.err.Error())
		}
	}
	for _, v := range g.GlobalVariables() {
		vn := v.Node()
		res.Variables = append(res.Variables, &tfpb.VariableDef{
			VariableName:     e.ref[vn] + ":0",
			InitializerName:  v.Initializer.Name(),
			SnapshotName:     e.out[vn],
			InitialValueName: tensorName(e.Input(v.InitialValue)),
			Trainable:        v.Trainable(),
		})
	}
	return res, nil
}

// training reports whether n is a symbolic gradient or downstream of one.
func (e *Exporter) training(n *graph.Node) bool {
	if n.Op().Type() == "SymbolicGradient" {
		return true
	}
	for _, in := range n.Inputs() {
		if e.skip[in.Node()] {
			return true
		}
	}
	for _, c := range n.ControlInputs() {
		if e.skip[c] {
			return true
		}
	}
	return false
}

func (e *Exporter) node(n *graph.Node) error {
	switch op := n.Op().(type) {
	case graph.PlaceholderOp:
		e.Emit(n, "Placeholder", nil, Attrs{"dtype": tfpb.TypeAttr(tfpb.DataTypeOf(op.DType)), "shape": tfpb.ShapeAttr(op.Shape)})
		return nil
	case graph.ConstOp:
		e.Emit(n, "Const", nil, e.constAttrs(op.Value, tfpb.DataTypeOf(op.Value.DType())))
		return nil
	case graph.VariableOp:
		dt := tfpb.DataTypeOf(op.DType)
		name := e.Emit(n, "VariableV2", nil, Attrs{"dtype": tfpb.TypeAttr(dt), "shape": tfpb.ShapeAttr(op.Shape),
			"container": tfpb.StringAttr(""), "shared_name": tfpb.StringAttr("")})
		e.ref[n] = name
		e.out[n] = e.Add(name+"/read", "Identity", []string{name}, Attrs{"T": tfpb.TypeAttr(dt)}) + ":0"
		return nil
	case graph.AssignOp:
		in := n.Inputs()
		e.Emit(n, "Assign", []string{e.ref[in[0].Node()], e.Input(in[1])}, Attrs{"T": TypeOf(in[1]),
			"validate_shape": tfpb.BoolAttr(true), "use_locking": tfpb.BoolAttr(true)})
		return nil
	case Exportable:
		return op.ExportTF(e, n)
	case *unsupportedOp:
		// imported as TF wrote it: written back as it was, once, by the
		// node of its output 0 (its inputs name TF's nodes, which keep
		// their names in tf1go)
		if op.def.Name == n.Name() {
			e.AddNamed(op.def.Name, op.def.Op, op.def.Input, op.def.Attr)
		}
		return nil
	}
	if graph.IsNoOp(n.Op()) {
		e.Emit(n, "NoOp", nil, nil)
		return nil
	}
	return &UnsupportedExportError{Node: n.Name(), Op: n.Op().Type()}
}

// Attrs are a node's attributes.
type Attrs = map[string]*tfpb.AttrValue

// TypeOf is the type attr ("T") for t's dtype.
func TypeOf(t *graph.Tensor) *tfpb.AttrValue { return tfpb.TypeAttr(tfpb.DataTypeOf(t.DType())) }

// constAttrs are a Const's attrs for a as dt; a value dt cannot hold (a
// dim beyond int32) is the export's error.
func (e *Exporter) constAttrs(a *nd.Array, dt tfpb.DataType) Attrs {
	value, err := tfpb.EncodeTensorAs(a, dt)
	if err != nil && e.err == nil {
		e.err = err
	}
	return Attrs{"dtype": tfpb.TypeAttr(dt), "value": tfpb.TensorAttr(value)}
}

// Input is the TF input naming t for a reader: a variable's read
// Identity, else t's node.
func (e *Exporter) Input(t *graph.Tensor) string {
	if s, ok := e.out[t.Node()]; ok {
		return s
	}
	return t.Node().Name()
}

// validName is TensorFlow's rule for node names (node_def_util.cc).
var validName = regexp.MustCompile(`^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$`)

// ValidName reports whether TensorFlow accepts name as a node name.
func ValidName(name string) bool { return validName.MatchString(name) }

// tensorName is a NodeDef input as a tensor name: "x" is "x:0".
func tensorName(input string) string {
	if strings.Contains(input, ":") {
		return input
	}
	return input + ":0"
}

// Emit adds the node that stands for n's output, named n.Name(); control
// inputs of n are added after inputs. It returns the name.
func (e *Exporter) Emit(n *graph.Node, op string, inputs []string, attrs Attrs) string {
	for _, c := range n.ControlInputs() {
		inputs = append(inputs, "^"+c.Name())
	}
	e.def.Node = append(e.def.Node, &tfpb.NodeDef{Name: n.Name(), Op: op, Input: inputs, Attr: attrs})
	return n.Name()
}

// Add adds a helper node named name (made unique with _1, _2, ... as TF
// does) and returns its name.
func (e *Exporter) Add(name, op string, inputs []string, attrs Attrs) string {
	return e.AddNamed(e.Unique(name), op, inputs, attrs)
}

// AddNamed adds a node named name, which Unique gave, and returns name.
func (e *Exporter) AddNamed(name, op string, inputs []string, attrs Attrs) string {
	e.taken[name] = true
	e.def.Node = append(e.def.Node, &tfpb.NodeDef{Name: name, Op: op, Input: inputs, Attr: attrs})
	return name
}

// Ref returns the VariableV2 node of variable node n ("" if n is none).
func (e *Exporter) Ref(n *graph.Node) string { return e.ref[n] }

// Const adds a Const node holding a as dtype dt and returns its name.
func (e *Exporter) Const(name string, a *nd.Array, dt tfpb.DataType) string {
	return e.Add(name, "Const", nil, e.constAttrs(a, dt))
}

// Int32s adds an int32 Const node holding v (a shape, axes) and returns
// its name.
func (e *Exporter) Int32s(name string, v []int, shape ...int) string {
	a := nd.New(nd.Int64, shape...)
	for i, x := range v {
		a.Int64s()[i] = int64(x)
	}
	return e.Const(name, a, tfpb.DTInt32)
}

// UniqueScope returns a name scope, name or name_1, name_2, ..., that no
// node's name is in yet, and takes it.
func (e *Exporter) UniqueScope(name string) string {
	used := func(scope string) bool {
		for t := range e.taken {
			if t == scope || strings.HasPrefix(t, scope+"/") {
				return true
			}
		}
		return false
	}
	scope := name
	for i := 1; used(scope); i++ {
		scope = fmt.Sprintf("%s_%d", name, i)
	}
	e.taken[scope] = true
	return scope
}

// Unique returns name, or name_1, name_2, ... if it is taken, and takes it.
func (e *Exporter) Unique(name string) string {
	if !e.taken[name] {
		e.taken[name] = true
		return name
	}
	for i := 1; ; i++ {
		if c := fmt.Sprintf("%s_%d", name, i); !e.taken[c] {
			e.taken[c] = true
			return c
		}
	}
}

// Unsupported returns the error for a node whose op has no TF form in
// the case at hand (why says which).
func Unsupported(n *graph.Node, why string) error {
	return &UnsupportedExportError{Node: n.Name(), Op: n.Op().Type(), Msg: why}
}
