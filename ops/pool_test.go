package ops_test

import (
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

var pool2 = []int{1, 2, 2, 1}

// TestMaxPool checks values against TF's, worked out by hand.
func TestMaxPool(t *testing.T) {
	pool := func(ksize, strides []int, padding string) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return ops.MaxPool(in[0], ksize, strides, padding) }
	}
	neg := seq(1, 3, 3, 1)
	for i, v := range neg.Float32s() {
		neg.Float32s()[i] = -v
	}
	runCases(t, []opCase{
		{"2x2/2 VALID on 4x4", pool(pool2, stride2, "VALID"), []any{seq(1, 4, 4, 1)},
			f32s([]float32{6, 8, 14, 16}, 1, 2, 2, 1), 0},
		// out 2, pad_total 1 at the bottom and right
		{"2x2/2 SAME on 3x3", pool(pool2, stride2, "SAME"), []any{seq(1, 3, 3, 1)},
			f32s([]float32{5, 6, 8, 9}, 1, 2, 2, 1), 0},
		// padding never wins, not even over negative values
		{"SAME over negatives", pool(pool2, stride2, "SAME"), []any{neg},
			f32s([]float32{-1, -3, -7, -9}, 1, 2, 2, 1), 0},
		{"3x3/1 SAME", pool([]int{1, 3, 3, 1}, stride1, "SAME"), []any{seq(1, 3, 3, 1)},
			f32s([]float32{5, 6, 6, 8, 9, 9, 8, 9, 9}, 1, 3, 3, 1), 0},
		{"channels and batch", pool(pool2, stride2, "VALID"), []any{f32s([]float32{1, 8, 2, 7, 3, 6, 4, 5, 0, 0, -1, 1, 0, 0, 0, 0}, 2, 2, 2, 2)},
			f32s([]float32{4, 8, 0, 1}, 2, 1, 1, 2), 0},
		{"1x2/1x2 VALID", pool([]int{1, 1, 2, 1}, []int{1, 1, 2, 1}, "VALID"), []any{seq(1, 2, 4, 1)},
			f32s([]float32{2, 4, 6, 8}, 1, 2, 2, 1), 0},
		{"float64", pool(pool2, stride2, "SAME"), []any{f64([]float64{0.1, 0.4, 0.3, 0.2, 0.5, 0.6}, 1, 2, 3, 1)},
			f64([]float64{0.5, 0.6}, 1, 1, 2, 1), 0},
	})
}

// TestMaxPoolGradientTF checks MaxPoolGrad for dy = 1: each window's
// gradient goes to its max, to the first one in row-major order on ties
// (TF's CPU kernel), and adds up where windows overlap.
func TestMaxPoolGradientTF(t *testing.T) {
	for _, c := range []struct {
		name           string
		x              *nd.Array
		ksize, strides []int
		padding        string
		want           []float32
	}{
		{"SAME 2x2/2 on 3x3", seq(1, 3, 3, 1), pool2, stride2, "SAME", []float32{0, 0, 0, 0, 1, 1, 0, 1, 1}},
		{"ties go to the first", f32s([]float32{5, 5, 5, 5}, 1, 2, 2, 1), pool2, stride2, "VALID", []float32{1, 0, 0, 0}},
		{"first of two maxima", f32s([]float32{1, 7, 7, 2}, 1, 2, 2, 1), pool2, stride2, "VALID", []float32{0, 1, 0, 0}},
		{"overlapping windows add", f32s([]float32{1, 2, 3, 4, 9, 5, 6, 7, 8}, 1, 3, 3, 1), pool2, stride1, "VALID", []float32{0, 0, 0, 0, 4, 0, 0, 0, 0}},
		{"per channel", f32s([]float32{1, 4, 2, 3, 3, 2, 4, 1}, 1, 2, 2, 2), pool2, stride2, "VALID", []float32{0, 1, 0, 0, 0, 0, 1, 0}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			x := g.Placeholder(graph.Float32, graph.Shape(c.x.Shape()))
			y := ops.MaxPool(x, c.ksize, c.strides, c.padding)
			checkArray(t, gradOfSum(t, g, y, session.Feed{x: c.x}, x)[0], f32s(c.want, c.x.Shape()...), 0)
		})
	}
}

func TestGradientMaxPool(t *testing.T) {
	for _, c := range []struct {
		name           string
		x              []int
		ksize, strides []int
		padding        string
	}{
		{"2x2/2 VALID", []int{2, 4, 4, 3}, pool2, stride2, "VALID"},
		{"2x2/2 SAME odd size", []int{1, 5, 7, 2}, pool2, stride2, "SAME"},
		{"3x3/2 SAME overlapping", []int{1, 5, 6, 2}, []int{1, 3, 3, 1}, stride2, "SAME"},
		{"3x3/1 SAME", []int{2, 4, 4, 1}, []int{1, 3, 3, 1}, stride1, "SAME"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.MaxPool(xs[0], c.ksize, c.strides, c.padding) },
				randArray(101, -1, 1, c.x...))
		})
	}
}

func TestMaxPoolErrors(t *testing.T) {
	img := func(g *graph.Graph) *graph.Tensor {
		return g.Placeholder(graph.Float32, graph.Shape{graph.None, 28, 28, 32})
	}
	const shapes = " for 'MaxPool' (op: 'MaxPool') with input shapes: [?,28,28,32]."
	checkBuildErrors(t, []buildError{
		{"rank", func(g *graph.Graph) {
			ops.MaxPool(g.Placeholder(graph.Float32, graph.Shape{28, 28}), pool2, stride2, "SAME")
		},
			"Shape must be rank 4 but is rank 2 for 'MaxPool' (op: 'MaxPool') with input shapes: [28,28]."},
		{"padding", func(g *graph.Graph) { ops.MaxPool(img(g), pool2, stride2, "FULL") },
			`Attr 'padding' of 'MaxPool' Op passed string 'FULL' not in: "SAME", "VALID".` + shapes},
		{"ksize length", func(g *graph.Graph) { ops.MaxPool(img(g), []int{2, 2}, stride2, "SAME") },
			"Sliding window ksize field must specify 4 dimensions" + shapes},
		{"strides length", func(g *graph.Graph) { ops.MaxPool(img(g), pool2, []int{2, 2}, "SAME") },
			"Sliding window stride field must specify 4 dimensions" + shapes},
		{"batch", func(g *graph.Graph) { ops.MaxPool(img(g), []int{2, 2, 2, 1}, stride2, "SAME") },
			"Pooling is not yet supported on the batch dimension." + shapes},
		{"VALID window too large", func(g *graph.Graph) { ops.MaxPool(img(g), []int{1, 30, 2, 1}, stride1, "VALID") },
			"Negative dimension size caused by subtracting 30 from 28" + shapes},
		{"VALID 5x5 window on 4x4", func(g *graph.Graph) {
			ops.MaxPool(g.Placeholder(graph.Float32, graph.Shape{graph.None, 4, 4, 1}), []int{1, 5, 5, 1}, stride1, "VALID")
		},
			"Negative dimension size caused by subtracting 5 from 4 for 'MaxPool' (op: 'MaxPool') with input shapes: [?,4,4,1]."},
	})
}
