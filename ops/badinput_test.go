package ops_test

import (
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// TestBadInputIsAnError checks inputs that once panicked: each gives a
// tensor whose error the graph keeps and Run returns, in TF's words.
func TestBadInputIsAnError(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(g *graph.Graph) *graph.Tensor
		want  string
	}{
		{"Zeros(-1, 2)", func(g *graph.Graph) *graph.Tensor { return ops.Zeros(-1, 2) }, "Dimension -1 must be >= 0"},
		{"Constant(0.1, -3)", func(g *graph.Graph) *graph.Tensor { return ops.Constant(0.1, -3) }, "Dimension -3 must be >= 0"},
		{"Ones(2, -2)", func(g *graph.Graph) *graph.Tensor { return ops.Ones(2, -2) }, "Dimension -2 must be >= 0"},
		{"Constant of a slice, dim -1", func(g *graph.Graph) *graph.Tensor { return ops.Constant([]float64{1, 2}, -1) }, "Dimension -1 must be >= 0"},
		{"TruncatedNormal([-4])", func(g *graph.Graph) *graph.Tensor { return ops.TruncatedNormal([]int{-4}) }, "Dimension -4 must be >= 0"},
		{"a variable of Zeros(-1, 2)", func(g *graph.Graph) *graph.Tensor { return g.Variable(ops.Zeros(-1, 2)).Tensor }, "Dimension -1 must be >= 0"},
		{"Gradients of a nil y", func(g *graph.Graph) *graph.Tensor {
			x := g.Placeholder(graph.Float32, graph.Shape{2})
			return ops.Gradients([]*graph.Tensor{nil}, []*graph.Tensor{x})[0]
		}, "ys[0] of Gradients is nil: None values not supported."},
		{"Gradients for a nil x", func(g *graph.Graph) *graph.Tensor {
			x := g.Placeholder(graph.Float32, graph.Shape{2})
			return ops.Gradients([]*graph.Tensor{ops.ReduceSum(x)}, []*graph.Tensor{x, nil})[1]
		}, "xs[1] of Gradients is nil: None values not supported."},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			y := c.build(g)
			if y == nil {
				t.Fatal("no tensor")
			}
			_, err := session.New(g).Run(y, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Run: %v, want %q", err, c.want)
			}
			if g.Err() == nil || !strings.Contains(g.Err().Error(), c.want) {
				t.Errorf("the graph keeps %v, want %q", g.Err(), c.want)
			}
		})
	}
}

// TestGradientsNilYKeptOnTheGraph: with no x to return a tensor for,
// the error still reaches the graph of the other arguments.
func TestGradientsNilYKeptOnTheGraph(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{2})
	ops.Gradients([]*graph.Tensor{ops.ReduceSum(x), nil}, nil)
	if err := g.Err(); err == nil || !strings.Contains(err.Error(), "ys[1] of Gradients is nil") {
		t.Errorf("graph error %v", err)
	}
}
