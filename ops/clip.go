package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
)

// GlobalNorm is sqrt(sum of the squares of every element of every
// tensor), nil ones skipped (tf.global_norm), computed as TF computes it:
// sqrt(2 · the sum of the tensors' L2Loss).
func GlobalNorm(ts []*graph.Tensor) *graph.Tensor {
	var sum *graph.Tensor
	for _, t := range ts {
		switch {
		case t == nil:
		case sum == nil:
			sum = L2Loss(t)
		default:
			sum = Add(sum, L2Loss(t))
		}
	}
	if sum == nil {
		return invalid(errors.New("GlobalNorm needs at least one tensor that is not nil"), nil)
	}
	return Sqrt(Mul(sum, 2))
}

// ClipByGlobalNorm scales the tensors by clipNorm / max(globalNorm,
// clipNorm) (tf.clip_by_global_norm): unchanged when their global norm is
// at most clipNorm, else scaled down together to that norm. It returns
// the scaled tensors (nil where a tensor is nil) and the global norm,
// computed as TF does: scale = clipNorm · min(1/norm, 1/clipNorm).
func ClipByGlobalNorm(ts []*graph.Tensor, clipNorm float64) ([]*graph.Tensor, *graph.Tensor) {
	norm := GlobalNorm(ts)
	scale := Mul(clipNorm, Minimum(Div(1, norm), 1/clipNorm))
	out := make([]*graph.Tensor, len(ts))
	for i, t := range ts {
		switch {
		case t == nil:
		case t.DType() == scale.DType():
			out[i] = Mul(t, scale)
		default:
			out[i] = Mul(t, Cast(scale, t.DType()))
		}
	}
	return out, norm
}
