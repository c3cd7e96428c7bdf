package ops

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// RandomOption sets the mean, stddev or seed of a random op.
type RandomOption func(*randomOp)

// Stddev sets the standard deviation (default 1.0, as in TF).
func Stddev(s float64) RandomOption { return func(o *randomOp) { o.scale = s } }

// Mean sets the mean (default 0).
func Mean(m float64) RandomOption { return func(o *randomOp) { o.shift = m } }

// Seed gives the op a seed of its own (TF's seed= argument); see
// graph.Node.Seeds for how it combines with the graph seed.
func Seed(s int64) RandomOption { return func(o *randomOp) { o.seed = &s } }

// randomOp draws float32 values from TF's kernel of its type
// (TruncatedNormal, RandomStandardNormal, RandomUniform), then, in
// float32 as TF's Mul and Add, times scale plus shift.
type randomOp struct {
	name         string
	shape        []int
	shift, scale float64
	seed         *int64
}

func (r randomOp) Type() string { return r.name }

// TFOps: tf.truncated_normal and tf.random_normal created Consts for the
// shape, mean and stddev, then the op, Mul and Add; tf.random_uniform
// Consts for the shape, minval and maxval, then the op, Sub, Mul and Add.
func (r randomOp) TFOps() int {
	if r.name == "RandomUniform" {
		return 7
	}
	return 6
}

// OpSeed: TF asked for the seed after the three Consts.
func (r randomOp) OpSeed(before int) (int64, bool) {
	if r.seed != nil {
		return *r.seed, true
	}
	return int64(before + 3), false
}

func (r randomOp) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	if err := checkDims(r.shape); err != nil {
		return graph.Float32, nil, err
	}
	return graph.Float32, graph.Shape(append([]int{}, r.shape...)), nil
}

// Compute draws TF's values: its kernel's, then, in float32 as TF's Mul
// and Add, times scale plus shift.
func (r randomOp) Compute(env *graph.Env, _ []*nd.Array, out *nd.Array) error {
	v := out.Float32s()
	switch r.name {
	case "TruncatedNormal":
		env.Rand.TruncatedNormal(v)
	case "RandomStandardNormal":
		env.Rand.Normal(v)
	default:
		env.Rand.Uniform(v)
	}
	sd, m := float32(r.scale), float32(r.shift)
	for i, x := range v {
		v[i] = float32(x*sd) + m
	}
	return nil
}

func random(name string, shape []int, opts []RandomOption) *graph.Tensor {
	op := randomOp{name: name, shape: append([]int{}, shape...), scale: 1}
	for _, o := range opts {
		o(&op)
	}
	return node(op, nil...)
}

// TruncatedNormal is a float32 tensor of the given shape drawn from a
// normal distribution (mean 0, stddev 1 unless set) with values beyond
// two standard deviations redrawn (tf.truncated_normal). The values are
// TF's: the same Philox stream, distribution and seeds, so with the
// graph seed of a TF program (g.SetRandomSeed) the op draws what the
// program's tf.truncated_normal drew, as long as the graph was built in
// the same order (see graph.Node.Seeds).
func TruncatedNormal(shape []int, opts ...RandomOption) *graph.Tensor {
	return random("TruncatedNormal", shape, opts)
}

// RandomNormal is a float32 tensor of the given shape drawn from a
// normal distribution, mean 0 and stddev 1 unless set
// (tf.random_normal), with TF's values and seeds as TruncatedNormal.
func RandomNormal(shape []int, opts ...RandomOption) *graph.Tensor {
	return random("RandomStandardNormal", shape, opts)
}

// RandomUniform is a float32 tensor of the given shape drawn uniformly
// from [minval, maxval) (tf.random_uniform(shape, minval, maxval)), with
// TF's values and seeds as TruncatedNormal; of the options only Seed
// applies.
func RandomUniform(shape []int, minval, maxval float64, opts ...RandomOption) *graph.Tensor {
	opts = append(opts, func(o *randomOp) { o.shift, o.scale = minval, float64(float32(maxval)-float32(minval)) })
	return random("RandomUniform", shape, opts)
}
