package train

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
)

// ExponentialDecay is tf.train.exponential_decay(learning_rate,
// global_step, decay_steps, decay_rate, staircase): a float32 scalar
//
//	learning_rate · decay_rate^(global_step / decay_steps)
//
// with the exponent floored when staircase is set, built from ops as TF
// builds it (Cast, RealDiv, Floor, Pow, Mul), so it follows the global
// step as training advances. Give it to an optimizer as its learning
// rate.
func ExponentialDecay(learningRate float64, globalStep *graph.Variable, decaySteps int, decayRate float64, staircase bool) *graph.Tensor {
	p := ops.Div(ops.Cast(globalStep, graph.Float32), float64(decaySteps))
	if staircase {
		p = ops.Floor(p)
	}
	return ops.Mul(learningRate, ops.Pow(decayRate, p))
}
