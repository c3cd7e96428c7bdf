package ops

import (
	"math"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/philox"
)

// dropoutMaskOp draws floor(keepProb + uniform[0,1)) for every element of
// x: 1 with probability keepProb, else 0 (TF's dropout builds the same
// from RandomUniform, Add and Floor). Inputs: x (for its shape and
// dtype), keepProb. It has no gradient, as TF's Floor has none; the
// compile step draws it once per Run, so the forward product and its
// gradient see the same mask.
type dropoutMaskOp struct{}

func (dropoutMaskOp) Type() string { return "DropoutMask" }

// TFOps is 10 of the 12 ops TF 0.x's tf.nn.dropout created for a tensor
// keep_prob: Shape(x); random_uniform's min and max Consts, RandomUniform,
// Sub, Mul, Add; keep_prob + that, Floor; Inv(keep_prob). Dropout's Div
// and Mul are the other two (x * inv * mask).
func (dropoutMaskOp) TFOps() int { return 10 }

// OpSeed: random_uniform asked for the seed after Shape, min and max.
func (dropoutMaskOp) OpSeed(before int) (int64, bool) { return int64(before + 3), false }

func (dropoutMaskOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x, kp := in[0], in[1]
	if err := requireFloat(x); err != nil {
		return x.DType(), nil, err
	}
	if kp.DType() != x.DType() {
		return x.DType(), nil, errors.Errorf("Tensor conversion requested dtype %s for Tensor with dtype %s: %q", dtName(x.DType()), dtName(kp.DType()), kp.Name())
	}
	if s := kp.Shape(); s.Known() && len(s) != 0 {
		return x.DType(), nil, errors.Errorf("Shapes %s and () are incompatible", s)
	}
	if k, ok := kp.Op().(graph.ConstOp); ok && k.Value.Len() == 1 {
		if v := k.Value.Flat(0); !(v > 0 && v <= 1) {
			return x.DType(), nil, errors.Errorf("keep_prob must be a scalar tensor or a float in the range (0, 1], got %g", v)
		}
	}
	return x.DType(), x.Shape(), nil
}

func (dropoutMaskOp) Compute(env *graph.Env, in []*nd.Array, out *nd.Array) error {
	kp := in[1]
	if kp.Len() != 1 {
		return errors.Errorf("keep_prob must be a scalar, got shape %s", graph.Shape(kp.Shape()).String())
	}
	switch m := out.Data().(type) {
	case []float32:
		k := float32(kp.Flat(0))
		if k == 1 {
			keepAll(env.Rand, m)
			return nil
		}
		env.Rand.Uniform(m)
		par.For(len(m), 1<<14, func(i0, i1 int) {
			for i, u := range m[i0:i1] {
				m[i0+i] = float32(math.Floor(float64(k + u))) // the sum rounds in float32, as in TF
			}
		})
	case []float64:
		k := kp.Flat(0)
		if k == 1 {
			keepAll(env.Rand, m)
			return nil
		}
		env.Rand.Uniform64(m)
		par.For(len(m), 1<<14, func(i0, i1 int) {
			for i, u := range m[i0:i1] {
				m[i0+i] = math.Floor(k + u)
			}
		})
	}
	return nil
}

// keepAll is the mask for keep_prob 1 (the lecture's evaluations),
// without drawing: floor(1 + u) is 1 for every u a draw can give, since
// philox.Uint32ToFloat's are multiples of 2^-23 up to 1-2^-23 and
// Uint64ToDouble's multiples of 2^-52 up to 1-2^-52, so 1 + u is exact
// and below 2. The stream moves on as Uniform and Uniform64 move it (a
// reservation of len(m) outputs), so every later draw is unchanged.
func keepAll[T float32 | float64](r *philox.Stream, m []T) {
	r.ReserveRandomOutputs(len(m))
	par.For(len(m), 1<<14, func(i0, i1 int) {
		for i := range m[i0:i1] {
			m[i0+i] = 1
		}
	})
}

// Dropout keeps each element of x with probability keepProb, scaled by
// 1/keepProb, and zeroes the rest (tf.nn.dropout(x, keep_prob)). keepProb
// is a scalar tensor of x's dtype, such as the lecture's shape-less
// placeholder fed 0.5 to train and 1.0 to evaluate, or a Go number in
// (0, 1]; a constant 1 returns x itself, as TF 1.x does (TF 0.x built
// the ops anyway). The mask is TF's: floor(keepProb + u) with u from TF's
// RandomUniform stream for the op's seeds, drawn anew on every Run, so
// a seeded program drops what TF dropped. Fed 1.0 it draws nothing, as
// every value would give 1, but moves the stream on as TF's draw does. Like TF
// the result is x / keepProb * mask, so the gradient is mask / keepProb
// for any keepProb.
func Dropout(x, keepProb any) *graph.Tensor {
	xt, kp := operands(x, keepProb)
	if k, ok := kp.Op().(graph.ConstOp); ok && k.Value.Rank() == 0 && k.Value.Flat(0) == 1 {
		return xt
	}
	mask := node(dropoutMaskOp{}, xt, kp)
	if !kp.Shape().Known() {
		// a scalar, so the result keeps x's static shape; TF made no such op
		kp = graph.NewNode(reshapeOp{}, []*graph.Tensor{kp}, graph.CountsAs(0)).Output()
	}
	return Mul(Div(xt, kp), mask)
}
