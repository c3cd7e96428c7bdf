package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// argMaxOp finds the index of the largest value along an axis
// (tf.argmax), or with min set of the smallest (tf.argmin).
type argMaxOp struct {
	axis int
	min  bool
}

func (a argMaxOp) Type() string {
	if a.min {
		return "ArgMin"
	}
	return "ArgMax"
}

// TFOps is 2: tf.argmax made a Const of the axis.
func (argMaxOp) TFOps() int { return 2 }

func (a argMaxOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	s := in[0].Shape()
	if !s.Known() {
		return graph.Int64, graph.UnknownShape, nil
	}
	if a.axis < -len(s) || a.axis >= len(s) {
		return graph.Int64, nil, errors.Errorf("Expected dimension in the range [%d, %d), but got %d", -len(s), len(s), a.axis)
	}
	ax := (a.axis + len(s)) % len(s)
	return graph.Int64, append(s[:ax:ax], s[ax+1:]...), nil
}

func (a argMaxOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	x := in[0]
	shape := x.Shape()
	ax := (a.axis + len(shape)) % len(shape)
	n, inner := shape[ax], nd.NumElements(shape[ax+1:])
	res := out.Int64s()
	for o := 0; o < nd.NumElements(shape[:ax]); o++ {
		for j := 0; j < inner; j++ {
			best, bi := x.Flat(o*n*inner+j), 0
			for i := 1; i < n; i++ {
				if v := x.Flat((o*n+i)*inner + j); (v > best && !a.min) || (v < best && a.min) {
					best, bi = v, i
				}
			}
			res[o*inner+j] = int64(bi)
		}
	}
	return nil
}

// Argmax returns the index of the largest value along axis, as int64; the
// first one on ties (tf.argmax(x, axis)).
func Argmax(x any, axis int) *graph.Tensor { return node(argMaxOp{axis: axis}, tensor(x, 0)) }

// Argmin returns the index of the smallest value along axis, as int64;
// the first one on ties (tf.argmin(x, axis)).
func Argmin(x any, axis int) *graph.Tensor {
	return node(argMaxOp{axis: axis, min: true}, tensor(x, 0))
}

// castOp converts to another dtype (tf.cast).
type castOp struct{ to graph.DType }

func (castOp) Type() string { return "Cast" }

func (c castOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return c.to, in[0].Shape(), nil
}

func (castOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	for i, n := 0, out.Len(); i < n; i++ {
		out.SetFlat(i, in[0].Flat(i))
	}
	return nil
}

func (c castOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	x := n.Inputs()[0]
	if !x.DType().IsFloat() || !c.to.IsFloat() {
		return []*graph.Tensor{nil}
	}
	return []*graph.Tensor{Cast(dy, x.DType())}
}

// Cast converts x to dtype dt (tf.cast(x, tf.float32)); bools become 0 and 1.
func Cast(x any, dt graph.DType) *graph.Tensor { return node(castOp{to: dt}, tensor(x, 0)) }

// reshapeOp gives a tensor another shape of the same size (tf.reshape).
// With like set, the shape is the second input's (gradients use this).
type reshapeOp struct {
	dims []int
	like bool
}

func (reshapeOp) Type() string { return "Reshape" }

// TFOps is 2: tf.reshape made a Const of the shape (its gradient a Shape).
func (reshapeOp) TFOps() int { return 2 }

func (r reshapeOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[0]
	if r.like {
		return x.DType(), in[1].Shape(), nil
	}
	out := graph.Shape(append([]int{}, r.dims...))
	free, known := -1, 1
	for i, d := range out {
		switch {
		case d == -1 && free >= 0:
			return x.DType(), nil, errors.New("Cannot infer multiple unknown dimensions")
		case d == -1:
			free = i
		case d < 0:
			return x.DType(), nil, errors.Errorf("Size %d must be non-negative, not %d", i, d)
		default:
			known *= d
		}
	}
	n := x.Shape().NumElements()
	if n < 0 {
		return x.DType(), out, nil // the -1 dim stays unknown until the batch is fed
	}
	if free >= 0 {
		if known == 0 || n%known != 0 {
			return x.DType(), nil, errors.Errorf("Cannot reshape a tensor with %d elements to shape %s", n, out.Brackets())
		}
		out[free] = n / known
	} else if n != known {
		return x.DType(), nil, errors.Errorf("Cannot reshape a tensor with %d elements to shape %s (%d elements)", n, out.Brackets(), known)
	}
	return x.DType(), out, nil
}

func (reshapeOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	out.CopyFrom(in[0])
	return nil
}

func (reshapeOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(reshapeOp{like: true}, dy, n.Inputs()[0])}
}

// Reshape gives x the shape dims, one of which may be -1 (tf.reshape).
func Reshape(x any, dims ...int) *graph.Tensor {
	return node(reshapeOp{dims: append([]int{}, dims...)}, tensor(x, 0))
}
