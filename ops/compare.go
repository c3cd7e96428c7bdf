package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
)

// compareOp applies a predicate elementwise with broadcasting, giving
// bools: the comparisons (tf.equal, tf.greater, ...) on numbers of one
// dtype, and LogicalAnd and LogicalOr on bools.
type compareOp struct {
	name    string
	logical bool // inputs must be bool
	f       func(a, b float64) bool
}

func (c compareOp) Type() string { return c.name }

func (c compareOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if in[0].DType() != in[1].DType() {
		return graph.Bool, nil, errors.Errorf("Input 'y' of '%s' Op has type %s that does not match type %s of argument 'x'", c.name, dtName(in[1].DType()), dtName(in[0].DType()))
	}
	if err := checkBool(c.name, c.logical, in...); err != nil {
		return graph.Bool, nil, err
	}
	s, err := BroadcastShape(in[0].Shape(), in[1].Shape())
	return graph.Bool, s, err
}

// checkBool checks that the inputs are bool (want) or not: a logical op
// takes only bools, a comparison no bools but for Equal and NotEqual.
func checkBool(op string, want bool, in ...*graph.Tensor) error {
	for _, t := range in {
		if (t.DType() == graph.Bool) != want {
			return errors.Errorf("Value passed to '%s' Op has DataType %s not in list of allowed values", op, dtName(t.DType()))
		}
	}
	return nil
}

func (c compareOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	ia, ib := opkit.BroadcastIndex(in[0].Shape(), out.Shape()), opkit.BroadcastIndex(in[1].Shape(), out.Shape())
	res := out.Bools()
	for i := range res {
		res[i] = c.f(in[0].Flat(ia[i]), in[1].Flat(ib[i]))
	}
	return nil
}

// predicates are the comparisons and logical ops by TF name.
var predicates = map[string]func(a, b float64) bool{
	"Equal":        func(a, b float64) bool { return a == b },
	"NotEqual":     func(a, b float64) bool { return a != b },
	"Greater":      func(a, b float64) bool { return a > b },
	"GreaterEqual": func(a, b float64) bool { return a >= b },
	"Less":         func(a, b float64) bool { return a < b },
	"LessEqual":    func(a, b float64) bool { return a <= b },
	"LogicalAnd":   func(a, b float64) bool { return a != 0 && b != 0 },
	"LogicalOr":    func(a, b float64) bool { return a != 0 || b != 0 },
}

// newCompare is the op of TF name name for a first input x: Equal and
// NotEqual compare bools too.
func newCompare(name string, x *graph.Tensor) compareOp {
	logical := name == "LogicalAnd" || name == "LogicalOr"
	if name == "Equal" || name == "NotEqual" {
		logical = x.DType() == graph.Bool
	}
	return compareOp{name: name, logical: logical, f: predicates[name]}
}

func compare(name string, a, b any) *graph.Tensor {
	ta, tb := operands(a, b)
	return node(newCompare(name, ta), ta, tb)
}

// Equal is a == b elementwise, as bools (tf.equal).
func Equal(a, b any) *graph.Tensor { return compare("Equal", a, b) }

// NotEqual is a != b elementwise, as bools (tf.not_equal).
func NotEqual(a, b any) *graph.Tensor { return compare("NotEqual", a, b) }

// Greater is a > b elementwise, as bools (tf.greater).
func Greater(a, b any) *graph.Tensor { return compare("Greater", a, b) }

// GreaterEqual is a >= b elementwise, as bools (tf.greater_equal).
func GreaterEqual(a, b any) *graph.Tensor { return compare("GreaterEqual", a, b) }

// Less is a < b elementwise, as bools (tf.less).
func Less(a, b any) *graph.Tensor { return compare("Less", a, b) }

// LessEqual is a <= b elementwise, as bools (tf.less_equal).
func LessEqual(a, b any) *graph.Tensor { return compare("LessEqual", a, b) }

// LogicalAnd is a && b on bools with broadcasting (tf.logical_and).
func LogicalAnd(a, b any) *graph.Tensor { return compare("LogicalAnd", a, b) }

// LogicalOr is a || b on bools with broadcasting (tf.logical_or).
func LogicalOr(a, b any) *graph.Tensor { return compare("LogicalOr", a, b) }

// logicalNotOp negates bools (tf.logical_not).
type logicalNotOp struct{}

func (logicalNotOp) Type() string { return "LogicalNot" }

func (logicalNotOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return graph.Bool, in[0].Shape(), checkBool("LogicalNot", true, in[0])
}

func (logicalNotOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	for i, b := range in[0].Bools() {
		out.Bools()[i] = !b
	}
	return nil
}

// LogicalNot is !x on bools (tf.logical_not).
func LogicalNot(x any) *graph.Tensor { return node(logicalNotOp{}, tensor(x, graph.Bool)) }

// whereOp picks x's element where cond is true and y's elsewhere (TF1's
// tf.where(cond, x, y), op Select): cond has x's shape, or is a vector
// choosing whole rows.
type whereOp struct{}

func (whereOp) Type() string { return "Select" }

func (whereOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	c, x, y := in[0], in[1], in[2]
	if c.DType() != graph.Bool {
		return x.DType(), nil, errors.Errorf("Input 'condition' of 'Select' Op has type %s that does not match expected type of bool", dtName(c.DType()))
	}
	if x.DType() != y.DType() {
		return x.DType(), nil, errors.Errorf("Input 'e' of 'Select' Op has type %s that does not match type %s of argument 't'", dtName(y.DType()), dtName(x.DType()))
	}
	xs, ys, cs := x.Shape(), y.Shape(), c.Shape()
	if !xs.IsCompatibleWith(ys) {
		return x.DType(), nil, errors.Errorf("Shapes must be equal rank, but are %d and %d", len(xs), len(ys))
	}
	out := xs
	if !out.Known() {
		out = ys
	}
	if cs.Known() && out.Known() && !cs.IsCompatibleWith(out) && (len(cs) != 1 || len(out) < 1 || !cs.IsCompatibleWith(out[:1])) {
		return x.DType(), nil, errors.Errorf("Shape must be rank 1 or equal to the shape of 't', but is %s and 't' is %s", cs.Brackets(), out.Brackets())
	}
	return x.DType(), out, nil
}

func (whereOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	c, x, y := in[0].Bools(), in[1], in[2]
	per := out.Len() / max(len(c), 1) // 1, or a row's size when c picks rows
	for i := 0; i < out.Len(); i++ {
		src := y
		if c[i/per] {
			src = x
		}
		out.SetFlat(i, src.Flat(i))
	}
	return nil
}

func (whereOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	c, zero := n.Inputs()[0], ZerosLike(dy)
	return []*graph.Tensor{nil, Where(c, dy, zero), Where(c, zero, dy)}
}

// Where is cond ? x : y elementwise (TF1's tf.where(cond, x, y)); cond is
// bool, of x's shape or a vector along x's first axis.
func Where(cond, x, y any) *graph.Tensor {
	tx, ty := operands(x, y)
	return node(whereOp{}, tensor(cond, graph.Bool), tx, ty)
}
