package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// tensor converts an op's operand (a *graph.Tensor, a *graph.Variable, an
// *nd.Array, a Go number or slice) to a tensor of dtype dt (Invalid: keep
// a tensor's own dtype, float32 for Go values). A value that cannot be
// converted becomes a constant whose node carries the error, so the graph
// reports it at Run.
func tensor(x any, dt nd.DType) *graph.Tensor {
	t, err := graph.AsTensor(x, dt)
	if err != nil {
		return invalid(errors.Wrap(err, "operand"), nil)
	}
	return t
}

// invalid is a tensor that stands for a value that could not be made:
// its node carries err, which the graph reports at Run. With a graph, the
// node goes there at once; without, it is free and errs where it is used.
func invalid(err error, g *graph.Graph) *graph.Tensor {
	var opts []graph.Option
	if g != nil {
		opts = append(opts, graph.InGraph(g))
	}
	return graph.NewNode(badOperand{err: err}, nil, opts...).Output()
}

// operands converts a pair like Python's operators do: a Go number on
// either side takes the other side's dtype.
func operands(a, b any) (*graph.Tensor, *graph.Tensor) {
	ta, aok := a.(*graph.Tensor)
	if v, ok := a.(*graph.Variable); ok && v != nil {
		ta, aok = v.Tensor, true
	}
	tb, bok := b.(*graph.Tensor)
	if v, ok := b.(*graph.Variable); ok && v != nil {
		tb, bok = v.Tensor, true
	}
	switch {
	case aok && ta != nil && !bok:
		return ta, tensor(b, ta.DType())
	case bok && tb != nil && !aok:
		return tensor(a, tb.DType()), tb
	}
	return tensor(a, nd.Invalid), tensor(b, nd.Invalid)
}

// badOperand stands for a value that could not be made (see invalid).
type badOperand struct{ err error }

func (badOperand) Type() string { return "Const" }

func (b badOperand) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	return graph.Float32, nil, b.err
}

func node(op graph.Op, in ...*graph.Tensor) *graph.Tensor {
	return graph.NewNode(op, in).Output()
}

func requireFloat(in ...*graph.Tensor) error {
	for _, t := range in {
		if !t.DType().IsFloat() {
			return errors.Errorf("Value passed has DataType %s not in list of allowed values: float32, float64", t.DType())
		}
	}
	if len(in) == 2 && in[0].DType() != in[1].DType() {
		return errors.Errorf("Input 'y' of op has type %s that does not match type %s of argument 'x'", dtName(in[1].DType()), dtName(in[0].DType()))
	}
	return nil
}

func dtName(d nd.DType) string {
	switch d {
	case nd.Float32:
		return "float32"
	case nd.Float64:
		return "float64"
	}
	return d.String()
}
