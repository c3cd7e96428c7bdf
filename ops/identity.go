package ops

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// identityOp passes its input through (tf.identity).
type identityOp struct{}

func (identityOp) Type() string { return "Identity" }

func (identityOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}

func (identityOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	out.CopyFrom(in[0])
	return nil
}

func (identityOp) Grad(_ *graph.Node, dy *graph.Tensor) []*graph.Tensor { return []*graph.Tensor{dy} }

// Identity returns a tensor with x's value (tf.identity): a name for a
// value, as TF's graphs give a variable's value ("w/read") or a model's
// input and output ("x", "y").
func Identity(x any, opts ...graph.Option) *graph.Tensor {
	return graph.NewNode(identityOp{}, []*graph.Tensor{tensor(x, 0)}, opts...).Output()
}
