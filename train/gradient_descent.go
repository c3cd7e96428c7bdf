package train

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// GradientDescentOptimizer steps each variable by -learningRate·gradient
// (tf.train.GradientDescentOptimizer).
type GradientDescentOptimizer struct {
	// LearningRate is a number or a scalar *graph.Tensor (a decaying
	// rate, ExponentialDecay).
	LearningRate any
}

// NewGradientDescentOptimizer returns a plain gradient descent optimizer;
// the learning rate is a number or a scalar tensor.
func NewGradientDescentOptimizer(learningRate any) *GradientDescentOptimizer {
	return &GradientDescentOptimizer{LearningRate: learningRate}
}

func (o *GradientDescentOptimizer) name() string { return "GradientDescent" }

func (o *GradientDescentOptimizer) update(_ *graph.Graph, grads []*graph.Tensor, vars []*graph.Variable) []*graph.Node {
	var updates []*graph.Node
	for i, v := range vars {
		updates = append(updates, graph.NewNode(applyGradientDescent{}, []*graph.Tensor{v.Tensor, learningRate(o.LearningRate, v), grads[i]},
			graph.Name("GradientDescent/update_"+v.Node().Name())))
	}
	return updates
}

// Minimize returns the training op (opt.minimize(loss, var_list)).
func (o *GradientDescentOptimizer) Minimize(loss *graph.Tensor, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, nil, varList)
}

// MinimizeWithGlobalStep is opt.minimize(loss, global_step=globalStep):
// the training op, which adds 1 to globalStep after the updates.
func (o *GradientDescentOptimizer) MinimizeWithGlobalStep(loss *graph.Tensor, globalStep *graph.Variable, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, globalStep, varList)
}

// ApplyGradients is opt.apply_gradients(grads_and_vars, global_step):
// the updates, then globalStep += 1 unless it is nil.
func (o *GradientDescentOptimizer) ApplyGradients(gvs []GradVar, globalStep *graph.Variable) *graph.Node {
	return applyGradients(o, gvs, globalStep)
}

// applyGradientDescent is TF's ApplyGradientDescent: var -= lr * grad.
type applyGradientDescent struct{}

func (applyGradientDescent) Type() string { return "ApplyGradientDescent" }

func (applyGradientDescent) RefInputs() []int { return []int{0} }

func (applyGradientDescent) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, lvalues("ApplyGradientDescent", in, "var")
}

func (applyGradientDescent) Compute(_ *graph.Env, in []*nd.Array, _ *nd.Array) error {
	switch v := in[0].Data().(type) {
	case []float32:
		lr, g := in[1].Float32s()[0], in[2].Float32s()
		for i := range v {
			v[i] -= float32(g[i] * lr)
		}
	case []float64:
		lr, g := in[1].Float64s()[0], in[2].Float64s()
		for i := range v {
			v[i] -= g[i] * lr
		}
	}
	return nil
}
