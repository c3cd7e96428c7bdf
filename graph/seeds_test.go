package graph_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// randomSeeds lists the seeds of g's random nodes in creation order.
func randomSeeds(g *graph.Graph) [][2]int64 {
	var out [][2]int64
	for _, n := range g.Nodes() {
		if _, ok := n.Op().(graph.Random); ok {
			s, s2 := n.Seeds()
			out = append(out, [2]int64{s, s2})
		}
	}
	return out
}

// TestNotebookSeeds checks the op seeds TF gave the lecture notebooks'
// random ops: TF 0.x took the number of ops its Python API had created
// so far (graph._last_id), so each graph is built here with the
// notebook's own lines, in the notebook's order, up to its last random
// op (MSL, MDC and CNN with the models builders). The seeds of ODE and
// OCE were found by searching for the ones that reproduce the notebooks'
// printed numbers; the others follow from the same counts, and SNE, DNE
// and MSL reproduce their notebooks with them (see the cmd programs).
func TestNotebookSeeds(t *testing.T) {
	for _, c := range []struct {
		name  string
		seed  int64
		build func(g *graph.Graph)
		want  []int64 // op seeds, in creation order
	}{
		{"SNE", 20160614, func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
			w1 := g.Variable(ops.TruncatedNormal([]int{2, 2}))
			b1 := g.Variable(ops.Zeros(2))
			ops.Tanh(ops.Add(ops.MatMul(x, w1), ops.Mul(b1, 15.74)))
		}, []int64{4}},
		{"DNE", 20160615, func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
			w1 := g.Variable(ops.TruncatedNormal([]int{2, 2}))
			b1 := g.Variable(ops.Zeros(1, 2))
			hidden1 := ops.Tanh(ops.Add(ops.MatMul(x, w1), b1))
			w2 := g.Variable(ops.TruncatedNormal([]int{2, 2}))
			b2 := g.Variable(ops.Zeros(1, 2))
			ops.Tanh(ops.Add(ops.MatMul(hidden1, w2), b2))
		}, []int64{4, 20}},
		{"MSL", 20160612, func(g *graph.Graph) { models.SingleLayer(g, 1024) }, []int64{4}},
		{"ODE", 20160703, func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
			xImage := ops.Reshape(x, -1, 28, 28, 1)
			wConv := g.Variable(ops.TruncatedNormal([]int{5, 5, 1, 2}, ops.Stddev(0.1)))
			hConv := ops.Abs(ops.Conv2D(xImage, wConv, []int{1, 1, 1, 1}, "SAME"))
			hPool := ops.MaxPool(ops.Relu(ops.Sub(hConv, 0.2)), []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
			hPoolFlat := ops.Reshape(hPool, -1, 392)
			w2 := g.Variable(ops.TruncatedNormal([]int{392, 2}))
			ops.MatMul(hPoolFlat, w2)
		}, []int64{6, 23}},
		{"OCE", 20160703, func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
			xImage := ops.Reshape(x, -1, 28, 28, 1)
			wConv := ops.Constant(nd.New(nd.Float32, 5, 5, 1, 2)) // the edge filters
			hConv := ops.Abs(ops.Conv2D(xImage, wConv, []int{1, 1, 1, 1}, "SAME"))
			hPool := ops.MaxPool(ops.Relu(ops.Sub(hConv, 0.2)), []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
			hPoolFlat := ops.Reshape(hPool, -1, 392)
			w2 := g.Variable(ops.TruncatedNormal([]int{392, 2}))
			ops.MatMul(hPoolFlat, w2)
		}, []int64{15}},
		{"MDC", 20160703, func(g *graph.Graph) { models.NewMDC(g) }, []int64{6, 19}},
		// conv1 filter, conv2 filter, w2, then the dropout's RandomUniform
		{"CNN", 20160704, func(g *graph.Graph) { models.NewCNN(g, true) }, []int64{6, 23, 42, 59}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			g.SetRandomSeed(c.seed)
			c.build(g)
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			var want [][2]int64
			for _, s := range c.want {
				want = append(want, [2]int64{c.seed, s})
			}
			if got := randomSeeds(g); !slices.Equal(got, want) {
				t.Errorf("random ops' (graph seed, op seed) = %v, want %v", got, want)
			}
		})
	}
}

// TestSeedRules checks random_seed.get_seed's four cases and that the
// graph seed is read when asked for, not when the op was built.
func TestSeedRules(t *testing.T) {
	g := graph.New()
	a := ops.TruncatedNormal([]int{2}).In(g)              // TF ops 1..6, seed after 3
	b := ops.TruncatedNormal([]int{2}, ops.Seed(7)).In(g) // an op seed of its own
	seeds := func() string {
		s1, s2 := a.Node().Seeds()
		s3, s4 := b.Node().Seeds()
		return fmt.Sprint(s1, s2, s3, s4)
	}
	if got := seeds(); got != "0 0 87654321 7" {
		t.Errorf("without a graph seed: %s, want 0 0 (drawn at random) and DefaultGraphSeed 7", got)
	}
	g.SetRandomSeed(42)
	if got := seeds(); got != "42 3 42 7" {
		t.Errorf("with graph seed 42: %s, want 42 3 42 7", got)
	}
	if s, s2 := g.Placeholder(graph.Float32, nil).Node().Seeds(); s != 0 || s2 != 0 {
		t.Errorf("a placeholder has seeds %d %d", s, s2)
	}
}

// TestTFOpCounts checks the count a node stands for: an op's TFOps, the
// CountsAs option, and that a free node keeps its count when adopted
// (counted where it joins the graph, as TF created it there).
func TestTFOpCounts(t *testing.T) {
	g := graph.New()
	g.SetRandomSeed(1)
	x := g.Placeholder(graph.Float32, graph.Shape{2, 2}) // 1
	c := ops.Constant([]float64{1, 2, 3, 4}, 2, 2)       // free: one Const in TF
	v := g.Variable(ops.Zeros(2, 2))                     // Const, Variable, read, Assign: 5
	y := ops.Add(ops.Add(x, c), v)                       // Const adopted, Add, Add: 8
	r := ops.Reshape(ops.Argmax(y, 1), 2)                // ArgMax and its axis, Reshape and its shape: 12
	ops.Mul(ops.ReduceSum(y), 2.0)                       // Sum and its axes, Const, Mul: 16
	seed := func() int64 { _, s := ops.TruncatedNormal([]int{1}).In(g).Node().Seeds(); return s }
	if got := seed(); got != 19 {
		t.Errorf("seed after 16 TF ops is %d, want 19 (x, y, r: %v %v %v)", got, x, y, r)
	}
	graph.NewNode(graph.ConstOp{Value: nd.Scalar(nd.Float32, 0)}, nil, graph.InGraph(g), graph.CountsAs(0))
	if got := seed(); got != 25 {
		t.Errorf("a CountsAs(0) node moved the count: seed %d, want 25", got)
	}
}
