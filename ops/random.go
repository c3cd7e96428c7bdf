package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// RandomOption sets the mean or stddev of a random op.
type RandomOption func(*truncatedNormalOp)

// Stddev sets the standard deviation (default 1.0, as in TF).
func Stddev(s float64) RandomOption { return func(o *truncatedNormalOp) { o.stddev = s } }

// Mean sets the mean (default 0).
func Mean(m float64) RandomOption { return func(o *truncatedNormalOp) { o.mean = m } }

// truncatedNormalOp draws normal values, redrawing any beyond two
// standard deviations (tf.truncated_normal).
type truncatedNormalOp struct {
	shape        []int
	mean, stddev float64
}

func (truncatedNormalOp) Type() string { return "TruncatedNormal" }

func (truncatedNormalOp) IsRandom() {}

func (t truncatedNormalOp) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	for _, d := range t.shape {
		if d < 0 {
			return graph.Float32, nil, errors.Errorf("truncated_normal: negative dim in shape %v", t.shape)
		}
	}
	return graph.Float32, graph.Shape(append([]int{}, t.shape...)), nil
}

func (t truncatedNormalOp) Compute(env *graph.Env, _ []*nd.Array, out *nd.Array) error {
	for i, n := 0, out.Len(); i < n; i++ {
		x := env.Rand.NormFloat64()
		for x < -2 || x > 2 {
			x = env.Rand.NormFloat64()
		}
		out.SetFlat(i, t.mean+t.stddev*x)
	}
	return nil
}

// TruncatedNormal is a float32 tensor of the given shape drawn from a
// normal distribution (mean 0, stddev 1 unless set) with values beyond
// two standard deviations redrawn (tf.truncated_normal). The draws come
// from the graph's seeded generator: set g.SetRandomSeed for runs that
// repeat.
func TruncatedNormal(shape []int, opts ...RandomOption) *graph.Tensor {
	op := truncatedNormalOp{shape: append([]int{}, shape...), stddev: 1}
	for _, o := range opts {
		o(&op)
	}
	return node(op, nil...)
}
