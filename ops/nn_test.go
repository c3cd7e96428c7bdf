package ops_test

import (
	"math"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// TestLosses checks TF's values, worked by hand: the cross-entropy of
// logits [1,2,3] against class 2 is log(e+e²+e³)-3 = 0.40760596, of
// [1,1,1] against class 0 log 3; the logistic loss is
// max(x,0) - x·z + log1p(e^-|x|), finite at x = ±100.
func TestLosses(t *testing.T) {
	logits := [][]float64{{1, 2, 3}, {1, 1, 1}}
	runCases(t, []opCase{
		{"SoftmaxCrossEntropyWithLogits", func(in ...*graph.Tensor) *graph.Tensor { return ops.SoftmaxCrossEntropyWithLogits(in[0], in[1]) },
			[]any{[][]float64{{0, 0, 1}, {1, 0, 0}}, logits}, []float64{0.40760596444438013, math.Log(3)}, f32tol},
		{"soft labels", func(in ...*graph.Tensor) *graph.Tensor { return ops.SoftmaxCrossEntropyWithLogits(in[0], in[1]) },
			[]any{[][]float64{{0.5, 0, 0.5}}, [][]float64{{1, 2, 3}}}, []float64{0.40760596444438013 + 1}, f32tol},
		{"SparseSoftmaxCrossEntropyWithLogits", func(in ...*graph.Tensor) *graph.Tensor { return ops.SparseSoftmaxCrossEntropyWithLogits(in[0], in[1]) },
			[]any{nd.FromInt64s([]int64{2, 0}, 2), logits}, []float64{0.40760596444438013, math.Log(3)}, f32tol},
		{"huge logits stay finite", func(in ...*graph.Tensor) *graph.Tensor { return ops.SparseSoftmaxCrossEntropyWithLogits(in[0], in[1]) },
			[]any{nd.FromInt64s([]int64{0}, 1), [][]float64{{-1000, 1000}}}, []float64{2000}, f32tol},
		{"SigmoidCrossEntropyWithLogits", func(in ...*graph.Tensor) *graph.Tensor { return ops.SigmoidCrossEntropyWithLogits(in[0], in[1]) },
			[]any{[]float64{0, 1, 0.5, 0, 1}, []float64{-2, 0, 3, 100, -100}},
			[]float64{0.1269280110429725, 0.6931471805599453, 1.548587351573742, 100, 100}, f32tol},
		{"L2Loss", func(in ...*graph.Tensor) *graph.Tensor { return ops.L2Loss(in[0]) }, []any{[][]float64{{1, 2}, {3, 0}}}, 7.0, 0},
		{"InTopK k=1", func(in ...*graph.Tensor) *graph.Tensor { return ops.InTopK(in[0], in[1], 1) },
			[]any{[][]float64{{0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}, {0.5, 0.5, 0}}, nd.FromInt64s([]int64{1, 0, 1}, 3)}, []bool{true, false, true}, 0},
		{"InTopK k=2", func(in ...*graph.Tensor) *graph.Tensor { return ops.InTopK(in[0], in[1], 2) },
			[]any{[][]float64{{0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}, {0.5, 0.5, 0}}, nd.FromInt64s([]int64{1, 0, 2}, 3)}, []bool{true, true, false}, 0},
		{"InTopK out of range or not finite", func(in ...*graph.Tensor) *graph.Tensor { return ops.InTopK(in[0], in[1], 3) },
			[]any{[][]float64{{0, 1, 2}, {math.Inf(1), 0, 0}}, nd.FromInt64s([]int64{3, 0}, 2)}, []bool{false, false}, 0},
		{"AvgPool SAME", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.AvgPool(ops.Reshape(in[0], 1, 2, 2, 1), []int{1, 2, 2, 1}, []int{1, 1, 1, 1}, "SAME")
		}, []any{[]float64{1, 2, 3, 4}}, [][][][]float64{{{{2.5}, {3}}, {{3.5}, {4}}}}, 0},
		{"AvgPool VALID", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.AvgPool(ops.Reshape(in[0], 1, 2, 2, 1), []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "VALID")
		}, []any{[]float64{1, 2, 3, 4}}, [][][][]float64{{{{2.5}}}}, 0},
	})
}

func TestLossErrors(t *testing.T) {
	g := graph.New()
	logits := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	labels := g.Placeholder(graph.Int64, graph.Shape{graph.None})
	loss := ops.SparseSoftmaxCrossEntropyWithLogits(labels, logits)
	_, err := sessionRun(g, []*graph.Tensor{loss}, logits, nd.New(graph.Float32, 2, 3), labels, []int64{0, 3})
	wantErr(t, err, "Received a label value of 3 which is outside the valid range of [0, 3).")

	g = graph.New()
	ops.SoftmaxCrossEntropyWithLogits(g.Placeholder(graph.Float32, graph.Shape{2, 4}), g.Placeholder(graph.Float32, graph.Shape{2, 3}))
	wantErr(t, g.Err(), "logits and labels must be same size: logits_size=[2,3] labels_size=[2,4]")

	g = graph.New()
	ops.SparseSoftmaxCrossEntropyWithLogits(g.Placeholder(graph.Float32, graph.Shape{2}), g.Placeholder(graph.Float32, graph.Shape{2, 3}))
	wantErr(t, g.Err(), "Value passed to parameter 'labels' has DataType float32")
}

func TestGradientLosses(t *testing.T) {
	t.Run("SoftmaxCrossEntropyWithLogits", func(t *testing.T) {
		labels := nd.FromFloat64s([]float64{0.2, 0.3, 0.5, 1, 0, 0}, 2, 3)
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			return ops.SoftmaxCrossEntropyWithLogits(graph.Const(labels), xs[0])
		}, randArray(111, -2, 2, 2, 3))
	})
	t.Run("SoftmaxCrossEntropyWithLogitsV2", func(t *testing.T) {
		// labels are distributions: TF's gradient for the logits,
		// softmax - labels, assumes rows that sum to 1
		labels := nd.FromFloat64s([]float64{0.2, 0.3, 0.5, 0.6, 0.1, 0.3}, 2, 3)
		checkGradient(t, two(ops.SoftmaxCrossEntropyWithLogitsV2), labels, randArray(118, -2, 2, 2, 3))
	})
	t.Run("the labels' gradient is stopped", func(t *testing.T) {
		g := graph.New()
		labels := g.Placeholder(graph.Float32, graph.Shape{1, 2})
		logits := g.Placeholder(graph.Float32, graph.Shape{1, 2})
		gr := ops.Gradients([]*graph.Tensor{ops.SoftmaxCrossEntropyWithLogits(labels, logits)}, []*graph.Tensor{labels, logits})
		if gr[0] != nil || gr[1] == nil {
			t.Errorf("gradients %v, want nil for the labels (TF's None) and one for the logits", gr)
		}
	})
	t.Run("SparseSoftmaxCrossEntropyWithLogits", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			return ops.SparseSoftmaxCrossEntropyWithLogits([]int64{2, 0, 1}, xs[0])
		}, randArray(112, -2, 2, 3, 4))
	})
	t.Run("SigmoidCrossEntropyWithLogits", func(t *testing.T) {
		checkGradient(t, two(ops.SigmoidCrossEntropyWithLogits), randArray(113, 0, 1, 2, 3), randArray(114, -3, 3, 2, 3))
	})
	t.Run("L2Loss", func(t *testing.T) { checkGradient(t, one(ops.L2Loss), randArray(115, -1, 1, 2, 3)) })
	t.Run("AvgPool", func(t *testing.T) {
		for _, pad := range []string{"SAME", "VALID"} {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
				return ops.AvgPool(xs[0], []int{1, 2, 2, 1}, []int{1, 2, 1, 1}, pad)
			}, randArray(116, -1, 1, 2, 3, 3, 2))
		}
	})
}

// TestRandomNormalUniform checks the draws' distribution, that a seed
// gives the same values, and that the values are TF's kernels' (one
// Philox block per four values, Box–Muller pairs for the normal).
func TestRandomNormalUniform(t *testing.T) {
	const n = 20000
	draw := func(x *graph.Tensor) []float32 {
		g := graph.New()
		g.SetRandomSeed(7)
		v, err := sessionRun(g, []*graph.Tensor{x.In(g)})
		if err != nil {
			t.Fatal(err)
		}
		return v[0].Float32s()
	}
	moments := func(v []float32) (mean, sd float64) {
		var sum, sq float64
		for _, x := range v {
			sum += float64(x)
			sq += float64(x) * float64(x)
		}
		mean = sum / float64(len(v))
		return mean, math.Sqrt(sq/float64(len(v)) - mean*mean)
	}
	norm := draw(ops.RandomNormal([]int{n}, ops.Mean(1), ops.Stddev(2)))
	if m, sd := moments(norm); math.Abs(m-1) > 0.05 || math.Abs(sd-2) > 0.05 {
		t.Errorf("RandomNormal mean %.3f stddev %.3f, want 1 and 2", m, sd)
	}
	uni := draw(ops.RandomUniform([]int{n}, -1, 3))
	for _, v := range uni {
		if v < -1 || v >= 3 {
			t.Fatalf("RandomUniform value %v outside [-1, 3)", v)
		}
	}
	if m, sd := moments(uni); math.Abs(m-1) > 0.05 || math.Abs(sd-4/math.Sqrt(12)) > 0.05 {
		t.Errorf("RandomUniform mean %.3f stddev %.3f, want 1 and %.3f", m, sd, 4/math.Sqrt(12))
	}
	again := draw(ops.RandomNormal([]int{n}, ops.Mean(1), ops.Stddev(2)))
	for i := range norm {
		if norm[i] != again[i] {
			t.Fatalf("same seeds, value %d: %v then %v", i, norm[i], again[i])
		}
	}
}
