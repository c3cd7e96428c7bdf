package train

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// MomentumOptimizer is TF1's tf.train.MomentumOptimizer with its update
// rule (ApplyMomentum):
//
//	accum = accum·momentum + grad
//	var  -= lr·accum                          (use_nesterov=False)
//	var  -= lr·grad + lr·momentum·accum        (use_nesterov=True)
//
// accum is the slot variable "<var>/Momentum", zeros at first, saved by
// a Saver as TF saves it.
type MomentumOptimizer struct {
	// LearningRate is a number or a scalar *graph.Tensor (a decaying
	// rate, ExponentialDecay).
	LearningRate any
	Momentum     float64
	UseNesterov  bool
}

// NewMomentumOptimizer returns tf.train.MomentumOptimizer(learning_rate,
// momentum); set UseNesterov for Nesterov's variant.
func NewMomentumOptimizer(learningRate any, momentum float64) *MomentumOptimizer {
	return &MomentumOptimizer{LearningRate: learningRate, Momentum: momentum}
}

func (o *MomentumOptimizer) name() string { return "Momentum" }

func (o *MomentumOptimizer) update(g *graph.Graph, grads []*graph.Tensor, vars []*graph.Variable) []*graph.Node {
	var updates []*graph.Node
	for i, v := range vars {
		accum := slot(g, v, "Momentum", 0)
		in := []*graph.Tensor{v.Tensor, accum.Tensor, learningRate(o.LearningRate, v), grads[i], scalar(o.Momentum, v)}
		updates = append(updates, graph.NewNode(applyMomentum{nesterov: o.UseNesterov}, in, graph.Name("Momentum/update_"+v.Node().Name())))
	}
	return updates
}

// Minimize returns the training op (opt.minimize(loss, var_list)).
func (o *MomentumOptimizer) Minimize(loss *graph.Tensor, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, nil, varList)
}

// MinimizeWithGlobalStep is opt.minimize(loss, global_step=globalStep):
// the training op, which adds 1 to globalStep after the updates.
func (o *MomentumOptimizer) MinimizeWithGlobalStep(loss *graph.Tensor, globalStep *graph.Variable, varList ...*graph.Variable) *graph.Node {
	return minimize(o, loss, globalStep, varList)
}

// ApplyGradients is opt.apply_gradients(grads_and_vars, global_step):
// the updates, then globalStep += 1 unless it is nil.
func (o *MomentumOptimizer) ApplyGradients(gvs []GradVar, globalStep *graph.Variable) *graph.Node {
	return applyGradients(o, gvs, globalStep)
}

// slot is an optimizer's slot variable for v, "<var>/<name>", of v's
// dtype and shape filled with init; not trainable.
func slot(g *graph.Graph, v *graph.Variable, name string, init float64) *graph.Variable {
	a := nd.New(v.DType(), v.Shape()...)
	for i := 0; i < a.Len(); i++ {
		a.SetFlat(i, init)
	}
	return g.Variable(a, graph.Name(v.Node().Name()+"/"+name), graph.Trainable(false))
}

// applyMomentum is TF's ApplyMomentum. Inputs: var, accum, lr, grad,
// momentum; it writes var and accum.
type applyMomentum struct{ nesterov bool }

func (applyMomentum) Type() string { return "ApplyMomentum" }

func (applyMomentum) RefInputs() []int { return []int{0, 1} }

func (applyMomentum) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, lvalues("ApplyMomentum", in, "var", "accum")
}

func (a applyMomentum) Compute(_ *graph.Env, in []*nd.Array, _ *nd.Array) error {
	switch in[0].DType() {
	case nd.Float32:
		momentum(a.nesterov, in[0].Float32s(), in[1].Float32s(), in[2].Float32s()[0], in[3].Float32s(), in[4].Float32s()[0])
	case nd.Float64:
		momentum(a.nesterov, in[0].Float64s(), in[1].Float64s(), in[2].Float64s()[0], in[3].Float64s(), in[4].Float64s()[0])
	}
	return nil
}

// momentum rounds to the dtype after every operation, as TF's kernel
// does (the conversions keep Go from fusing a multiply and an add).
func momentum[T float32 | float64](nesterov bool, w, accum []T, lr T, g []T, mom T) {
	for i := range w {
		accum[i] = T(accum[i]*mom) + g[i]
		if nesterov {
			w[i] -= T(g[i]*lr) + T(T(accum[i]*mom)*lr)
		} else {
			w[i] -= T(lr * accum[i])
		}
	}
}
