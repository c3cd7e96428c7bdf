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
}

// gradsAndVars pairs each variable with the gradient of loss, and fails
// as TF does when no variable gets one.
func gradsAndVars(loss *graph.Tensor, varList []*graph.Variable) ([]*graph.Tensor, []*graph.Variable, error) {
	if len(varList) == 0 {
		varList = loss.Graph().TrainableVariables()
	}
	xs := make([]*graph.Tensor, len(varList))
	for i, v := range varList {
		xs[i] = v.Tensor
	}
	grads := ops.Gradients([]*graph.Tensor{loss}, xs)
	var gs []*graph.Tensor
	var vs []*graph.Variable
	for i, g := range grads {
		if g != nil {
			gs, vs = append(gs, g), append(vs, varList[i])
		}
	}
	if len(gs) == 0 {
		names := make([]string, len(varList))
		for i, v := range varList {
			names[i] = fmt.Sprintf("%q", v.Name())
		}
		return nil, nil, errors.Errorf("No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [%s] and loss %s.", strings.Join(names, ", "), loss)
	}
	return gs, vs, nil
}

// failed returns a node that carries err, so the graph reports it at Run.
func failed(g *graph.Graph, err error) *graph.Node {
	return graph.NewNode(errOp{err}, nil, graph.InGraph(g))
}

type errOp struct{ err error }

func (errOp) Type() string { return "NoOp" }

func (e errOp) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	return nd.Invalid, nil, e.err
}

// scalar is a constant of v's dtype, as TF casts an optimizer's
// hyperparameters to the variable's dtype.
func scalar(x float64, like *graph.Variable) *graph.Tensor {
	return graph.Const(nd.Scalar(like.DType(), x)).In(like.Graph())
}
