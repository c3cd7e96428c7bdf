package ops

import (
	"math"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// softmaxOp normalizes the last axis: softmax, or its log when log is set.
type softmaxOp struct{ log bool }

func (s softmaxOp) Type() string {
	if s.log {
		return "LogSoftmax"
	}
	return "Softmax"
}

func (softmaxOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if err := requireFloat(in[0]); err != nil {
		return in[0].DType(), nil, err
	}
	return in[0].DType(), in[0].Shape(), nil
}

// rows calls f for each row of the last axis, in float64.
func rows(x, out *nd.Array, f func(x, y []float64)) {
	n := 1
	if x.Rank() > 0 {
		n = x.Dim(x.Rank() - 1)
	}
	xs, ys := make([]float64, n), make([]float64, n)
	for r := 0; r < x.Len()/max(n, 1); r++ {
		for i := range xs {
			xs[i] = x.Flat(r*n + i)
		}
		f(xs, ys)
		for i, v := range ys {
			out.SetFlat(r*n+i, v)
		}
	}
}

func (s softmaxOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	rows(in[0], out, func(x, y []float64) {
		m := math.Inf(-1)
		for _, v := range x {
			m = max(m, v)
		}
		sum := 0.0
		for i, v := range x {
			y[i] = math.Exp(v - m)
			sum += y[i]
		}
		for i := range y {
			if s.log {
				y[i] = x[i] - m - math.Log(sum)
			} else {
				y[i] /= sum
			}
		}
	})
	return nil
}

func (s softmaxOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(softmaxGradOp(s), n.Output(), dy)}
}

// softmaxGradOp is the gradient of softmax (y = softmax output):
// (dy - sum(dy*y)) * y; of log-softmax (y = its output): dy - e^y * sum(dy).
type softmaxGradOp struct{ log bool }

func (s softmaxGradOp) Type() string {
	if s.log {
		return "LogSoftmaxGrad"
	}
	return "SoftmaxGrad"
}

func (softmaxGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[1].DType(), in[1].Shape(), nil
}

func (s softmaxGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	y, dy := in[0], in[1]
	n := y.Dim(y.Rank() - 1)
	for r := 0; r < y.Len()/max(n, 1); r++ {
		off := r * n
		dot := 0.0
		for i := 0; i < n; i++ {
			if s.log {
				dot += dy.Flat(off + i)
			} else {
				dot += dy.Flat(off+i) * y.Flat(off+i)
			}
		}
		for i := 0; i < n; i++ {
			if s.log {
				out.SetFlat(off+i, dy.Flat(off+i)-math.Exp(y.Flat(off+i))*dot)
			} else {
				out.SetFlat(off+i, (dy.Flat(off+i)-dot)*y.Flat(off+i))
			}
		}
	}
	return nil
}

// Softmax normalizes the last axis into probabilities (tf.nn.softmax).
func Softmax(logits any) *graph.Tensor { return node(softmaxOp{}, tensor(logits, 0)) }

// LogSoftmax is log(softmax(x)) computed stably (tf.nn.log_softmax). The
// compile step rewrites Log(Softmax(x)) into it.
func LogSoftmax(logits any) *graph.Tensor { return node(softmaxOp{log: true}, tensor(logits, 0)) }
