package ops_test

import (
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

func TestBiasAdd(t *testing.T) {
	add := func(in ...*graph.Tensor) *graph.Tensor { return ops.BiasAdd(in[0], in[1]) }
	runCases(t, []opCase{
		{"[N,C]", add, []any{[][]float64{{1, 2, 3}, {4, 5, 6}}, []float64{10, 20, 30}},
			[][]float64{{11, 22, 33}, {14, 25, 36}}, 0},
		{"NHWC", add, []any{seq(1, 2, 2, 2), []float64{0.5, -1}},
			f32s([]float32{1.5, 1, 3.5, 3, 5.5, 5, 7.5, 7}, 1, 2, 2, 2), 0},
		{"Go slice bias", func(in ...*graph.Tensor) *graph.Tensor { return ops.BiasAdd(in[0], []float64{1, 2}) },
			[]any{[][]float64{{1, 1}}}, [][]float64{{2, 3}}, 0},
		{"float64", add, []any{f64([]float64{0.1, 0.2}, 1, 2), f64([]float64{0.2, 0.1}, 2)},
			f64([]float64{0.3, 0.3}, 1, 2), 1e-15},
	})
}

// TestBiasAddGradientTF checks BiasAddGrad for dy = 1: the bias gets the
// count of elements in each channel.
func TestBiasAddGradientTF(t *testing.T) {
	g := graph.New()
	v := g.Placeholder(graph.Float32, graph.Shape{2, 2, 2, 3})
	b := g.Placeholder(graph.Float32, graph.Shape{3})
	gs := gradOfSum(t, g, ops.BiasAdd(v, b), session.Feed{v: seq(2, 2, 2, 3), b: []float64{1, 2, 3}}, v, b)
	checkArray(t, gs[0], full(1, 2, 2, 2, 3), 0)
	checkArray(t, gs[1], []float64{8, 8, 8}, 0)
}

func TestGradientBiasAdd(t *testing.T) {
	checkGradient(t, two(ops.BiasAdd), randArray(111, -1, 1, 2, 3, 4, 5), randArray(112, -1, 1, 5))
	checkGradient(t, two(ops.BiasAdd), randArray(113, -1, 1, 1, 4), randArray(114, -1, 1, 4))
}

// TestBiasAddFusesWithRelu checks that relu(conv + bias), the CNN's
// layer, runs the convolution, the bias and the relu as one kernel.
func TestBiasAddFusesWithRelu(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 28, 28, 1})
	h := ops.Relu(ops.BiasAdd(ops.Conv2D(x, ops.Zeros(5, 5, 1, 32), stride1, "SAME"), ops.Constant(0.1, 32)))
	rep, err := session.New(g).Explain(h, session.Feed{x: nd.New(graph.Float32, 2, 28, 28, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rep.Groups, func(gr []string) bool { return slices.Equal(gr, []string{"Conv2D", "BiasAdd", "Relu"}) }) {
		t.Errorf("fused groups %v, want [Conv2D BiasAdd Relu]", rep.Groups)
	}
}

func TestBiasAddShapesAndErrors(t *testing.T) {
	g := graph.New()
	for _, c := range []struct {
		y    *graph.Tensor
		want string
	}{
		{ops.BiasAdd(g.Placeholder(graph.Float32, graph.Shape{graph.None, graph.None}), ops.Zeros(5)), "(?, 5)"},
		{ops.BiasAdd(g.Placeholder(graph.Float32, graph.Shape{graph.None, 14, 14, 64}), g.Placeholder(graph.Float32, nil)), "(?, 14, 14, 64)"},
		{ops.BiasAdd(g.Placeholder(graph.Float32, nil), ops.Zeros(5)), "<unknown>"},
	} {
		if got := c.y.Shape().String(); got != c.want {
			t.Errorf("%s: shape %s, want %s", c.y.Name(), got, c.want)
		}
	}
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	checkBuildErrors(t, []buildError{
		{"value rank", func(g *graph.Graph) { ops.BiasAdd(g.Placeholder(graph.Float32, graph.Shape{3}), ops.Zeros(3)) },
			"Shape must be at least rank 2 but is rank 1 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [3], [3]."},
		{"bias rank", func(g *graph.Graph) { ops.BiasAdd(g.Placeholder(graph.Float32, graph.Shape{2, 3}), ops.Zeros(1, 3)) },
			"Shape must be rank 1 but is rank 2 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [2,3], [1,3]."},
		{"channels", func(g *graph.Graph) {
			ops.BiasAdd(g.Placeholder(graph.Float32, graph.Shape{graph.None, 3}), ops.Zeros(2))
		},
			"Dimensions must be equal, but are 3 and 2 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [?,3], [2]."},
		{"dtype", func(g *graph.Graph) {
			ops.BiasAdd(g.Placeholder(graph.Float32, graph.Shape{2, 3}), ops.Constant(nd.New(graph.Float64, 3)))
		}, "Input 'bias' of 'BiasAdd' Op has type float64 that does not match type float32 of argument 'value'. for 'BiasAdd' (op: 'BiasAdd') with input shapes: [2,3], [3]."},
	})
}
