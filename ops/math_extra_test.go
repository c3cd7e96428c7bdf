package ops_test

import (
	"math"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// TestMathExtra checks the values TF gives (worked by hand from TF's
// kernels: round is half to even, softplus log1p(e^x), elu e^x-1 below 0).
func TestMathExtra(t *testing.T) {
	x := []float64{-2.5, -0.5, 0.5, 1.5, 2.5}
	un := func(f func(any) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0]) }
	}
	bin := func(f func(a, b any) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0], in[1]) }
	}
	runCases(t, []opCase{
		{"Floor", un(ops.Floor), []any{x}, []float64{-3, -1, 0, 1, 2}, 0},
		{"Ceil", un(ops.Ceil), []any{x}, []float64{-2, -0, 1, 2, 3}, 0},
		{"Round half to even", un(ops.Round), []any{x}, []float64{-2, -0, 0, 2, 2}, 0},
		{"Reciprocal", un(ops.Reciprocal), []any{[]float64{-2, 0.5, 4}}, []float64{-0.5, 2, 0.25}, 0},
		{"Reciprocal of 0", un(ops.Reciprocal), []any{[]float64{0}}, []float64{math.Inf(1)}, 0},
		{"Rsqrt", un(ops.Rsqrt), []any{[]float64{4, 0.25, 16}}, []float64{0.5, 2, 0.25}, 0},
		{"Elu", un(ops.Elu), []any{[]float64{-1, 0, 2}}, []float64{math.Exp(-1) - 1, 0, 2}, f32tol},
		{"Softplus", un(ops.Softplus), []any{[]float64{-100, 0, 1, 100}}, []float64{math.Exp(-100), math.Ln2, math.Log1p(math.E), 100}, f32tol},
		{"LeakyRelu 0.2", func(in ...*graph.Tensor) *graph.Tensor { return ops.LeakyRelu(in[0], 0.2) },
			[]any{[]float64{-5, 0, 3}}, []float64{-1, 0, 3}, f32tol},
		{"Maximum broadcast", bin(ops.Maximum), []any{[][]float64{{1, 5}, {3, -1}}, []float64{2, 2}}, [][]float64{{2, 5}, {3, 2}}, 0},
		{"Minimum Go number", func(in ...*graph.Tensor) *graph.Tensor { return ops.Minimum(in[0], 0) },
			[]any{[]float64{-1, 2}}, []float64{-1, 0}, 0},
		{"Pow", bin(ops.Pow), []any{[]float64{2, 9, 4}, []float64{3, 0.5, -1}}, []float64{8, 3, 0.25}, 0},
		{"ClipByValue", func(in ...*graph.Tensor) *graph.Tensor { return ops.ClipByValue(in[0], -1, 1) },
			[]any{[]float64{-3, -0.5, 0.5, 3}}, []float64{-1, -0.5, 0.5, 1}, 0},
		{"StopGradient forward", un(ops.StopGradient), []any{[]float64{1, 2}}, []float64{1, 2}, 0},
	})
}

func TestGradientMathExtra(t *testing.T) {
	for _, c := range []struct {
		name   string
		f      func(any) *graph.Tensor
		lo, hi float64
	}{
		{"Reciprocal", ops.Reciprocal, 0.5, 2},
		{"Rsqrt", ops.Rsqrt, 0.5, 2},
		{"Elu negative", ops.Elu, -2, -0.1},
		{"Elu positive", ops.Elu, 0.1, 2},
		{"Softplus", ops.Softplus, -3, 3},
		{"Floor", ops.Floor, 0.1, 0.9},
		{"Ceil", ops.Ceil, 0.1, 0.9},
		{"Round", ops.Round, 0.1, 0.4},
		{"LeakyRelu", func(x any) *graph.Tensor { return ops.LeakyRelu(x, 0.2) }, -2, 2},
	} {
		t.Run(c.name, func(t *testing.T) { checkGradient(t, one(c.f), randArray(81, c.lo, c.hi, 2, 3)) })
	}
	for _, c := range []struct {
		name string
		f    func(a, b any) *graph.Tensor
	}{{"Maximum", ops.Maximum}, {"Minimum", ops.Minimum}, {"Pow", ops.Pow}} {
		t.Run(c.name, func(t *testing.T) {
			checkGradient(t, two(c.f), randArray(82, 0.5, 2, 2, 3), randArray(83, 0.5, 2, 3))
		})
	}
	t.Run("ClipByValue", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.ClipByValue(xs[0], -0.5, 0.5) },
			nd.FromFloat64s([]float64{-0.9, -0.3, 0.1, 0.7}, 4))
	})
	t.Run("Maximum ties go to x", func(t *testing.T) {
		g := graph.New()
		x := g.Placeholder(graph.Float32, graph.Shape{2})
		y := g.Placeholder(graph.Float32, graph.Shape{2})
		gr := ops.Gradients([]*graph.Tensor{ops.Maximum(x, y)}, []*graph.Tensor{x, y})
		v := runFeeds(t, g, gr, x, []float32{1, 2}, y, []float32{1, 3})
		checkArray(t, v[0], []float64{1, 0}, 0)
		checkArray(t, v[1], []float64{0, 1}, 0)
	})
	t.Run("StopGradient", func(t *testing.T) {
		g := graph.New()
		x := g.Placeholder(graph.Float32, graph.Shape{2})
		gr := ops.Gradients([]*graph.Tensor{ops.Add(ops.Mul(ops.StopGradient(x), x), x)}, []*graph.Tensor{x})
		v := runFeeds(t, g, gr, x, []float32{3, 4})
		checkArray(t, v[0], []float64{4, 5}, 0) // d/dx (c·x + x) with c = x held: c + 1
	})
}

// TestClipByGlobalNorm: tensors [3, 4] and [12] have global norm 13;
// clipped to 6.5 they halve, clipped to 20 they stay.
func TestClipByGlobalNorm(t *testing.T) {
	for _, c := range []struct {
		clip float64
		want [][]float64
	}{{6.5, [][]float64{{1.5, 2}, {6}}}, {20, [][]float64{{3, 4}, {12}}}} {
		g := graph.New()
		a := g.Placeholder(graph.Float32, graph.Shape{2})
		b := g.Placeholder(graph.Float32, graph.Shape{1})
		clipped, norm := ops.ClipByGlobalNorm([]*graph.Tensor{a, nil, b}, c.clip)
		if clipped[1] != nil {
			t.Errorf("a nil tensor clips to %v, want nil", clipped[1])
		}
		v := runFeeds(t, g, []*graph.Tensor{clipped[0], clipped[2], norm}, a, []float64{3, 4}, b, []float64{12})
		checkArray(t, v[0], c.want[0], f32tol)
		checkArray(t, v[1], c.want[1], f32tol)
		checkArray(t, v[2], 13.0, f32tol)
	}
	t.Run("gradient", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			c, _ := ops.ClipByGlobalNorm([]*graph.Tensor{xs[0], xs[1]}, 0.5)
			return ops.Concat([]any{c[0], c[1]}, 0)
		}, randArray(131, -1, 1, 3), randArray(132, -1, 1, 2))
	})
}
