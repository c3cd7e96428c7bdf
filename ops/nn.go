package ops

import (
	"math"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// xentOp is the softmax cross-entropy of each row of logits (the last
// axis) against labels: TF's SoftmaxCrossEntropyWithLogits, labels a
// distribution per row, or with sparse set
// SparseSoftmaxCrossEntropyWithLogits, labels an int64 class per row.
// Its output is the loss per row; TF's second output, the gradient, is
// what xentGradOp computes.
type xentOp struct{ sparse bool }

func (x xentOp) Type() string {
	if x.sparse {
		return "SparseSoftmaxCrossEntropyWithLogits"
	}
	return "SoftmaxCrossEntropyWithLogits"
}

func (x xentOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	labels, logits := in[0], in[1]
	dt := logits.DType()
	if err := requireFloat(logits); err != nil {
		return dt, nil, err
	}
	ls, ys := logits.Shape(), labels.Shape()
	if x.sparse {
		if labels.DType() != graph.Int64 {
			return dt, nil, errors.Errorf("Value passed to parameter 'labels' has DataType %s not in list of allowed values: int32, int64", dtName(labels.DType()))
		}
		if ls.Known() && ys.Known() && (len(ls) != 2 || len(ys) != 1 || !ys.IsCompatibleWith(ls[:1])) {
			return dt, nil, errors.Errorf("logits and labels must have the same first dimension, got logits shape %s and labels shape %s", ls.Brackets(), ys.Brackets())
		}
	} else {
		if labels.DType() != dt {
			return dt, nil, errors.Errorf("Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type %s that does not match type %s of argument 'features'", dtName(labels.DType()), dtName(dt))
		}
		if ls.Known() && ys.Known() && (len(ls) != 2 || !ls.IsCompatibleWith(ys)) {
			return dt, nil, errors.Errorf("logits and labels must be same size: logits_size=%s labels_size=%s", ls.Brackets(), ys.Brackets())
		}
	}
	if !ls.Known() {
		return dt, graph.Shape{graph.None}, nil
	}
	if len(ls) != 2 {
		return dt, nil, errors.Errorf("logits must be 2-dimensional, got shape %s", ls.Brackets())
	}
	return dt, ls[:1].Clone(), nil
}

// xent calls f with each row's log-softmax and its labels (a
// distribution), after checking sparse labels against the classes.
func (x xentOp) xent(labels, logits *nd.Array, f func(r int, logp, p []float64)) error {
	k := logits.Dim(1)
	p := make([]float64, k)
	lp := make([]float64, k)
	for r := 0; r < logits.Dim(0); r++ {
		m := math.Inf(-1)
		for i := range lp {
			lp[i] = logits.Flat(r*k + i)
			m = max(m, lp[i])
		}
		sum := 0.0
		for _, v := range lp {
			sum += math.Exp(v - m)
		}
		for i := range lp {
			lp[i] -= m + math.Log(sum)
		}
		if x.sparse {
			c := labels.Int64s()[r]
			if c < 0 || int(c) >= k {
				return errors.Errorf("Received a label value of %d which is outside the valid range of [0, %d).  Label values: %v", c, k, labels.Int64s())
			}
			clear(p)
			p[c] = 1
		} else {
			for i := range p {
				p[i] = labels.Flat(r*k + i)
			}
		}
		f(r, lp, p)
	}
	return nil
}

func (x xentOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	return x.xent(in[0], in[1], func(r int, logp, p []float64) {
		loss := 0.0
		for i, v := range p {
			if v != 0 {
				loss -= v * logp[i]
			}
		}
		out.SetFlat(r, loss)
	})
}

// Grad: the logits get (softmax - labels)·dy, dense labels
// -log(softmax)·dy, as TF's gradient of the op gives them (TF1's
// softmax_cross_entropy_with_logits puts a StopGradient before the
// labels; its _v2 does not).
func (x xentOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	labels, logits := n.Inputs()[0], n.Inputs()[1]
	var dl *graph.Tensor
	if !x.sparse {
		dl = Mul(Neg(LogSoftmax(logits)), ExpandDims(dy, 1))
	}
	return []*graph.Tensor{dl, node(xentGradOp{x}, labels, logits, dy)}
}

// xentGradOp is (softmax(logits) - labels) · dy per row. Inputs:
// labels, logits, dy.
type xentGradOp struct{ xent xentOp }

func (g xentGradOp) Type() string { return g.xent.Type() + "Grad" }

func (xentGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[1].DType(), in[1].Shape(), nil
}

func (g xentGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	k, dy := in[1].Dim(1), in[2]
	return g.xent.xent(in[0], in[1], func(r int, logp, p []float64) {
		for i, v := range logp {
			out.SetFlat(r*k+i, (math.Exp(v)-p[i])*dy.Flat(r))
		}
	})
}

// SoftmaxCrossEntropyWithLogits is -sum(labels·log(softmax(logits))) per
// row, computed stably from [batch, classes] logits and labels of the
// same shape (tf.nn.softmax_cross_entropy_with_logits(labels=...,
// logits=...)); as in TF1, a StopGradient keeps gradients from the
// labels.
func SoftmaxCrossEntropyWithLogits(labels, logits any) *graph.Tensor {
	tl, tg := operands(labels, logits)
	return node(xentOp{}, StopGradient(tl), tg)
}

// SoftmaxCrossEntropyWithLogitsV2 is SoftmaxCrossEntropyWithLogits whose
// labels get their gradient too
// (tf.nn.softmax_cross_entropy_with_logits_v2).
func SoftmaxCrossEntropyWithLogitsV2(labels, logits any) *graph.Tensor {
	tl, tg := operands(labels, logits)
	return node(xentOp{}, tl, tg)
}

// SparseSoftmaxCrossEntropyWithLogits is the cross-entropy per row of
// [batch, classes] logits against int64 class labels of shape [batch]
// (tf.nn.sparse_softmax_cross_entropy_with_logits(labels=...,
// logits=...)); a label outside [0, classes) is an error at Run.
func SparseSoftmaxCrossEntropyWithLogits(labels, logits any) *graph.Tensor {
	return node(xentOp{sparse: true}, tensor(labels, graph.Int64), tensor(logits, 0))
}

// sigmoidXentOp is TF's stable form of the logistic loss, elementwise:
// max(x, 0) - x·z + log(1 + e^-|x|) for logits x and labels z.
var sigmoidXentOp *binaryOp

func init() {
	sigmoidXentOp = &binaryOp{name: "SigmoidCrossEntropyWithLogits",
		f: func(z, x float64) float64 { return max(x, 0) - x*z + math.Log1p(math.Exp(-math.Abs(x))) },
		grad: func(z, x, _, dy *graph.Tensor) (*graph.Tensor, *graph.Tensor) {
			return Mul(dy, Neg(x)), Mul(dy, Sub(Sigmoid(x), z))
		}}
}

// SigmoidCrossEntropyWithLogits is the logistic loss of logits against
// labels in [0, 1], elementwise, in TF's stable form
// max(x, 0) - x·z + log(1 + exp(-|x|))
// (tf.nn.sigmoid_cross_entropy_with_logits(labels=..., logits=...)).
// TF builds it from several ops; here it is one, which fuses.
func SigmoidCrossEntropyWithLogits(labels, logits any) *graph.Tensor {
	return binary(sigmoidXentOp, labels, logits)
}

// inTopKOp says, per row, whether the target class is among the k
// largest predictions (tf.nn.in_top_k).
type inTopKOp struct{ k int }

func (inTopKOp) Type() string { return "InTopK" }

func (o inTopKOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	p, t := in[0], in[1]
	if p.DType() != graph.Float32 {
		return graph.Bool, nil, errors.Errorf("Value passed to parameter 'predictions' has DataType %s not in list of allowed values: float32", dtName(p.DType()))
	}
	if t.DType() != graph.Int64 {
		return graph.Bool, nil, errors.Errorf("Value passed to parameter 'targets' has DataType %s not in list of allowed values: int32, int64", dtName(t.DType()))
	}
	ps, ts := p.Shape(), t.Shape()
	if ps.Known() && len(ps) != 2 {
		return graph.Bool, nil, errors.Errorf("Shape must be rank 2 but is rank %d for 'InTopK'", len(ps))
	}
	if ts.Known() && (len(ts) != 1 || (ps.Known() && !ts.IsCompatibleWith(ps[:1]))) {
		return graph.Bool, nil, errors.Errorf("predictions and targets must have the same first dimension, got %s and %s", ps.Brackets(), ts.Brackets())
	}
	if ts.Known() && ts[0] != graph.None {
		return graph.Bool, ts.Clone(), nil
	}
	if ps.Known() {
		return graph.Bool, ps[:1].Clone(), nil
	}
	return graph.Bool, graph.Shape{graph.None}, nil
}

// Compute is TF's InTopK kernel: a target is in the top k when fewer than
// k predictions are larger than its own; a non-finite prediction for the
// target, or a target out of range, is never in.
func (o inTopKOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	p, t := in[0], in[1].Int64s()
	k := p.Dim(1)
	res := out.Bools()
	for r, c := range t {
		res[r] = false
		if c < 0 || int(c) >= k {
			continue
		}
		v := p.Flat(r*k + int(c))
		if math.IsInf(v, 0) || math.IsNaN(v) {
			continue
		}
		larger := 0
		for i := 0; i < k; i++ {
			if p.Flat(r*k+i) > v {
				larger++
			}
		}
		res[r] = larger < o.k
	}
	return nil
}

// InTopK says, as bools per row, whether targets[i] (int64) is among the
// k largest of predictions[i] (float32, [batch, classes]); ties count in
// the target's favour, as in TF (tf.nn.in_top_k(predictions, targets, k)).
func InTopK(predictions, targets any, k int) *graph.Tensor {
	return node(inTopKOp{k: k}, tensor(predictions, 0), tensor(targets, graph.Int64))
}

// l2LossOp is sum(x²)/2 (tf.nn.l2_loss).
type l2LossOp struct{}

func (l2LossOp) Type() string { return "L2Loss" }

func (l2LossOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), graph.Shape{}, requireFloat(in[0])
}

func (l2LossOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	sum := 0.0
	for i := 0; i < in[0].Len(); i++ {
		v := in[0].Flat(i)
		sum += v * v
	}
	out.SetFlat(0, sum/2)
	return nil
}

func (l2LossOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{Mul(n.Inputs()[0], dy)}
}

// L2Loss is sum(x²)/2, a scalar (tf.nn.l2_loss): weight decay's term.
func L2Loss(x any) *graph.Tensor { return node(l2LossOp{}, tensor(x, 0)) }

// avgPoolOp averages each window of an NHWC batch, channel by channel
// (tf.nn.avg_pool): a window over the edge averages the values inside,
// as TF's does. Its shape rule and attrs are MaxPool's.
type avgPoolOp struct{ maxPoolOp }

func (avgPoolOp) Type() string { return "AvgPool" }

// windows calls f for each output element with the input elements of its
// window.
func (p avgPoolOp) windows(x []int, f func(o int, in []int)) {
	g := p.geom(x)
	in := make([]int, 0, g.kh*g.kw)
	for n := 0; n < g.n; n++ {
		for oy := 0; oy < g.oh; oy++ {
			for ox := 0; ox < g.ow; ox++ {
				for c := 0; c < g.c; c++ {
					in = in[:0]
					for ky := 0; ky < g.kh; ky++ {
						y := oy*g.sy - g.pt + ky
						for kx := 0; kx < g.kw; kx++ {
							xx := ox*g.sx - g.pl + kx
							if y >= 0 && y < g.h && xx >= 0 && xx < g.w {
								in = append(in, ((n*g.h+y)*g.w+xx)*g.c+c)
							}
						}
					}
					f(((n*g.oh+oy)*g.ow+ox)*g.c+c, in)
				}
			}
		}
	}
}

func (p avgPoolOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	x := in[0]
	p.windows(x.Shape(), func(o int, idx []int) {
		sum := 0.0
		for _, i := range idx {
			sum += x.Flat(i)
		}
		out.SetFlat(o, sum/float64(len(idx)))
	})
	return nil
}

func (p avgPoolOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(avgPoolGradOp{p}, n.Inputs()[0], dy)}
}

// avgPoolGradOp spreads each dy evenly over its window. Inputs: x, dy.
type avgPoolGradOp struct{ pool avgPoolOp }

func (avgPoolGradOp) Type() string { return "AvgPoolGrad" }

func (avgPoolGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[1].DType(), in[0].Shape(), nil
}

func (g avgPoolGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	dy := in[1]
	acc := make([]float64, out.Len())
	g.pool.windows(in[0].Shape(), func(o int, idx []int) {
		for _, i := range idx {
			acc[i] += dy.Flat(o) / float64(len(idx))
		}
	})
	for i, v := range acc {
		out.SetFlat(i, v)
	}
	return nil
}

// AvgPool averages each window of an NHWC batch (tf.nn.avg_pool(value,
// ksize, strides, padding)), with MaxPool's arguments and sizes; a
// window over the edge averages only the values inside.
func AvgPool(value any, ksize, strides []int, padding string) *graph.Tensor {
	op := avgPoolOp{maxPoolOp{ksize: append([]int{}, ksize...), strides: append([]int{}, strides...), padding: padding}}
	return node(op, tensor(value, 0))
}
