package models

import (
	"fmt"
	"testing"

	"github.com/tf1go/tf1go/graph"
)

// TestShapesAndNames checks each builder's static shapes and that the
// variables get the notebooks' names, on which checkpoints depend.
func TestShapesAndNames(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *graph.Graph) *Classifier
		vars  int // model variables, before the optimizer's
	}{
		{"LogisticRegression", LogisticRegression, 2},
		{"Softmax", Softmax, 2},
		{"SingleLayer", func(g *graph.Graph) *Classifier { return SingleLayer(g, 1024) }, 4},
		{"MDC", func(g *graph.Graph) *Classifier { return &NewMDC(g).Classifier }, 5},
		{"CNN", func(g *graph.Graph) *Classifier { return &NewCNN(g, true).Classifier }, 8},
		{"OrenistDynamicFilter", func(g *graph.Graph) *Classifier { return &NewOrenistDynamicFilter(g).Classifier }, 5},
		{"OrenistClassification", func(g *graph.Graph) *Classifier {
			return &NewOrenistClassification(g, [5][5][1][2]float64{}).Classifier
		}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			m := c.build(g)
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			if got := m.P.Shape(); len(got) != 2 || got[0] != graph.None {
				t.Errorf("p has shape %v, want (?, n)", got)
			}
			if m.Loss.Shape().String() != "()" || m.Accuracy.Shape().String() != "()" {
				t.Errorf("loss %v and accuracy %v should be scalars", m.Loss.Shape(), m.Accuracy.Shape())
			}
			vars := g.TrainableVariables()
			if len(vars) != c.vars {
				t.Fatalf("%d trainable variables, want %d", len(vars), c.vars)
			}
			for i, v := range vars {
				want := "Variable"
				if i > 0 {
					want = fmt.Sprintf("Variable_%d", i)
				}
				if v.Node().Name() != want {
					t.Errorf("variable %d is %s, want %s", i, v.Node().Name(), want)
				}
			}
		})
	}
}

// TestInferenceCNNHasNoOptimizer: the recognizer's graph holds only the
// eight model variables, so a training checkpoint has extra entries.
func TestInferenceCNNHasNoOptimizer(t *testing.T) {
	g := graph.New()
	m := NewCNN(g, false)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if n := len(g.GlobalVariables()); n != 8 {
		t.Errorf("%d variables, want 8", n)
	}
	if m.Loss != nil || m.TrainStep != nil {
		t.Error("inference graph has a loss or a training op")
	}
	if got := m.HPool2.Shape().String(); got != "(?, 7, 7, 64)" {
		t.Errorf("h_pool2 shape %s", got)
	}
}

// TestMDCWithFilters: slide 108's exercise changes the filter count, and
// the shapes that depend on it follow.
func TestMDCWithFilters(t *testing.T) {
	for _, n := range []int{4, 16, 32} {
		g := graph.New()
		m := NewMDCWithFilters(g, n)
		if err := g.Err(); err != nil {
			t.Fatal(err)
		}
		if got, want := m.WConv.Shape().String(), fmt.Sprintf("(5, 5, 1, %d)", n); got != want {
			t.Errorf("%d filters: W_conv %s, want %s", n, got, want)
		}
		if got, want := g.TrainableVariables()[1].Shape().String(), fmt.Sprintf("(%d, 1024)", 14*14*n); got != want {
			t.Errorf("%d filters: w2 %s, want %s", n, got, want)
		}
	}
}

// TestOrenistShapes: the ORENIST models' feature maps and hidden layer
// have the notebooks' shapes, the fixed filters' model as the learned
// ones'.
func TestOrenistShapes(t *testing.T) {
	g := graph.New()
	f := NewOrenistFilter(g, [5][5][1][2]float64{})
	m := NewOrenistDynamicFilter(g)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		x    *graph.Tensor
		want string
	}{
		{"OFE W_conv", f.WConv, "(5, 5, 1, 2)"},
		{"OFE h_conv_cutoff", f.HConvCutoff, "(?, 28, 28, 2)"},
		{"OFE h_pool", f.HPool, "(?, 14, 14, 2)"},
		{"ODE W_conv", m.WConv, "(5, 5, 1, 2)"},
		{"ODE h_pool", m.HPool, "(?, 14, 14, 2)"},
		{"ODE hidden2", m.Hidden, "(?, 2)"},
		{"ODE p", m.P, "(?, 3)"},
	} {
		if got := c.x.Shape().String(); got != c.want {
			t.Errorf("%s has shape %s, want %s", c.name, got, c.want)
		}
	}
}

// TestLeastSquaresShapes: LSE's one variable is w, (5, 1), and the loss
// a scalar.
func TestLeastSquaresShapes(t *testing.T) {
	g := graph.New()
	m := NewLeastSquares(g)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if vars := g.TrainableVariables(); len(vars) != 1 || vars[0].Shape().String() != "(5, 1)" {
		t.Errorf("trainable variables %v, want w (5, 1)", vars)
	}
	if got := m.Y.Shape().String(); got != "(?, 1)" {
		t.Errorf("y has shape %s, want (?, 1)", got)
	}
	if got := m.Loss.Shape().String(); got != "()" {
		t.Errorf("loss has shape %s, want ()", got)
	}
}
