package ops

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// RandomOption sets the mean, stddev or seed of a random op.
type RandomOption func(*truncatedNormalOp)

// Stddev sets the standard deviation (default 1.0, as in TF).
func Stddev(s float64) RandomOption { return func(o *truncatedNormalOp) { o.stddev = s } }

// Mean sets the mean (default 0).
func Mean(m float64) RandomOption { return func(o *truncatedNormalOp) { o.mean = m } }

// Seed gives the op a seed of its own (TF's seed= argument); see
// graph.Node.Seeds for how it combines with the graph seed.
func Seed(s int64) RandomOption { return func(o *truncatedNormalOp) { o.seed = &s } }

// truncatedNormalOp draws normal values, redrawing any beyond two
// standard deviations (tf.truncated_normal).
type truncatedNormalOp struct {
	shape        []int
	mean, stddev float64
	seed         *int64
}

func (truncatedNormalOp) Type() string { return "TruncatedNormal" }

// TFOps is 6: tf.truncated_normal created Consts for the shape, mean and
// stddev, then TruncatedNormal, Mul and Add.
func (truncatedNormalOp) TFOps() int { return 6 }

// OpSeed: TF asked for the seed after the three Consts.
func (t truncatedNormalOp) OpSeed(before int) (int64, bool) {
	if t.seed != nil {
		return *t.seed, true
	}
	return int64(before + 3), false
}

func (t truncatedNormalOp) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	if err := checkDims(t.shape); err != nil {
		return graph.Float32, nil, err
	}
	return graph.Float32, graph.Shape(append([]int{}, t.shape...)), nil
}

// Compute draws TF's values: its TruncatedNormal kernel's standard
// normals, then, in float32 as TF's Mul and Add, times stddev plus mean.
func (t truncatedNormalOp) Compute(env *graph.Env, _ []*nd.Array, out *nd.Array) error {
	v := out.Float32s()
	env.Rand.TruncatedNormal(v)
	sd, m := float32(t.stddev), float32(t.mean)
	for i, x := range v {
		v[i] = float32(x*sd) + m
	}
	return nil
}

// TruncatedNormal is a float32 tensor of the given shape drawn from a
// normal distribution (mean 0, stddev 1 unless set) with values beyond
// two standard deviations redrawn (tf.truncated_normal). The values are
// TF's: the same Philox stream, distribution and seeds, so with the
// graph seed of a TF program (g.SetRandomSeed) the op draws what the
// program's tf.truncated_normal drew, as long as the graph was built in
// the same order (see graph.Node.Seeds).
func TruncatedNormal(shape []int, opts ...RandomOption) *graph.Tensor {
	op := truncatedNormalOp{shape: append([]int{}, shape...), stddev: 1}
	for _, o := range opts {
		o(&op)
	}
	return node(op, nil...)
}
