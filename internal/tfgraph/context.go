package tfgraph

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// Context is what an ImportFunc sees of the node it imports.
type Context struct {
	im *Imported
	// Node is the TF node.
	Node *tfpb.NodeDef
	// Inputs are its data inputs as tf1go tensors.
	Inputs []*graph.Tensor
}

func (c *Context) attr(name string, kind tfpb.AttrKind) (*tfpb.AttrValue, error) {
	a := c.Node.Attr[name]
	if a == nil {
		return nil, errors.Errorf("NodeDef missing attr '%s'", name)
	}
	if a.Kind != kind {
		return nil, errors.Errorf("attr '%s' is not of the kind the op defines", name)
	}
	return a, nil
}

// Type returns the type attr name.
func (c *Context) Type(name string) (tfpb.DataType, error) {
	a, err := c.attr(name, tfpb.AttrType)
	if err != nil {
		return 0, err
	}
	return a.Type, nil
}

// NDType returns the type attr name as a tf1go dtype, an error for a
// dtype tf1go lacks or, with floatOnly, one that is not a float.
func (c *Context) NDType(name string, floatOnly bool) (nd.DType, error) {
	t, err := c.Type(name)
	if err != nil {
		return nd.Invalid, err
	}
	dt := t.NDType()
	if t.Base() != t || dt == nd.Invalid || (floatOnly && !dt.IsFloat()) || (!floatOnly && dt == nd.Int64 && t != tfpb.DTInt64) {
		return nd.Invalid, errors.Errorf("tf1go does not compute %s with %s %s", c.Node.Op, name, t)
	}
	return dt, nil
}

// Shape returns the shape attr name.
func (c *Context) Shape(name string) ([]int, error) {
	a, err := c.attr(name, tfpb.AttrShape)
	if err != nil {
		return nil, err
	}
	return a.Shape, nil
}

// Ints returns the list(int) attr name.
func (c *Context) Ints(name string) ([]int, error) {
	a, err := c.attr(name, tfpb.AttrList)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(a.List.I))
	for i, v := range a.List.I {
		out[i] = int(v)
	}
	return out, nil
}

// String returns the string attr name, or def when it is not set.
func (c *Context) String(name, def string) string {
	if a := c.Node.Attr[name]; a != nil && a.Kind == tfpb.AttrString {
		return string(a.S)
	}
	return def
}

// Bool returns the bool attr name, or def when it is not set.
func (c *Context) Bool(name string, def bool) bool {
	if a := c.Node.Attr[name]; a != nil && a.Kind == tfpb.AttrBool {
		return a.B
	}
	return def
}

// Int returns the int attr name, or def when it is not set.
func (c *Context) Int(name string, def int64) int64 {
	if a := c.Node.Attr[name]; a != nil && a.Kind == tfpb.AttrInt {
		return a.I
	}
	return def
}

// ConstInput returns the value of data input i, which must be a constant
// (a Reshape's shape, a reduction's axes): tf1go keeps such values in the
// op.
func (c *Context) ConstInput(i int) (*nd.Array, error) {
	if i >= len(c.Inputs) {
		return nil, errors.Errorf("%s has %d inputs, not %d", c.Node.Op, len(c.Inputs), i+1)
	}
	k, ok := c.Inputs[i].Op().(graph.ConstOp)
	if !ok {
		return nil, errors.Errorf("input %d (%s) must be a constant for tf1go, not the output of %s", i, c.Inputs[i].Name(), c.Inputs[i].Op().Type())
	}
	return k.Value, nil
}

// Producer returns the TF node that makes data input i of node n and
// the output index read ("" and -1 for none).
func (c *Context) Producer(n *tfpb.NodeDef, i int) (*tfpb.NodeDef, int) {
	data := 0
	for _, in := range n.Input {
		name, idx, ctl := tfpb.ParseInput(in)
		if ctl {
			continue
		}
		if data == i {
			return c.im.defs[name], idx
		}
		data++
	}
	return nil, -1
}

// Tensor returns output idx of TF node name as a tf1go tensor.
func (c *Context) Tensor(name string, idx int) (*graph.Tensor, error) {
	return c.im.tensor(name, idx, c.Node)
}

// builtin imports the ops of package graph (VariableV2, Assign and NoOp
// are built by Imported.build).
var builtin = map[string]ImportFunc{
	"Placeholder": func(c *Context) (graph.Op, []*graph.Tensor, error) {
		dt, err := c.NDType("dtype", false)
		if err != nil {
			return nil, nil, err
		}
		var shape []int
		if a := c.Node.Attr["shape"]; a != nil && a.Kind == tfpb.AttrShape {
			shape = a.Shape
		}
		return graph.PlaceholderOp{DType: dt, Shape: shape}, nil, nil
	},
	"Const": func(c *Context) (graph.Op, []*graph.Tensor, error) {
		a, err := c.attr("value", tfpb.AttrTensor)
		if err != nil {
			return nil, nil, err
		}
		t, err := tfpb.DecodeTensor(a.Tensor)
		if err != nil {
			return nil, nil, err
		}
		if t.Array == nil {
			return nil, nil, errors.Errorf("tf1go has no %s tensors", t.DType)
		}
		return graph.ConstOp{Value: t.Array}, nil, nil
	},
	"Assign": func(c *Context) (graph.Op, []*graph.Tensor, error) {
		if len(c.Inputs) != 2 {
			return nil, nil, errors.Errorf("Assign takes 2 inputs, the node has %d", len(c.Inputs))
		}
		return graph.AssignOp{}, c.Inputs, nil
	},
}
