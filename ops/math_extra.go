package ops

import (
	"math"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// The elementwise ops beyond the lecture's: they are unaryOp and
// binaryOp values, so the compile step fuses them like the others.
var (
	reciprocalOp, rsqrtOp, floorOp, ceilOp, roundOp, eluOp, softplusOp, log1pOp *unaryOp
	reciprocalGrad, rsqrtGrad, eluGrad                                          *gradOp
	maximumOp, minimumOp, powOp                                                 *binaryOp
)

func init() {
	zeroGrad := func(_, _, dy *graph.Tensor) *graph.Tensor { return Mul(dy, 0) }
	reciprocalOp = &unaryOp{name: "Reciprocal", f: func(x float64) float64 { return 1 / x },
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(reciprocalGrad, y, dy) }}
	rsqrtOp = &unaryOp{name: "Rsqrt", f: func(x float64) float64 { return 1 / math.Sqrt(x) },
		grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(rsqrtGrad, y, dy) }}
	floorOp = &unaryOp{name: "Floor", f: math.Floor, grad: zeroGrad}
	ceilOp = &unaryOp{name: "Ceil", f: math.Ceil, grad: zeroGrad}
	roundOp = &unaryOp{name: "Round", f: math.RoundToEven, grad: zeroGrad}
	eluOp = &unaryOp{name: "Elu", f: func(x float64) float64 {
		if x < 0 {
			return math.Expm1(x)
		}
		return x
	}, grad: func(_, y, dy *graph.Tensor) *graph.Tensor { return node(eluGrad, y, dy) }}
	log1pOp = &unaryOp{name: "Log1p", f: math.Log1p,
		grad: func(x, _, dy *graph.Tensor) *graph.Tensor { return Div(dy, Add(x, 1)) }}
	softplusOp = &unaryOp{name: "Softplus", f: func(x float64) float64 { return -logSigmoid(-x) },
		grad: func(x, _, dy *graph.Tensor) *graph.Tensor { return Mul(dy, Sigmoid(x)) }}

	reciprocalGrad = &gradOp{name: "ReciprocalGrad", f: func(y, dy float64) float64 { return -dy * y * y }}
	rsqrtGrad = &gradOp{name: "RsqrtGrad", f: func(y, dy float64) float64 { return -0.5 * dy * y * y * y }}
	eluGrad = &gradOp{name: "EluGrad", f: func(y, dy float64) float64 {
		if y < 0 {
			return dy * (y + 1)
		}
		return dy
	}}

	// TF's MaximumGrad sends dy to x where x >= y, MinimumGrad where x <= y.
	maximumOp = &binaryOp{name: "Maximum", f: math.Max, grad: func(x, y, _, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) {
		m := GreaterEqual(x, y)
		return Where(m, dy, ZerosLike(dy)), Where(m, ZerosLike(dy), dy)
	}}
	minimumOp = &binaryOp{name: "Minimum", f: math.Min, grad: func(x, y, _, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) {
		m := LessEqual(x, y)
		return Where(m, dy, ZerosLike(dy)), Where(m, ZerosLike(dy), dy)
	}}
	// TF's PowGrad: dz/dx = y·x^(y-1), dz/dy = z·log(x) where x > 0, else 0.
	powOp = &binaryOp{name: "Pow", f: math.Pow, grad: func(x, y, z, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) {
		gx := Mul(dy, Mul(y, Pow(x, Sub(y, 1))))
		logx := Where(Greater(x, ZerosLike(x)), Log(x), ZerosLike(x))
		return gx, Mul(dy, Mul(z, logx))
	}}
}

// Reciprocal is 1/x, elementwise (tf.reciprocal).
func Reciprocal(x any) *graph.Tensor { return unary(reciprocalOp, x) }

// Rsqrt is 1/sqrt(x), elementwise (tf.rsqrt).
func Rsqrt(x any) *graph.Tensor { return unary(rsqrtOp, x) }

// Log1p is log(1+x), accurate near 0 (tf.log1p).
func Log1p(x any) *graph.Tensor { return unary(log1pOp, x) }

// Floor rounds down, elementwise (tf.floor); its gradient is 0.
func Floor(x any) *graph.Tensor { return unary(floorOp, x) }

// Ceil rounds up, elementwise (tf.ceil); its gradient is 0.
func Ceil(x any) *graph.Tensor { return unary(ceilOp, x) }

// Round rounds half to even, as TF does (tf.round(2.5) is 2); its
// gradient is 0.
func Round(x any) *graph.Tensor { return unary(roundOp, x) }

// Elu is x for x >= 0 and e^x - 1 below (tf.nn.elu).
func Elu(x any) *graph.Tensor { return unary(eluOp, x) }

// Softplus is log(1 + e^x), computed without overflow (tf.nn.softplus).
func Softplus(x any) *graph.Tensor { return unary(softplusOp, x) }

// LeakyRelu is x for x >= 0 and alpha·x below (tf.nn.leaky_relu; TF's
// default alpha is 0.2).
func LeakyRelu(x any, alpha float64) *graph.Tensor { return node(newLeakyRelu(alpha), tensor(x, 0)) }

func newLeakyRelu(alpha float64) leakyReluOp {
	op := leakyReluOp{alpha: alpha, unaryOp: &unaryOp{name: "LeakyRelu", f: func(v float64) float64 { return leaky(v, v, alpha) }}}
	op.grad = func(x, _, dy *graph.Tensor) *graph.Tensor {
		return node(&gradOp{name: "LeakyReluGrad", f: func(x, dy float64) float64 { return leaky(x, dy, alpha) }}, x, dy)
	}
	return op
}

// leakyReluOp is the unaryOp of one alpha, which it keeps for export.
type leakyReluOp struct {
	*unaryOp
	alpha float64
}

// leaky is v where x > 0, alpha·v elsewhere (TF's LeakyRelu and its
// gradient both test x > 0).
func leaky(x, v, alpha float64) float64 {
	if x > 0 {
		return v
	}
	return alpha * v
}

// Maximum is max(a, b) elementwise with broadcasting (tf.maximum); on
// ties the gradient goes to a, as TF's does.
func Maximum(a, b any) *graph.Tensor { return binary(maximumOp, a, b) }

// Minimum is min(a, b) elementwise with broadcasting (tf.minimum); on
// ties the gradient goes to a.
func Minimum(a, b any) *graph.Tensor { return binary(minimumOp, a, b) }

// Pow is a^b elementwise with broadcasting (tf.pow).
func Pow(a, b any) *graph.Tensor { return binary(powOp, a, b) }

// ClipByValue clamps x to [lo, hi] (tf.clip_by_value): TF1 builds it as
// Maximum(Minimum(x, hi), lo), and so does this.
func ClipByValue(x, lo, hi any) *graph.Tensor { return Maximum(Minimum(x, hi), lo) }

// stopGradientOp passes its input through and has no gradient
// (tf.stop_gradient).
type stopGradientOp struct{}

func (stopGradientOp) Type() string { return "StopGradient" }

func (stopGradientOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}

func (stopGradientOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	out.CopyFrom(in[0])
	return nil
}

// StopGradient is x, through which no gradient flows (tf.stop_gradient):
// ops.Gradients treats it as a constant.
func StopGradient(x any) *graph.Tensor { return node(stopGradientOp{}, tensor(x, 0)) }
