package train

import (
	"math"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// RMSPropOptimizer is TF1's tf.train.RMSPropOptimizer (centered=False)
// with its update rule (ApplyRMSProp):
//
//	ms  = ms + (grad² - ms)·(1 - decay)
//	mom = mom·momentum + lr·grad / sqrt(ms + ε)
//	var = var - mom
//
// ms is the slot "<var>/RMSProp", initialised to ONES as TF1 does, mom
// the slot "<var>/RMSProp_1", zeros.
type RMSPropOptimizer struct {
	// LearningRate is a number or a scalar *graph.Tensor.
	LearningRate             any
	Decay, Momentum, Epsilon float64
}

// NewRMSPropOptimizer returns tf.train.RMSPropOptimizer(learning_rate)
// with TF1's defaults: decay 0.9, momentum 0, epsilon 1e-10.
func NewRMSPropOptimizer(learningRate any) *RMSPropOptimizer {
	return &RMSPropOptimizer{LearningRate: learningRate, Decay: 0.9, Epsilon: 1e-10}
}

func (o *RMSPropOptimizer) name() string { return "RMSProp" }

func (o *RMSPropOptimizer) update(g *graph.Graph, grads []*graph.Tensor, vars []*graph.Variable) []*graph.Node {
	var updates []*graph.Node
	for i, v := range vars {
		ms, mom := slot(g, v, "RMSProp", 1), slot(g, v, "RMSProp_1", 0)
		in := []*graph.Tensor{v.Tensor, ms.Tensor, mom.Tensor, learningRate(o.LearningRate, v),
			scalar(o.Decay, v), scalar(o.Momentum, v), scalar(o.Epsilon, v), grads[i]}
		updates = append(updates, graph.NewNode(applyRMSProp{}, in, graph.Name("RMSProp/update_"+v.Node().Name())))
	}
	return updates
}

// Minimize returns the training op (opt.minimize(loss, var_list)).
func (o *RMSPropOptimizer) Minimize(loss *graph.Tensor, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, nil, varList)
}

// MinimizeWithGlobalStep is opt.minimize(loss, global_step=globalStep).
func (o *RMSPropOptimizer) MinimizeWithGlobalStep(loss *graph.Tensor, globalStep *graph.Variable, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, globalStep, varList)
}

// ApplyGradients is opt.apply_gradients(grads_and_vars, global_step).
func (o *RMSPropOptimizer) ApplyGradients(gvs []GradVar, globalStep *graph.Variable) *graph.Node {
	return applyGradients(o, gvs, globalStep)
}

// applyRMSProp is TF's ApplyRMSProp. Inputs: var, ms, mom, lr, rho,
// momentum, epsilon, grad; it writes var, ms and mom.
type applyRMSProp struct{}

func (applyRMSProp) Type() string { return "ApplyRMSProp" }

func (applyRMSProp) RefInputs() []int { return []int{0, 1, 2} }

func (applyRMSProp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, lvalues("ApplyRMSProp", in, "var", "ms", "mom")
}

func (applyRMSProp) Compute(_ *graph.Env, in []*nd.Array, _ *nd.Array) error {
	switch in[0].DType() {
	case nd.Float32:
		rmsprop(in[0].Float32s(), in[1].Float32s(), in[2].Float32s(), in[7].Float32s(), first[float32](in[3:7]))
	case nd.Float64:
		rmsprop(in[0].Float64s(), in[1].Float64s(), in[2].Float64s(), in[7].Float64s(), first[float64](in[3:7]))
	}
	return nil
}

// first returns the value of each scalar.
func first[T float32 | float64](in []*nd.Array) []T {
	out := make([]T, len(in))
	for i, a := range in {
		out[i] = a.Data().([]T)[0]
	}
	return out
}

// rmsprop rounds to the dtype after every operation, as TF's kernel.
// h holds lr, rho, momentum, epsilon.
func rmsprop[T float32 | float64](w, ms, mom, g []T, h []T) {
	lr, rho, momentum, eps := h[0], h[1], h[2], h[3]
	for i := range w {
		ms[i] += T((T(g[i]*g[i]) - ms[i]) * (1 - rho))
		mom[i] = T(mom[i]*momentum) + T(T(lr*g[i])/T(math.Sqrt(float64(ms[i]+eps))))
		w[i] -= mom[i]
	}
}
