package ops

import (
	"math"

	"github.com/tf1go/tf1go/graph"
)

// unaryOp is an opkit.Elementwise op of one input: its forward f and its
// gradient side by side.
type unaryOp struct {
	name string
	f    func(float64) float64
	k32  exact32 // f's float32 tile kernel, if exact
	// grad returns d(objective)/dx from x, the op's output y and dy.
	grad func(x, y, dy *graph.Tensor) *graph.Tensor
}

func (u *unaryOp) Type() string { return u.name }

func (u *unaryOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if err := requireFloat(in[0]); err != nil {
		return in[0].DType(), nil, err
	}
	return in[0].DType(), in[0].Shape(), nil
}

func (u *unaryOp) Eval(dst []float64, args [][]float64) {
	a := args[0][:len(dst)]
	for i := range dst {
		dst[i] = u.f(a[i])
	}
}

func (u *unaryOp) Eval32() func(dst []float32, args [][]float32) { return u.k32.kernel() }

func (u *unaryOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{u.grad(n.Inputs()[0], n.Output(), dy)}
}

func unary(op *unaryOp, x any) *graph.Tensor { return node(op, tensor(x, 0)) }

// binaryOp is an opkit.Elementwise op of two inputs with TF broadcasting.
type binaryOp struct {
	name string
	f    func(a, b float64) float64
	k32  exact32 // f's float32 tile kernel, if exact
	// grad returns the gradients for x and y before they are summed back
	// to x's and y's shapes; z is the op's output.
	grad func(x, y, z, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor)
}

func (b *binaryOp) Type() string { return b.name }

func (b *binaryOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if err := requireFloat(in[0], in[1]); err != nil {
		return in[0].DType(), nil, err
	}
	s, err := BroadcastShape(in[0].Shape(), in[1].Shape())
	return in[0].DType(), s, err
}

func (b *binaryOp) Eval(dst []float64, args [][]float64) {
	x, y := args[0][:len(dst)], args[1][:len(dst)]
	for i := range dst {
		dst[i] = b.f(x[i], y[i])
	}
}

func (b *binaryOp) Eval32() func(dst []float32, args [][]float32) { return b.k32.kernel() }

func (b *binaryOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	x, y := n.Inputs()[0], n.Inputs()[1]
	gx, gy := b.grad(x, y, n.Output(), dy)
	return []*graph.Tensor{reduceTo(gx, x), reduceTo(gy, y)}
}

func binary(op *binaryOp, a, b any) *graph.Tensor {
	ta, tb := operands(a, b)
	return node(op, ta, tb)
}

// gradOp is an opkit.Elementwise helper that only gradients create
// (SigmoidGrad, ReluGrad, ...): no gradient of its own.
type gradOp struct {
	name string
	f    func(a, dy float64) float64
	k32  exact32 // f's float32 tile kernel, if exact
}

func (g *gradOp) Eval32() func(dst []float32, args [][]float32) { return g.k32.kernel() }

func (g *gradOp) Type() string { return g.name }

func (g *gradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	s, err := BroadcastShape(in[0].Shape(), in[1].Shape())
	return in[1].DType(), s, err
}

func (g *gradOp) Eval(dst []float64, args [][]float64) {
	a, dy := args[0][:len(dst)], args[1][:len(dst)]
	for i := range dst {
		dst[i] = g.f(a[i], dy[i])
	}
}

// The elementwise ops, each with its forward and gradient; set in init
// because gradients call the functions that use them.
var (
	logOp, expOp, squareOp, sqrtOp, sigmoidOp, logSigmoidOp   *unaryOp
	tanhOp, reluOp, absOp, signOp, negOp                      *unaryOp
	sqrtGrad, sigmoidGrad, logSigmoidGrad, tanhGrad, reluGrad *gradOp
	addOp, subOp, mulOp, divOp                                *binaryOp
)

func init() {
	logOp = &unaryOp{name: "Log", f: math.Log,
		grad: func(x, _, dy *graph.Tensor) *graph.Tensor { return Div(dy, x) }}
	expOp = &unaryOp{name: "Exp", f: math.Exp,
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return Mul(dy, y) }}
	squareOp = &unaryOp{name: "Square", f: square[float64], k32: square32,
		grad: func(x, _, dy *graph.Tensor) *graph.Tensor { return Mul(dy, Mul(x, 2)) }}
	sqrtOp = &unaryOp{name: "Sqrt", f: math.Sqrt, k32: sqrt32,
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(sqrtGrad, y, dy) }}
	sigmoidOp = &unaryOp{name: "Sigmoid", f: sigmoid,
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(sigmoidGrad, y, dy) }}
	logSigmoidOp = &unaryOp{name: "LogSigmoid", f: logSigmoid,
		grad: func(x, _, dy *graph.Tensor) *graph.Tensor { return node(logSigmoidGrad, x, dy) }}
	tanhOp = &unaryOp{name: "Tanh", f: math.Tanh,
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(tanhGrad, y, dy) }}
	reluOp = &unaryOp{name: "Relu", f: relu[float64], k32: relu32,
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(reluGrad, y, dy) }}
	absOp = &unaryOp{name: "Abs", f: math.Abs,
		grad: func(x, _, dy *graph.Tensor) *graph.Tensor { return Mul(dy, Sign(x)) }}
	signOp = &unaryOp{name: "Sign", f: sign,
		grad: func(_, _, dy *graph.Tensor) *graph.Tensor { return Mul(dy, 0) }}
	negOp = &unaryOp{name: "Neg", f: neg[float64], k32: neg32,
		grad: func(_, _, dy *graph.Tensor) *graph.Tensor { return Neg(dy) }}

	sqrtGrad = &gradOp{name: "SqrtGrad", f: func(y, dy float64) float64 { return dy * 0.5 / y }}
	sigmoidGrad = &gradOp{name: "SigmoidGrad", f: func(y, dy float64) float64 { return dy * y * (1 - y) }}
	logSigmoidGrad = &gradOp{name: "LogSigmoidGrad", f: func(x, dy float64) float64 { return dy * sigmoid(-x) }}
	tanhGrad = &gradOp{name: "TanhGrad", f: func(y, dy float64) float64 { return dy * (1 - y*y) }}
	reluGrad = &gradOp{name: "ReluGrad", f: reluGradient[float64], k32: reluGrad32}

	addOp = &binaryOp{name: "Add", f: add[float64], k32: add32,
		grad: func(_, _, _, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) { return dy, dy }}
	subOp = &binaryOp{name: "Sub", f: sub[float64], k32: sub32,
		grad: func(_, _, _, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) { return dy, Neg(dy) }}
	mulOp = &binaryOp{name: "Mul", f: mul[float64], k32: mul32,
		grad: func(x, y, _, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) { return Mul(dy, y), Mul(dy, x) }}
	divOp = &binaryOp{name: "RealDiv", f: div[float64], k32: div32,
		grad: func(x, y, z, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) {
			gx := Div(dy, y)
			return gx, Neg(Mul(gx, Div(x, y)))
		}}
}

// exact32 names an op's float32 tile kernel, for the ops whose float32
// arithmetic is exact (see opkit.Float32Kernel); no32: none.
type exact32 int

const (
	no32 exact32 = iota
	add32
	sub32
	mul32
	div32
	neg32
	square32
	sqrt32
	relu32
	reluGrad32
)

func (k exact32) kernel() func(dst []float32, args [][]float32) {
	if k == no32 {
		return nil
	}
	return func(dst []float32, args [][]float32) { k.run(dst, args) }
}

// run computes a tile: one switch per tile, the loops call the same
// generic functions as the float64 ops, inlined.
func (k exact32) run(dst []float32, args [][]float32) {
	a := args[0][:len(dst)]
	var b []float32
	if len(args) > 1 {
		b = args[1][:len(dst)]
	}
	switch k {
	case add32:
		for i := range dst {
			dst[i] = add(a[i], b[i])
		}
	case sub32:
		for i := range dst {
			dst[i] = sub(a[i], b[i])
		}
	case mul32:
		for i := range dst {
			dst[i] = mul(a[i], b[i])
		}
	case div32:
		for i := range dst {
			dst[i] = div(a[i], b[i])
		}
	case neg32:
		for i := range dst {
			dst[i] = neg(a[i])
		}
	case square32:
		for i := range dst {
			dst[i] = square(a[i])
		}
	case sqrt32:
		for i := range dst {
			dst[i] = float32(math.Sqrt(float64(a[i])))
		}
	case relu32:
		for i := range dst {
			dst[i] = relu(a[i])
		}
	case reluGrad32:
		reluGradient32(dst, a, b)
	}
}

// reluGradGo is reluGradient in float32, choosing dy's bits (b) or +0's
// without a branch.
func reluGradGo(dst, a, b []float32) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		var keep uint32
		if a[i] > 0 {
			keep = ^uint32(0)
		}
		dst[i] = math.Float32frombits(math.Float32bits(b[i]) & keep)
	}
}

// The exact elementwise functions, in both precisions.
func add[T float32 | float64](a, b T) T { return a + b }
func sub[T float32 | float64](a, b T) T { return a - b }
func mul[T float32 | float64](a, b T) T { return a * b }
func div[T float32 | float64](a, b T) T { return a / b }
func neg[T float32 | float64](x T) T    { return -x }
func square[T float32 | float64](x T) T { return x * x }
func relu[T float32 | float64](x T) T   { return max(x, 0) }

func reluGradient[T float32 | float64](y, dy T) T {
	if y > 0 {
		return dy
	}
	return 0
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// logSigmoid is log(sigmoid(x)) = -softplus(-x), finite for every x.
func logSigmoid(x float64) float64 {
	if x >= 0 {
		return -math.Log1p(math.Exp(-x))
	}
	return x - math.Log1p(math.Exp(x))
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x // 0 and NaN stay
}

// Log is the natural logarithm, elementwise (tf.log).
func Log(x any) *graph.Tensor { return unary(logOp, x) }

// Exp is e^x, elementwise (tf.exp).
func Exp(x any) *graph.Tensor { return unary(expOp, x) }

// Square is x*x, elementwise (tf.square).
func Square(x any) *graph.Tensor { return unary(squareOp, x) }

// Sqrt is the square root, elementwise (tf.sqrt).
func Sqrt(x any) *graph.Tensor { return unary(sqrtOp, x) }

// Sigmoid is 1/(1+e^-x), elementwise (tf.sigmoid).
func Sigmoid(x any) *graph.Tensor { return unary(sigmoidOp, x) }

// LogSigmoid is log(sigmoid(x)) computed without overflow (tf.log_sigmoid).
// The compile step also rewrites Log(Sigmoid(x)) into it.
func LogSigmoid(x any) *graph.Tensor { return unary(logSigmoidOp, x) }

// Tanh is the hyperbolic tangent, elementwise (tf.tanh).
func Tanh(x any) *graph.Tensor { return unary(tanhOp, x) }

// Relu is max(x, 0), elementwise (tf.nn.relu).
func Relu(x any) *graph.Tensor { return unary(reluOp, x) }

// Abs is |x|, elementwise (tf.abs).
func Abs(x any) *graph.Tensor { return unary(absOp, x) }

// Sign is -1, 0 or 1, elementwise (tf.sign); its gradient is 0.
func Sign(x any) *graph.Tensor { return unary(signOp, x) }

// Neg is -x (Python's unary minus, tf.negative).
func Neg(x any) *graph.Tensor { return unary(negOp, x) }

// Add is a+b with broadcasting (Python's +, tf.add). Either side may be a
// Go number.
func Add(a, b any) *graph.Tensor { return binary(addOp, a, b) }

// Sub is a-b with broadcasting (Python's -, tf.subtract): ops.Sub(1, t) is 1-t.
func Sub(a, b any) *graph.Tensor { return binary(subOp, a, b) }

// Mul is a*b elementwise with broadcasting (Python's *, tf.multiply).
func Mul(a, b any) *graph.Tensor { return binary(mulOp, a, b) }

// Div is a/b elementwise with broadcasting (Python's /, tf.div).
func Div(a, b any) *graph.Tensor { return binary(divOp, a, b) }
