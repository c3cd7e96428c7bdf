package train

import (
	"math"

	"github.com/pkg/errors"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// AdamOptimizer is TF1's tf.train.AdamOptimizer with its update rule:
//
//	lr_t = lr · sqrt(1-β2^t) / (1-β1^t)
//	m    = m + (g-m)·(1-β1)
//	v    = v + (g²-v)·(1-β2)
//	var  = var - m·lr_t / (sqrt(v) + ε)
//
// m and v are slot variables named "<var>/Adam" and "<var>/Adam_1";
// β1^t and β2^t are the variables "beta1_power" and "beta2_power". All
// are ordinary, non-trainable variables, so a Saver saves them.
type AdamOptimizer struct {
	// LearningRate is a number or a scalar *graph.Tensor.
	LearningRate          any
	Beta1, Beta2, Epsilon float64
}

// NewAdamOptimizer returns Adam with TF1's defaults (learning rate 0.001,
// β1 0.9, β2 0.999, ε 1e-8); a learning rate given replaces the default,
// as in tf.train.AdamOptimizer(0.0005), and may be a scalar tensor.
func NewAdamOptimizer(learningRate ...any) *AdamOptimizer {
	o := &AdamOptimizer{LearningRate: 0.001, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-8}
	if len(learningRate) > 0 {
		o.LearningRate = learningRate[0]
	}
	return o
}

func (o *AdamOptimizer) name() string { return "Adam" }

// update: every variable's update, then the beta powers' step.
func (o *AdamOptimizer) update(g *graph.Graph, grads []*graph.Tensor, vars []*graph.Variable) []*graph.Node {
	first := vars[0]
	b1p := g.Variable(scalar(o.Beta1, first), graph.Name("beta1_power"), graph.Trainable(false))
	b2p := g.Variable(scalar(o.Beta2, first), graph.Name("beta2_power"), graph.Trainable(false))
	var updates []*graph.Node
	for i, v := range vars {
		// slots take v's dtype, as TF's do
		m := g.Variable(nd.New(v.DType(), v.Shape()...), graph.Name(v.Node().Name()+"/Adam"), graph.Trainable(false))
		s := g.Variable(nd.New(v.DType(), v.Shape()...), graph.Name(v.Node().Name()+"/Adam_1"), graph.Trainable(false))
		in := []*graph.Tensor{v.Tensor, m.Tensor, s.Tensor, b1p.Tensor, b2p.Tensor,
			learningRate(o.LearningRate, v), scalar(o.Beta1, v), scalar(o.Beta2, v), scalar(o.Epsilon, v), grads[i]}
		updates = append(updates, graph.NewNode(applyAdam{}, in, graph.Name("Adam/update_"+v.Node().Name())))
	}
	after := graph.ControlInputs(updates...)
	u1 := graph.Assign(b1p, ops.Mul(b1p, scalar(o.Beta1, first)), after, graph.Name("Adam/Assign"))
	u2 := graph.Assign(b2p, ops.Mul(b2p, scalar(o.Beta2, first)), after, graph.Name("Adam/Assign_1"))
	return append(updates, u1.Node(), u2.Node())
}

// Minimize returns the training op (opt.minimize(loss, var_list)).
func (o *AdamOptimizer) Minimize(loss *graph.Tensor, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, nil, varList)
}

// MinimizeWithGlobalStep is opt.minimize(loss, global_step=globalStep):
// the training op, which adds 1 to globalStep after the updates.
func (o *AdamOptimizer) MinimizeWithGlobalStep(loss *graph.Tensor, globalStep *graph.Variable, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, globalStep, varList)
}

// ApplyGradients is opt.apply_gradients(grads_and_vars, global_step):
// the updates, then globalStep += 1 unless it is nil.
func (o *AdamOptimizer) ApplyGradients(gvs []GradVar, globalStep *graph.Variable) *graph.Node {
	return applyGradients(o, gvs, globalStep)
}

// applyAdam is TF's ApplyAdam. Inputs: var, m, v, beta1_power,
// beta2_power, lr, beta1, beta2, epsilon, grad; it writes var, m and v.
type applyAdam struct{}

func (applyAdam) Type() string { return "ApplyAdam" }

func (applyAdam) RefInputs() []int { return []int{0, 1, 2} }

func (applyAdam) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, lvalues("ApplyAdam", in, "var", "m", "v")
}

func (applyAdam) Compute(_ *graph.Env, in []*nd.Array, _ *nd.Array) error {
	switch in[0].DType() {
	case nd.Float32:
		adam32(in)
	case nd.Float64:
		adam64(in)
	}
	return nil
}

// adam32 rounds to float32 after every operation, as TF's float kernel
// does. Each element's update is independent, so the elements are shared
// among goroutines.
func adam32(in []*nd.Array) {
	w, m, v, g := in[0].Float32s(), in[1].Float32s(), in[2].Float32s(), in[9].Float32s()
	k := newAdamConsts(in)
	par.For(len(w), adamGrain, func(i0, i1 int) {
		adam32Block(w[i0:i1], m[i0:i1], v[i0:i1], g[i0:i1], k)
	})
}

// adamConsts are a float32 update's constants: 1-β1, 1-β2, lr_t and ε.
type adamConsts struct{ c1, c2, alpha, eps float32 }

// newAdamConsts computes them from ApplyAdam's inputs 3-8 (β1^t, β2^t,
// lr, β1, β2, ε), each operation rounded to float32.
func newAdamConsts(in []*nd.Array) adamConsts {
	f := func(i int) float32 { return in[i].Float32s()[0] }
	b1p, b2p, lr, b1, b2, eps := f(3), f(4), f(5), f(6), f(7), f(8)
	return adamConsts{c1: float32(1 - b1), c2: float32(1 - b2), alpha: float32(lr*sqrt32(float32(1-b2p))) / float32(1-b1p), eps: eps}
}

// GradientInput (opkit.GradientFuser): the gradient is ApplyAdam's last
// input.
func (applyAdam) GradientInput() int { return 9 }

// FuseGradient (opkit.GradientFuser) returns ApplyAdam computing its
// float32 gradient itself with product.
func (applyAdam) FuseGradient(product opkit.RowProduct) (graph.Op, bool) {
	return applyAdamProduct{product}, true
}

// applyAdamProduct is ApplyAdam on a float32 variable whose gradient is
// a product it computes itself, a block of rows at a time, each block
// into a scratch of about adamBlock elements that the update then reads
// while it is in cache: a fully connected layer's weight gradient (the
// CNN's 3136×1024) is never written out to memory and read back. Inputs:
// ApplyAdam's first nine, then the product's. The compile step fuses it
// (Explain: "MatMul → ApplyAdam"); every bit is ApplyAdam's.
type applyAdamProduct struct{ product opkit.RowProduct }

// adamBlock is the elements of one block of the gradient: 256 KiB, well
// inside a core's L2.
const adamBlock = 1 << 16

func (applyAdamProduct) Type() string { return "ApplyAdam" }

func (applyAdamProduct) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, lvalues("ApplyAdam", in, "var", "m", "v")
}

func (a applyAdamProduct) Compute(_ *graph.Env, in []*nd.Array, _ *nd.Array) error {
	w, m, v := in[0].Float32s(), in[1].Float32s(), in[2].Float32s()
	k := newAdamConsts(in)
	rb := a.product.Rows(in[9:], adamBlock)
	defer rb.Done()
	if rb.Rows*rb.Cols != len(w) {
		return errors.Errorf("var and grad do not have the same shape%s %s", graph.Shape(in[0].Shape()), graph.Shape{rb.Rows, rb.Cols})
	}
	apply := func(i0, i1 int, g []float32) {
		e0, e1 := i0*rb.Cols, i1*rb.Cols
		adam32Block(w[e0:e1], m[e0:e1], v[e0:e1], g, k)
	}
	par.Chunks(rb.Blocks, 1, func(_, q, _ int) { rb.Block(q, apply) })
	return nil
}

// adam32Go is the float32 update of len(w) elements, each operation
// rounded to float32; adam32Block's vector kernels give the same bits.
func adam32Go(w, m, v, g []float32, k adamConsts) {
	m, v, g = m[:len(w)], v[:len(w)], g[:len(w)]
	for i := range w {
		m[i] += float32((g[i] - m[i]) * k.c1)
		v[i] += float32((float32(g[i]*g[i]) - v[i]) * k.c2)
		w[i] -= float32(m[i]*k.alpha) / float32(sqrt32(v[i])+k.eps)
	}
}

// adamGrain: variables of fewer elements are updated on one goroutine.
const adamGrain = 1 << 14

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

func adam64(in []*nd.Array) {
	w, m, v := in[0].Float64s(), in[1].Float64s(), in[2].Float64s()
	f := func(i int) float64 { return in[i].Float64s()[0] }
	b1p, b2p, lr, b1, b2, eps, g := f(3), f(4), f(5), f(6), f(7), f(8), in[9].Float64s()
	alpha := lr * math.Sqrt(1-b2p) / (1 - b1p)
	par.For(len(w), adamGrain, func(i0, i1 int) {
		w, m, v, g := w[i0:i1], m[i0:i1], v[i0:i1], g[i0:i1]
		for i := range w {
			m[i] += (g[i] - m[i]) * (1 - b1)
			v[i] += (g[i]*g[i] - v[i]) * (1 - b2)
			w[i] -= m[i] * alpha / (math.Sqrt(v[i]) + eps)
		}
	})
}
