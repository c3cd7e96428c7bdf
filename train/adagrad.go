package train

import (
	"math"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// AdagradOptimizer is TF1's tf.train.AdagradOptimizer with its update
// rule (ApplyAdagrad):
//
//	accum += grad²
//	var   -= lr·grad / sqrt(accum)
//
// accum is the slot "<var>/Adagrad", at first InitialAccumulatorValue.
type AdagradOptimizer struct {
	// LearningRate is a number or a scalar *graph.Tensor.
	LearningRate            any
	InitialAccumulatorValue float64
}

// NewAdagradOptimizer returns tf.train.AdagradOptimizer(learning_rate)
// with TF1's initial_accumulator_value, 0.1.
func NewAdagradOptimizer(learningRate any) *AdagradOptimizer {
	return &AdagradOptimizer{LearningRate: learningRate, InitialAccumulatorValue: 0.1}
}

func (o *AdagradOptimizer) name() string { return "Adagrad" }

func (o *AdagradOptimizer) update(g *graph.Graph, grads []*graph.Tensor, vars []*graph.Variable) []*graph.Node {
	var updates []*graph.Node
	for i, v := range vars {
		accum := slot(g, v, "Adagrad", o.InitialAccumulatorValue)
		in := []*graph.Tensor{v.Tensor, accum.Tensor, learningRate(o.LearningRate, v), grads[i]}
		updates = append(updates, graph.NewNode(applyAdagrad{}, in, graph.Name("Adagrad/update_"+v.Node().Name())))
	}
	return updates
}

// Minimize returns the training op (opt.minimize(loss, var_list)).
func (o *AdagradOptimizer) Minimize(loss *graph.Tensor, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, nil, varList)
}

// MinimizeWithGlobalStep is opt.minimize(loss, global_step=globalStep).
func (o *AdagradOptimizer) MinimizeWithGlobalStep(loss *graph.Tensor, globalStep *graph.Variable, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, globalStep, varList)
}

// ApplyGradients is opt.apply_gradients(grads_and_vars, global_step).
func (o *AdagradOptimizer) ApplyGradients(gvs []GradVar, globalStep *graph.Variable) *graph.Node {
	return applyGradients(o, gvs, globalStep)
}

// applyAdagrad is TF's ApplyAdagrad. Inputs: var, accum, lr, grad; it
// writes var and accum.
type applyAdagrad struct{}

func (applyAdagrad) Type() string { return "ApplyAdagrad" }

func (applyAdagrad) RefInputs() []int { return []int{0, 1} }

func (applyAdagrad) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, lvalues("ApplyAdagrad", in, "var", "accum")
}

func (applyAdagrad) Compute(_ *graph.Env, in []*nd.Array, _ *nd.Array) error {
	switch in[0].DType() {
	case nd.Float32:
		adagrad(in[0].Float32s(), in[1].Float32s(), in[2].Float32s()[0], in[3].Float32s())
	case nd.Float64:
		adagrad(in[0].Float64s(), in[1].Float64s(), in[2].Float64s()[0], in[3].Float64s())
	}
	return nil
}

// adagrad rounds to the dtype after every operation, as TF's kernel
// (var -= lr·grad·rsqrt(accum)).
func adagrad[T float32 | float64](w, accum []T, lr T, g []T) {
	for i := range w {
		accum[i] += T(g[i] * g[i])
		w[i] -= T(T(lr*g[i]) * T(1/T(math.Sqrt(float64(accum[i])))))
	}
}
