package train

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// GradVar is a gradient and the variable it is for, one element of what
// opt.compute_gradients returns and opt.apply_gradients takes.
type GradVar struct {
	Grad *graph.Tensor
	Var  *graph.Variable
}

// ComputeGradients pairs each variable of varList (default: the graph's
// trainable variables) that loss depends on with its gradient
// (opt.compute_gradients(loss, var_list)); a loss that reaches none is
// TF's error "No gradients provided for any variable, ...".
func ComputeGradients(loss *graph.Tensor, varList ...*graph.Variable) ([]GradVar, error) {
	_, grads, vars, err := gradsAndVars(loss, varList)
	if err != nil {
		return nil, err
	}
	gvs := make([]GradVar, len(vars))
	for i, v := range vars {
		gvs[i] = GradVar{Grad: grads[i], Var: v}
	}
	return gvs, nil
}

// Grads returns the gradients of gvs, in order (for ops.ClipByGlobalNorm).
func Grads(gvs []GradVar) []*graph.Tensor {
	out := make([]*graph.Tensor, len(gvs))
	for i, gv := range gvs {
		out[i] = gv.Grad
	}
	return out
}

// WithGrads returns gvs with their gradients replaced by grads, in order:
// the clipped gradients go back to their variables.
func WithGrads(gvs []GradVar, grads []*graph.Tensor) []GradVar {
	out := make([]GradVar, len(gvs))
	for i, gv := range gvs {
		out[i] = GradVar{Grad: grads[i], Var: gv.Var}
	}
	return out
}

// updater is what an optimizer adds to the generic steps: the ops that
// apply gradients to variables, under its name.
type updater interface {
	// name is TF's name of the optimizer and its scope ("Momentum").
	name() string
	// update returns the ops that apply grads to vars (of graph g),
	// creating the optimizer's slots.
	update(g *graph.Graph, grads []*graph.Tensor, vars []*graph.Variable) []*graph.Node
}

// applyGradients is opt.apply_gradients(gvs, global_step): the updates,
// then, if globalStep is not nil, globalStep += 1 after them.
func applyGradients(u updater, gvs []GradVar, globalStep *graph.Variable) *graph.Node {
	var g *graph.Graph
	var grads []*graph.Tensor
	var vars []*graph.Variable
	for _, gv := range gvs {
		if gv.Var == nil {
			return graph.Failed(g, errors.New("apply_gradients: a GradVar has a nil variable"))
		}
		g = gv.Var.Graph()
		if gv.Grad != nil { // TF skips (None, var) pairs
			grads, vars = append(grads, gv.Grad), append(vars, gv.Var)
		}
	}
	if len(vars) == 0 {
		return graph.Failed(g, errors.New("No gradients provided for any variable."))
	}
	updates := u.update(g, grads, vars)
	if globalStep == nil {
		return graph.Group(updates, graph.Name(u.name()))
	}
	inc := graph.NewNode(assignAdd{}, []*graph.Tensor{globalStep.Tensor, graph.Const(nd.Scalar(globalStep.DType(), 1)).In(g)},
		graph.ControlInputs(graph.Group(updates, graph.Name(u.name()+"/update"))), graph.Name(u.name()))
	return inc
}

// minimize is opt.minimize(loss, global_step, var_list).
func minimize(u updater, loss *graph.Tensor, globalStep *graph.Variable, varList []*graph.Variable) *graph.Node {
	g, grads, vars, err := gradsAndVars(loss, varList)
	if err != nil {
		return graph.Failed(g, err)
	}
	gvs := make([]GradVar, len(vars))
	for i, v := range vars {
		gvs[i] = GradVar{Grad: grads[i], Var: v}
	}
	return applyGradients(u, gvs, globalStep)
}

// assignAdd is TF's AssignAdd: var += value, for a float or int64
// variable (the global step).
type assignAdd struct{}

func (assignAdd) Type() string { return "AssignAdd" }

func (assignAdd) RefInputs() []int { return []int{0} }

func (assignAdd) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if err := lvalues("AssignAdd", in, "ref"); err != nil {
		return nd.Invalid, nil, err
	}
	if in[0].DType() != in[1].DType() {
		return nd.Invalid, nil, errors.Errorf("Input 'value' of 'AssignAdd' Op has type %s that does not match type %s of argument 'ref'", in[1].DType(), in[0].DType())
	}
	return in[0].DType(), in[0].Shape().Clone(), nil
}

func (assignAdd) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	v, d := in[0], in[1]
	for i := 0; i < v.Len(); i++ {
		switch x := v.Data().(type) {
		case []int64:
			x[i] += d.Int64s()[i%d.Len()]
		case []float32:
			x[i] += d.Float32s()[i%d.Len()]
		case []float64:
			x[i] += d.Float64s()[i%d.Len()]
		}
	}
	out.CopyFrom(v)
	return nil
}

// GlobalStepName is the name TF gives the global step variable.
const GlobalStepName = "global_step"

// GetOrCreateGlobalStep returns g's global step, the int64 scalar
// variable named "global_step" (tf.train.get_or_create_global_step): the
// one g has, else a new one, 0, not trainable. Passed to an optimizer's
// MinimizeWithGlobalStep or ApplyGradients, it counts the steps; a Saver
// saves it with the other variables.
func GetOrCreateGlobalStep(g *graph.Graph) *graph.Variable {
	for _, v := range g.GlobalVariables() {
		if v.Node().Name() == GlobalStepName {
			return v
		}
	}
	return g.Variable(graph.Const(nd.Scalar(graph.Int64, 0)), graph.Name(GlobalStepName), graph.Trainable(false))
}

// learningRate returns an optimizer's learning rate for variable v: a
// number becomes a constant of v's dtype, a tensor (ExponentialDecay's)
// is cast to it, as TF casts its learning-rate tensor.
func learningRate(lr any, v *graph.Variable) *graph.Tensor {
	switch x := lr.(type) {
	case int:
		return scalar(float64(x), v)
	case *graph.Tensor:
		if x.DType() == v.DType() {
			return x
		}
		return ops.Cast(x, v.DType())
	case float64:
		return scalar(x, v)
	}
	graph.Failed(v.Graph(), errors.Errorf("learning rate %v of type %T: want a number or a *graph.Tensor", lr, lr))
	return scalar(0, v) // the graph reports the error at every Run
}
