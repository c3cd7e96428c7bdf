package graph

import (
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
)

// PlaceholderOp is a value the caller feeds at Run (tf.placeholder).
type PlaceholderOp struct {
	DType DType
	Shape Shape
}

func (PlaceholderOp) Type() string { return "Placeholder" }

// Infer rejects an invalid dtype and a dim below None, in TF's words;
// the failed placeholder still stands in as a float tensor.
func (p PlaceholderOp) Infer([]*Tensor) (DType, Shape, error) {
	if p.DType.Size() == 0 {
		return Float32, nil, errors.Errorf("Cannot convert %d to a TensorFlow DType.", int(p.DType))
	}
	for _, d := range p.Shape {
		if d < None {
			return p.DType, nil, errors.Errorf("Dimension %d must be >= 0", d)
		}
	}
	return p.DType, p.Shape.Clone(), nil
}

// Placeholder declares a tensor whose value is fed at Run. Dims may be
// None; shape may be UnknownShape (nil) for a tensor of any shape, as the
// lecture's keep_prob is. An invalid dtype or a dim below None (-5) is a
// build error, kept on the graph; the placeholder returned is never nil.
func (g *Graph) Placeholder(dt DType, shape Shape, opts ...Option) *Tensor {
	return NewNode(PlaceholderOp{DType: dt, Shape: shape.Clone()}, nil, append([]Option{InGraph(g)}, opts...)...).out
}

// ConstOp is a constant value (tf.constant).
type ConstOp struct{ Value *nd.Array }

func (ConstOp) Type() string { return "Const" }

func (c ConstOp) Infer([]*Tensor) (DType, Shape, error) {
	return c.Value.DType(), Shape(c.Value.Shape()), nil
}

// Compute copies the constant into out.
func (c ConstOp) Compute(_ *Env, _ []*nd.Array, out *nd.Array) error {
	out.CopyFrom(c.Value)
	return nil
}

// Const returns a free constant tensor holding v (not copied: do not
// change it afterwards).
func Const(v *nd.Array, opts ...Option) *Tensor {
	return NewNode(ConstOp{Value: v}, nil, opts...).out
}

// VariableOp holds a variable's value between runs (TF's VariableV2).
// A Session keeps the value; the node reads it.
type VariableOp struct {
	DType DType
	Shape Shape
}

func (VariableOp) Type() string { return "VariableV2" }

// TFOps is 2: tf.Variable created the variable and its read Identity
// (and the Assign, a node of its own here).
func (VariableOp) TFOps() int { return 2 }

func (v VariableOp) Infer([]*Tensor) (DType, Shape, error) { return v.DType, v.Shape.Clone(), nil }

// AssignOp writes its second input into the variable that is its first
// (tf.assign, and each variable's initializer).
type AssignOp struct{}

func (AssignOp) Type() string { return "Assign" }

func (AssignOp) RefInputs() []int { return []int{0} }

func (AssignOp) Infer(in []*Tensor) (DType, Shape, error) {
	if _, ok := in[0].node.op.(VariableOp); !ok {
		return nd.Invalid, nil, errors.Errorf("Assign needs a variable as its first input, got %s", in[0].node.op.Type())
	}
	if in[0].dtype != in[1].dtype {
		return nd.Invalid, nil, errors.Errorf("Input 'value' of 'Assign' Op has type %s that does not match type %s of argument 'ref'", in[1].dtype, in[0].dtype)
	}
	if !in[0].shape.IsCompatibleWith(in[1].shape) {
		return nd.Invalid, nil, errors.Errorf("Shapes must be equal rank, or the dims must match")
	}
	return in[0].dtype, in[0].shape.Clone(), nil
}

// Compute copies the value into the variable (in[0], the session's
// storage) and into out.
func (AssignOp) Compute(_ *Env, in []*nd.Array, out *nd.Array) error {
	if nd.NumElements(in[0].Shape()) != in[1].Len() {
		return errors.Errorf("Assign: value of shape %s does not fit variable of shape %s",
			nd.ShapeString(in[1].Shape()), nd.ShapeString(in[0].Shape()))
	}
	in[0].CopyFrom(in[1])
	out.CopyFrom(in[1])
	return nil
}

// Assign returns an op that writes value into v (tf.assign(v, value)).
func Assign(v *Variable, value *Tensor, opts ...Option) *Tensor {
	return NewNode(AssignOp{}, []*Tensor{v.Tensor, value}, opts...).out
}

// noOp does nothing; it groups control inputs (tf.no_op, tf.group).
type noOp struct{}

func (noOp) Type() string { return "NoOp" }

func (noOp) Infer([]*Tensor) (DType, Shape, error) { return nd.Invalid, nil, nil }

// Group returns an op that runs all the given nodes (tf.group).
func Group(nodes []*Node, opts ...Option) *Node {
	return NewNode(noOp{}, nil, append([]Option{ControlInputs(nodes...)}, opts...)...)
}

// Failed returns a node that carries err as it is, for a builder that
// meets an error not about one op's inputs (an optimizer whose loss no
// variable reaches): g.Err and every Run on g report err. With a nil g
// the node is free, and reports err in the graph it is first used in.
func Failed(g *Graph, err error) *Node {
	n := NewNode(noOp{}, nil, InGraph(g))
	n.err = err
	if g != nil {
		g.mu.Lock()
		g.setErr(err)
		g.mu.Unlock()
	}
	return n
}

// IsNoOp reports whether op is a NoOp (it computes nothing).
func IsNoOp(op Op) bool { _, ok := op.(noOp); return ok }

// Variable is a tensor whose value the Session keeps between runs
// (tf.Variable). Use it wherever a tensor goes: its embedded Tensor is the
// variable's current value.
type Variable struct {
	*Tensor
	// Initializer writes the initial value (v.initializer).
	Initializer *Node
	// InitialValue is the tensor the initializer computes.
	InitialValue *Tensor
	trainable    bool
}

// Variable declares a variable whose initial value is init, a tensor of
// fully defined shape (ops.Zeros(2, 1), ops.TruncatedNormal(...)), a
// constant, or a Go value (converted to float32 as Python floats are).
func (g *Graph) Variable(init any, opts ...Option) *Variable {
	var c nodeConfig
	for _, o := range opts {
		o(&c)
	}
	iv, err := AsTensor(init, nd.Invalid)
	if err != nil {
		iv = Const(nd.Scalar(Float32, 0))
		g.mu.Lock()
		g.setErr(errors.Wrap(err, "Variable: initial value"))
		g.mu.Unlock()
	}
	iv = iv.In(g)
	name := c.name
	if name == "" {
		name = "Variable"
	}
	shape := iv.shape
	if !shape.FullyDefined() && iv.node.err == nil {
		g.mu.Lock()
		g.setErr(errors.Errorf("initial value must have a fully defined shape, got %s for Variable %q", shape, name))
		g.mu.Unlock()
		shape = Shape{}
	}
	vn := NewNode(VariableOp{DType: iv.dtype, Shape: shape.Clone()}, nil, InGraph(g), Name(name))
	v := &Variable{Tensor: vn.out, InitialValue: iv, trainable: c.trainable == nil || *c.trainable}
	// the scope is in vn.name already; uniqueName adds it again
	g.mu.Lock()
	scope := strings.Join(g.scopes, "/") + "/"
	g.mu.Unlock()
	v.Initializer = Assign(v, iv, Name(strings.TrimPrefix(vn.name, scope)+"/Assign")).node
	g.mu.Lock()
	g.vars = append(g.vars, v)
	g.mu.Unlock()
	return v
}

// Trainable reports whether optimizers update v by default.
func (v *Variable) Trainable() bool { return v.trainable }

// Value returns the variable's value as a tensor (the embedded Tensor).
func (v *Variable) Value() *Tensor { return v.Tensor }

// AsTensor turns x into a tensor the way TF's convert_to_tensor does: a
// *Tensor or *Variable is used as it is; an *nd.Array becomes a constant
// of its own dtype; a Go number or (nested) slice becomes a free constant
// of dtype dt (Float32 when dt is Invalid, as for a Python float).
func AsTensor(x any, dt DType) (*Tensor, error) {
	switch t := x.(type) {
	case *Tensor:
		if t == nil {
			return nil, errors.New("nil *graph.Tensor")
		}
		return t, nil
	case *Variable:
		if t == nil {
			return nil, errors.New("nil *graph.Variable")
		}
		return t.Tensor, nil
	case *nd.Array:
		if t != nil && dt == nd.Invalid {
			dt = t.DType()
		}
	}
	if dt == nd.Invalid {
		dt = Float32
	}
	a, err := nd.From(x, dt)
	if err != nil {
		return nil, err
	}
	return Const(a), nil
}
