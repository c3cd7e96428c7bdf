// Package opcheck checks GraphDef nodes against TensorFlow's op registry,
// as TensorFlow's importer does: the op exists, every attr the node sets
// is declared by the op (names starting with "_" excepted), every attr
// without a default is set, each has the declared kind ("int",
// "list(type)", ...) and one of the allowed values, lists and ints meet
// their minimum, and the node has as many data inputs as the op's input
// args call for (number_attr and type_list_attr counted). A graph check
// also resolves every input to an existing node and output.
//
// The registry is read from op_defs.json (../shared/data/tf), TensorFlow's
// OpDefs of several releases: a node passes if it fits one version of its
// op; CheckNodeAll asks that it fit every version kept, which is what a
// graph meant for TensorFlow 1.x and 2.x alike must do.
package opcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/internal/tfpb"
)

// Registry holds TensorFlow's op definitions, every version of each op.
type Registry struct {
	ops   map[string][]*OpDef
	types map[string]tfpb.DataType
}

// OpDef is one version of an op's definition (op_def.proto).
type OpDef struct {
	InputArg  []ArgDef  `json:"input_arg"`
	OutputArg []ArgDef  `json:"output_arg"`
	Attr      []AttrDef `json:"attr"`
	Sources   []string  `json:"sources"`
}

// ArgDef is an input or output argument.
type ArgDef struct {
	Name         string `json:"name"`
	Type         string `json:"type"`
	TypeAttr     string `json:"type_attr"`
	NumberAttr   string `json:"number_attr"`
	TypeListAttr string `json:"type_list_attr"`
	IsRef        bool   `json:"is_ref"`
}

// AttrDef is an attribute: its kind ("int", "list(type)"), default,
// minimum and allowed values.
type AttrDef struct {
	Name          string `json:"name"`
	Type          string `json:"type"`
	HasDefault    bool   `json:"has_default"`
	Default       *value `json:"default"`
	HasMinimum    bool
	Minimum       int64    `json:"minimum"`
	AllowedValues *allowed `json:"allowed_values"`
}

// allowed lists an attr's allowed values: types, or strings.
type allowed struct {
	Type []string `json:"type"`
	S    []string `json:"s"`
}

// value is a default AttrValue in JSON; only an int default is read (a
// number_attr's).
type value struct {
	I *int64 `json:"i"`
}

var nonFinite = regexp.MustCompile(`([:\[,])\s*-?(Infinity|NaN)`)

// Load reads op_defs.json.
func Load(path string) (*Registry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// Python's json writes ±Infinity for float defaults; JSON has no such number
	b = nonFinite.ReplaceAll(b, []byte("${1}null"))
	var raw struct {
		DataTypes map[string]int `json:"datatypes"`
		Ops       map[string]struct {
			Versions []json.RawMessage `json:"versions"`
		} `json:"ops"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, errors.Wrap(err, path)
	}
	r := &Registry{ops: map[string][]*OpDef{}, types: map[string]tfpb.DataType{}}
	for name, n := range raw.DataTypes {
		r.types[name] = tfpb.DataType(n)
	}
	for name, op := range raw.Ops {
		for _, v := range op.Versions {
			def := &OpDef{}
			if err := json.Unmarshal(v, def); err != nil {
				return nil, errors.Wrapf(err, "op %s", name)
			}
			// minimum 0 is written out when set; tell it from absent
			var probe struct {
				Attr []map[string]json.RawMessage `json:"attr"`
			}
			if err := json.Unmarshal(v, &probe); err != nil {
				return nil, err
			}
			for i := range def.Attr {
				_, def.Attr[i].HasMinimum = probe.Attr[i]["minimum"]
			}
			r.ops[name] = append(r.ops[name], def)
		}
	}
	return r, nil
}

// Versions returns the kept versions of op, newest first (nil if unknown).
func (r *Registry) Versions(op string) []*OpDef { return r.ops[op] }

// NodeError says why a node does not fit its op.
type NodeError struct {
	Node, Op string
	Msg      string
}

func (e *NodeError) Error() string {
	return fmt.Sprintf("node %s (op %s): %s", e.Node, e.Op, e.Msg)
}

// CheckNode returns nil if n fits some version of its op, else a
// *NodeError with the reason the newest version gives.
func (r *Registry) CheckNode(n *tfpb.NodeDef) error {
	defs, err := r.defs(n)
	if err != nil {
		return err
	}
	var first error
	for _, d := range defs {
		err := r.fit(n, d)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// CheckNodeAll returns nil if n fits every version of its op kept.
func (r *Registry) CheckNodeAll(n *tfpb.NodeDef) error {
	defs, err := r.defs(n)
	if err != nil {
		return err
	}
	for _, d := range defs {
		if err := r.fit(n, d); err != nil {
			return errors.Wrapf(err, "for %s", strings.Join(d.Sources, ", "))
		}
	}
	return nil
}

func (r *Registry) defs(n *tfpb.NodeDef) ([]*OpDef, error) {
	defs := r.ops[n.Op]
	if len(defs) == 0 {
		return nil, &NodeError{Node: n.Name, Op: n.Op, Msg: "Op type not registered"}
	}
	return defs, nil
}

// CheckGraph checks every node (with CheckNode, or CheckNodeAll when all
// is set), that node names are valid and unique, and that every input names an
// existing node and one of its outputs. It returns every problem found.
func (r *Registry) CheckGraph(g *tfpb.GraphDef, all bool) []error {
	var errs []error
	byName := map[string]*tfpb.NodeDef{}
	for _, n := range g.Node {
		if !validName.MatchString(n.Name) {
			errs = append(errs, &NodeError{Node: n.Name, Op: n.Op, Msg: "Node name contains invalid characters"})
		}
		if byName[n.Name] != nil {
			errs = append(errs, &NodeError{Node: n.Name, Op: n.Op, Msg: "duplicate node name"})
		}
		byName[n.Name] = n
	}
	for _, n := range g.Node {
		check := r.CheckNode
		if all {
			check = r.CheckNodeAll
		}
		if err := check(n); err != nil {
			errs = append(errs, err)
			continue
		}
		for _, in := range n.Input {
			name, idx, ctl := tfpb.ParseInput(in)
			src := byName[name]
			if src == nil {
				errs = append(errs, &NodeError{Node: n.Name, Op: n.Op, Msg: fmt.Sprintf("input %q: no such node", in)})
				continue
			}
			if ctl {
				continue
			}
			if outs, ok := r.outputs(src); ok && idx >= outs {
				errs = append(errs, &NodeError{Node: n.Name, Op: n.Op, Msg: fmt.Sprintf("input %q: %s has %d outputs", in, src.Op, outs)})
			}
		}
	}
	return errs
}

// validName is TensorFlow's node name rule (node_def_util.cc), kept here
// apart from the exporter's so that the check does not trust it.
var validName = regexp.MustCompile(`^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$`)

// outputs counts a node's outputs by the first version of its op it fits.
func (r *Registry) outputs(n *tfpb.NodeDef) (int, bool) {
	for _, d := range r.ops[n.Op] {
		if r.fit(n, d) == nil {
			c, err := argCount(n, d, d.OutputArg)
			return c, err == nil
		}
	}
	return 0, false
}

// fit checks n against one version of its op.
func (r *Registry) fit(n *tfpb.NodeDef, d *OpDef) error {
	bad := func(format string, args ...any) error {
		return &NodeError{Node: n.Name, Op: n.Op, Msg: fmt.Sprintf(format, args...)}
	}
	declared := map[string]*AttrDef{}
	for i := range d.Attr {
		declared[d.Attr[i].Name] = &d.Attr[i]
	}
	for name := range n.Attr {
		if !strings.HasPrefix(name, "_") && declared[name] == nil {
			return bad("NodeDef mentions attr '%s' not in Op", name)
		}
	}
	for i := range d.Attr {
		a := &d.Attr[i]
		v, ok := n.Attr[a.Name]
		if !ok {
			if !a.HasDefault {
				return bad("NodeDef missing attr '%s'", a.Name)
			}
			continue
		}
		if err := r.checkAttr(a, v); err != nil {
			return bad("attr '%s': %v", a.Name, err)
		}
	}
	want, err := argCount(n, d, d.InputArg)
	if err != nil {
		return bad("%v", err)
	}
	got, controls := 0, false
	for _, in := range n.Input {
		if strings.HasPrefix(in, "^") {
			controls = true
		} else if controls {
			return bad("data input %q after a control input", in)
		} else {
			got++
		}
	}
	if got != want {
		return bad("%d data inputs, the op takes %d", got, want)
	}
	return nil
}

// argCount is how many tensors args stand for in n: one each, or the
// number_attr's value, or the type_list_attr's length.
func argCount(n *tfpb.NodeDef, d *OpDef, args []ArgDef) (int, error) {
	c := 0
	for _, a := range args {
		switch {
		case a.NumberAttr != "":
			v := n.Attr[a.NumberAttr]
			if v == nil {
				for _, ad := range d.Attr {
					if ad.Name == a.NumberAttr && ad.Default != nil && ad.Default.I != nil {
						v = tfpb.IntAttr(*ad.Default.I)
					}
				}
			}
			if v == nil {
				return 0, errors.Errorf("no value for %s, the length of %s", a.NumberAttr, a.Name)
			}
			c += int(v.I)
		case a.TypeListAttr != "":
			if v := n.Attr[a.TypeListAttr]; v != nil {
				c += len(v.List.Type)
			}
		default:
			c++
		}
	}
	return c, nil
}

var kinds = map[string]tfpb.AttrKind{"string": tfpb.AttrString, "int": tfpb.AttrInt, "float": tfpb.AttrFloat,
	"bool": tfpb.AttrBool, "type": tfpb.AttrType, "shape": tfpb.AttrShape, "tensor": tfpb.AttrTensor, "func": tfpb.AttrFunc}

// checkAttr checks one attr value against its definition.
func (r *Registry) checkAttr(a *AttrDef, v *tfpb.AttrValue) error {
	elem, isList := strings.CutPrefix(a.Type, "list(")
	elem = strings.TrimSuffix(elem, ")")
	want, ok := kinds[elem]
	if !ok {
		return errors.Errorf("unknown attr type %q", a.Type)
	}
	if isList {
		if v.Kind != tfpb.AttrList {
			return errors.Errorf("want %s, got a single value", a.Type)
		}
		if k := v.List.Kind(); k != tfpb.AttrNone && k != want {
			return errors.Errorf("want %s, got a list of another kind", a.Type)
		}
		if a.HasMinimum && int64(v.List.Len()) < a.Minimum {
			return errors.Errorf("list of length %d, shorter than the minimum %d", v.List.Len(), a.Minimum)
		}
		for _, t := range v.List.Type {
			if err := r.allowedType(a, t); err != nil {
				return err
			}
		}
		for _, s := range v.List.S {
			if err := allowedString(a, string(s)); err != nil {
				return err
			}
		}
		return nil
	}
	if v.Kind != want && !(want == tfpb.AttrFunc && v.Kind == tfpb.AttrPlaceholder) {
		return errors.Errorf("want %s, got another kind (%d)", a.Type, v.Kind)
	}
	switch want {
	case tfpb.AttrInt:
		if a.HasMinimum && v.I < a.Minimum {
			return errors.Errorf("value %d below the minimum %d", v.I, a.Minimum)
		}
	case tfpb.AttrType:
		return r.allowedType(a, v.Type)
	case tfpb.AttrString:
		return allowedString(a, string(v.S))
	}
	return nil
}

func (r *Registry) allowedType(a *AttrDef, t tfpb.DataType) error {
	if a.AllowedValues == nil || len(a.AllowedValues.Type) == 0 {
		return nil
	}
	if slices.ContainsFunc(a.AllowedValues.Type, func(name string) bool { return r.types[name] == t }) {
		return nil
	}
	return errors.Errorf("value %s not in the allowed types %v", t, a.AllowedValues.Type)
}

func allowedString(a *AttrDef, s string) error {
	if a.AllowedValues == nil || len(a.AllowedValues.S) == 0 || slices.Contains(a.AllowedValues.S, s) {
		return nil
	}
	return errors.Errorf("value %q not in the allowed values %v", s, a.AllowedValues.S)
}
