package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// Zeros is a float32 constant of the given shape filled with 0 (tf.zeros).
// Like every tensor made without inputs, it is free until used with
// tensors of a graph (g.Variable(ops.Zeros(2, 1))). A negative dim gives
// a tensor whose error the graph reports at Run.
func Zeros(dims ...int) *graph.Tensor {
	if err := checkDims(dims); err != nil {
		return invalid(err, nil)
	}
	return graph.Const(nd.New(nd.Float32, dims...))
}

// Ones is a float32 constant filled with 1 (tf.ones).
func Ones(dims ...int) *graph.Tensor { return Constant(1.0, dims...) }

// Constant makes a constant tensor (tf.constant). With dims, a Go number
// fills that shape (tf.constant(0.1, shape=[32])); without, the value's
// own shape is kept (a number, a nested slice, an *nd.Array). Go values
// become float32 as Python floats do; an *nd.Array keeps its dtype.
func Constant(value any, dims ...int) *graph.Tensor {
	if err := checkDims(dims); err != nil {
		return invalid(err, nil)
	}
	if len(dims) > 0 {
		if v, ok := value.(float64); ok {
			a := nd.New(nd.Float32, dims...)
			for i := range a.Float32s() {
				a.Float32s()[i] = float32(v)
			}
			return graph.Const(a)
		}
		// one Const in TF
		return graph.NewNode(reshapeOp{dims: append([]int{}, dims...)}, []*graph.Tensor{Constant(value)}, graph.CountsAs(0)).Output()
	}
	return tensor(value, 0)
}

// checkDims rejects a negative dim as TF's TensorShape does.
func checkDims(dims []int) error {
	for _, d := range dims {
		if d < 0 {
			return errors.Errorf("Dimension %d must be >= 0", d)
		}
	}
	return nil
}
