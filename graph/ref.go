package graph

import (
	"strconv"
	"strings"

	"github.com/pkg/errors"
)

// TensorRef is anything that stands for one tensor of a graph: a *Tensor,
// a *Variable (its value) or a TensorName ("x:0"). Session feeds are
// keyed by it and Session.RunTensors fetches it.
type TensorRef interface {
	// TensorIn returns the tensor in g: a free tensor's copy in g, the
	// tensor a name names, or an error for a nil reference, a tensor of
	// another graph or a name g does not hold.
	TensorIn(g *Graph) (*Tensor, error)
}

// TensorIn returns t as a tensor of g (see TensorRef).
func (t *Tensor) TensorIn(g *Graph) (*Tensor, error) {
	if t == nil {
		return nil, errors.New("nil *graph.Tensor")
	}
	t = t.In(g)
	if t.Graph() != g {
		return nil, &ForeignError{What: t.String()}
	}
	return t, nil
}

// ForeignError says a tensor or node was given to a graph (or a session
// on it) that it does not belong to.
type ForeignError struct{ What string }

func (e *ForeignError) Error() string { return e.What + " is not an element of this graph." }

// TensorIn returns v's value tensor in g (see TensorRef).
func (v *Variable) TensorIn(g *Graph) (*Tensor, error) {
	if v == nil {
		return nil, errors.New("nil *graph.Variable")
	}
	return v.Tensor.TensorIn(g)
}

// TensorName names a tensor as TF does, "x:0"; a bare op name "x" stands
// for its output 0, so feeds and fetches may name a tensor by its op.
type TensorName string

// TensorIn looks the name up in g (see TensorRef and Graph.TensorByName).
func (n TensorName) TensorIn(g *Graph) (*Tensor, error) {
	name := string(n)
	if !strings.Contains(name, ":") {
		name += ":0"
	}
	return g.TensorByName(name)
}

// TensorByName returns the tensor that a TF tensor name ("x:0", op name,
// colon, output index) names, with the errors of TF's
// get_tensor_by_name: a bare op name "x" is not a tensor name, and
// "x:1" names no tensor of a node with one output.
func (g *Graph) TensorByName(name string) (*Tensor, error) {
	opName, index, ok := strings.Cut(name, ":")
	if !ok {
		if g.NodeByName(name) != nil {
			return nil, errors.Errorf("The name '%s' refers to an Operation, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".", name)
		}
		return nil, errors.Errorf("The name '%s' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".", name)
	}
	i, err := strconv.Atoi(index)
	if err != nil || strings.Contains(index, ":") {
		return nil, errors.Errorf("The name '%s' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form \"<op_name>:<output_index>\".", name)
	}
	n := g.NodeByName(opName)
	if n == nil {
		return nil, errors.Errorf("The name '%s' refers to a Tensor which does not exist. The operation, '%s', does not exist in the graph.", name, opName)
	}
	outputs := 0
	if n.out != nil {
		outputs = 1
	}
	if i != 0 || n.out == nil {
		return nil, errors.Errorf("The name '%s' refers to a Tensor which does not exist. The operation, '%s', exists but only has %d outputs.", name, opName, outputs)
	}
	return n.out, nil
}
