package ops_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opcheck"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// beyondModel uses every op beyond the lecture's that has a TensorFlow
// form; each fetch is named so that the imported graph's can be found.
func beyondModel() (g *graph.Graph, feed session.Feed, fetches []string) {
	g = graph.New()
	g.SetRandomSeed(20161201)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 4}, graph.Name("x"))
	labels := g.Placeholder(graph.Int64, graph.Shape{graph.None}, graph.Name("labels"))
	img := g.Placeholder(graph.Float32, graph.Shape{graph.None, 4, 4, 1}, graph.Name("img"))
	w := g.Variable(ops.RandomNormal([]int{4, 3}, ops.Stddev(0.5)), graph.Name("w"))
	u := g.Variable(ops.RandomUniform([]int{3}, -1, 1), graph.Name("u"))
	logits := ops.Add(ops.MatMul(x, w), u)
	pos := ops.Add(ops.Abs(x), 0.5)
	named := map[string]*graph.Tensor{
		"sparse_xent": ops.SparseSoftmaxCrossEntropyWithLogits(labels, logits),
		"xent":        ops.SoftmaxCrossEntropyWithLogits(ops.OneHot(labels, 3), logits),
		"sigmoid":     ops.SigmoidCrossEntropyWithLogits(ops.Sigmoid(logits), logits),
		"in_top_k":    ops.Cast(ops.InTopK(logits, labels, 2), graph.Float32),
		"l2":          ops.L2Loss(logits),
		"avg_pool":    ops.AvgPool(img, []int{1, 2, 2, 1}, []int{1, 1, 1, 1}, "SAME"),
		"unary":       ops.Add(ops.Add(ops.Reciprocal(pos), ops.Rsqrt(pos)), ops.Add(ops.Ceil(x), ops.Round(x))),
		"nn":          ops.Add(ops.Add(ops.Elu(x), ops.Softplus(x)), ops.Add(ops.LeakyRelu(x, 0.1), ops.Log1p(pos))),
		"floor":       ops.Floor(x),
		"binary":      ops.Add(ops.Maximum(x, 0.2), ops.Add(ops.Minimum(x, -0.2), ops.Pow(pos, 1.5))),
		"clip":        ops.StopGradient(ops.ClipByValue(x, -0.5, 0.5)),
		"where": ops.Where(ops.LogicalOr(ops.LogicalAnd(ops.Greater(x, 0), ops.LessEqual(x, 1)), ops.LogicalNot(ops.NotEqual(x, x))),
			x, ops.Where(ops.Less(x, -1), ops.Neg(x), ops.Cast(ops.LogicalAnd(ops.GreaterEqual(x, 0.5), ops.Equal(x, x)), graph.Float32))),
		"reduce":    ops.Add(ops.ReduceMax(x, 1), ops.Add(ops.ReduceMin(x, 1), ops.ReduceProd(pos, 1))),
		"argmin":    ops.Cast(ops.Argmin(x, 1), graph.Float32),
		"transpose": ops.Transpose(x),
		"strided":   ops.StridedSlice(x, ops.All, ops.Span(1, 3)),
		"strided2":  ops.StridedSlice(x, ops.SpanFrom(1).Step(-1), ops.At(-1)),
		"slice":     ops.Slice(x, []int{0, 1}, []int{-1, 2}),
		"tile":      ops.Tile(x, 1, 2),
		"concat":    ops.Concat([]any{x, logits}, 1),
		"stack":     ops.Stack([]any{x, x}, 1),
		"unstack":   ops.Unstack(x, 1)[2],
		"split":     ops.Split(x, 2, 1)[1],
		"gather":    ops.Gather(w, labels),
		"embedding": ops.EmbeddingLookup(w, labels),
		"expand":    ops.ExpandDims(x, 1),
		"squeeze":   ops.Squeeze(ops.ExpandDims(x, 1), 1),
		"shape":     ops.Shape(x),
		"size":      ops.Size(x),
		"fill":      ops.Fill([]int{2, 2}, ops.ReduceSum(x)),
		"like":      ops.Add(ops.ZerosLike(x), ops.OnesLike(x)),
		"range":     ops.Range(0, 5, 2).In(g),
		"rangef":    ops.Range(0, 1, 0.25).In(g),
	}
	for name, t := range named {
		ops.Identity(t, graph.Name(name))
		fetches = append(fetches, name+":0")
	}
	g.GlobalVariablesInitializer()
	feed = session.Feed{
		x:      [][]float32{{1, -2, 0.5, 3}, {-0.5, 0.25, 2, -1}, {0, 1, -3, 0.75}},
		labels: nd.FromInt64s([]int64{2, 0, 1}, 3),
		img:    nd.FromFloat32s([]float32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 4, 4, 1),
	}
	return g, feed, fetches
}

// TestBeyondOpsRoundTrip exports the model, checks every node against
// TensorFlow's op registry, imports it again and checks that every fetch
// computes the same values, the random initial values included.
// ../shared's op_defs.json holds the registry (TF 2.4 to 2.21).
func TestBeyondOpsRoundTrip(t *testing.T) {
	g, feed, fetches := beyondModel()
	ex, err := tfgraph.ExportGraph(g)
	if err != nil {
		t.Fatal(err)
	}
	r, err := opcheck.Load(filepath.Join("../../shared/data/tf", "op_defs.json"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		t.Log("../../shared/data/tf/op_defs.json is absent: the registry check is skipped")
	case err != nil:
		t.Fatal(err)
	default:
		for _, err := range r.CheckGraph(ex.Def, true) {
			t.Error(err)
		}
	}
	def, err := tfpb.UnmarshalGraphDef(ex.Def.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	im, err := tfgraph.Import(def)
	if err != nil {
		t.Fatal(err)
	}
	want := runInit(t, g, g.GlobalVariablesInitializer(), feed, fetches, func(name string) *graph.Tensor {
		return g.NodeByName(name[:len(name)-2]).Output()
	})
	feed2 := session.Feed{}
	for k, v := range feed {
		t2, err := im.TensorByName(k.(*graph.Tensor).Name())
		if err != nil {
			t.Fatal(err)
		}
		feed2[t2] = v
	}
	got := runInit(t, im.Graph, im.NodeByName("init"), feed2, fetches, func(name string) *graph.Tensor {
		t2, err := im.TensorByName(name)
		if err != nil {
			t.Fatal(err)
		}
		return t2
	})
	for i, name := range fetches {
		t.Run(name, func(t *testing.T) {
			// TF's sigmoid cross-entropy is ten ops, tf1go's one: they
			// round differently, within float32's precision
			checkArray(t, got[i], want[i], 1e-6)
		})
	}
}

func runInit(t *testing.T, g *graph.Graph, init *graph.Node, feed session.Feed, fetches []string, tensor func(string) *graph.Tensor) []*nd.Array {
	t.Helper()
	sess := session.New(g)
	if init == nil {
		t.Fatal("no initializer")
	}
	if _, err := sess.Run(init, nil); err != nil {
		t.Fatal(err)
	}
	out := make([]*nd.Array, len(fetches))
	for i, name := range fetches {
		v, err := sess.RunTensors(feed, tensor(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[i] = v[0]
	}
	return out
}
