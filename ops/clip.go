package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
)

// GlobalNorm is sqrt(sum of the squares of every element of every
// tensor), nil ones skipped (tf.global_norm); TF builds it from L2Loss.
func GlobalNorm(ts []*graph.Tensor) *graph.Tensor {
	var sum *graph.Tensor
	for _, t := range ts {
		if t == nil {
			continue
		}
		sq := Mul(L2Loss(t), 2)
		if sum == nil {
			sum = sq
		} else {
			sum = Add(sum, sq)
		}
	}
	if sum == nil {
		return invalid(errors.New("GlobalNorm needs at least one tensor that is not nil"), nil)
	}
	return Sqrt(sum)
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
