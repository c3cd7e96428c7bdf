package train

import (
	"fmt"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// Optimizer is what tf.train's optimizers have in common.
type Optimizer interface {
	// Minimize returns an op that takes one step down the gradient of
	// loss for varList (default: the graph's trainable variables).
	Minimize(loss *graph.Tensor, varList ...*graph.Variable) *graph.Node
	// MinimizeWithGlobalStep is Minimize whose op also adds 1 to
	// globalStep after the updates (opt.minimize(loss, global_step=...)).
	MinimizeWithGlobalStep(loss *graph.Tensor, globalStep *graph.Variable, varList ...*graph.Variable) *graph.Node
	// ApplyGradients applies gradients computed (and perhaps clipped)
	// beforehand (opt.apply_gradients); see ComputeGradients.
	ApplyGradients(gvs []GradVar, globalStep *graph.Variable) *graph.Node
}

// gradsAndVars returns loss's graph and pairs each variable with the
// gradient of loss, failing as TF does when no variable gets one; a nil
// loss or variable is an error too, never a nil dereference.
func gradsAndVars(loss *graph.Tensor, varList []*graph.Variable) (*graph.Graph, []*graph.Tensor, []*graph.Variable, error) {
	var g *graph.Graph
	for _, v := range varList {
		if v == nil {
			return nil, nil, nil, errors.New("Minimize: nil *graph.Variable in var_list")
		}
		g = v.Graph()
	}
	if loss == nil {
		return g, nil, nil, errors.New("Minimize needs a loss tensor, got nil")
	}
	if loss.Graph() != nil {
		g = loss.Graph()
	}
	if len(varList) == 0 && g != nil {
		varList = g.TrainableVariables()
	}
	if len(varList) == 0 {
		return g, nil, nil, errors.New("No variables to optimize.")
	}
	xs := make([]*graph.Tensor, len(varList))
	for i, v := range varList {
		xs[i] = v.Tensor
	}
	grads := ops.Gradients([]*graph.Tensor{loss}, xs)
	var gs []*graph.Tensor
	var vs []*graph.Variable
	for i, gr := range grads {
		if gr != nil {
			gs, vs = append(gs, gr), append(vs, varList[i])
		}
	}
	if len(gs) == 0 {
		names := make([]string, len(varList))
		for i, v := range varList {
			names[i] = fmt.Sprintf("%q", v.Name())
		}
		return g, nil, nil, errors.Errorf("No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [%s] and loss %s.", strings.Join(names, ", "), loss)
	}
	return g, gs, vs, nil
}

// lvalues checks, as TF does, that a training op's first inputs, named
// refs, are variables it can write: not, for example, the value a Feed
// gives a variable for one Run, which the update would otherwise write
// into the caller's array.
func lvalues(op string, in []*graph.Tensor, refs ...string) error {
	for i, name := range refs {
		if _, ok := in[i].Op().(graph.VariableOp); !ok {
			return errors.Errorf("Input '%s' of '%s' Op requires l-value input", name, op)
		}
	}
	return nil
}

// scalar is a constant of v's dtype, as TF casts an optimizer's
// hyperparameters to the variable's dtype.
func scalar(x float64, like *graph.Variable) *graph.Tensor {
	return graph.Const(nd.Scalar(like.DType(), x)).In(like.Graph())
}
