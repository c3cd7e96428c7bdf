package ops_test

import (
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
)

func TestReduceExtra(t *testing.T) {
	x := [][]float64{{1, 5, 3}, {4, 2, 6}}
	red := func(f func(any, ...int) *graph.Tensor, axes ...int) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0], axes...) }
	}
	runCases(t, []opCase{
		{"ReduceMax all", red(ops.ReduceMax), []any{x}, 6.0, 0},
		{"ReduceMax axis 1", red(ops.ReduceMax, 1), []any{x}, []float64{5, 6}, 0},
		{"ReduceMin axis 0", red(ops.ReduceMin, 0), []any{x}, []float64{1, 2, 3}, 0},
		{"ReduceMin axis -1", red(ops.ReduceMin, -1), []any{x}, []float64{1, 2}, 0},
		{"ReduceProd all", red(ops.ReduceProd), []any{x}, 720.0, 0},
		{"ReduceProd axis 0", red(ops.ReduceProd, 0), []any{x}, []float64{4, 10, 18}, 0},
		{"Argmin axis 1", func(in ...*graph.Tensor) *graph.Tensor { return ops.Argmin(in[0], 1) }, []any{x}, []int64{0, 1}, 0},
		{"Argmin ties take the first", func(in ...*graph.Tensor) *graph.Tensor { return ops.Argmin(in[0], 0) }, []any{[]float64{2, 1, 1}}, int64(1), 0},
	})
	g := graph.New()
	ops.ReduceMax(g.Placeholder(graph.Float32, graph.Shape{2, 3}), 2)
	wantErr(t, g.Err(), "Invalid reduction dimension 2 for input with 2 dimensions")
}

func TestGradientReduceExtra(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(any, ...int) *graph.Tensor
		axes []int
	}{
		{"Max all", ops.ReduceMax, nil}, {"Max axis 1", ops.ReduceMax, []int{1}},
		{"Min axis 0", ops.ReduceMin, []int{0}}, {"Prod all", ops.ReduceProd, nil},
		{"Prod axes 0,2", ops.ReduceProd, []int{0, 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return c.f(xs[0], c.axes...) }, randArray(121, 0.5, 1.5, 2, 3, 2))
		})
	}
	t.Run("Max ties share", func(t *testing.T) {
		g := graph.New()
		x := g.Placeholder(graph.Float32, graph.Shape{3})
		v := runFeeds(t, g, ops.Gradients([]*graph.Tensor{ops.ReduceMax(x)}, []*graph.Tensor{x}), x, []float64{2, 1, 2})
		checkArray(t, v[0], []float64{0.5, 0, 0.5}, 0)
	})
	t.Run("Prod with a zero", func(t *testing.T) {
		g := graph.New()
		x := g.Placeholder(graph.Float32, graph.Shape{3})
		v := runFeeds(t, g, ops.Gradients([]*graph.Tensor{ops.ReduceProd(x)}, []*graph.Tensor{x}), x, []float64{2, 0, 3})
		checkArray(t, v[0], []float64{0, 6, 0}, 0)
	})
}
