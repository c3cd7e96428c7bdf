package tfgraph_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opcheck"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

const dataDir = "../../../shared/data/tf"

func registry(t *testing.T) *opcheck.Registry {
	t.Helper()
	r, err := opcheck.Load(filepath.Join(dataDir, "op_defs.json"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: the op registry comes from ../shared", dataDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// model builds a graph with every op tf1go exports: the MDC/CNN layers,
// the MSE softmax, the lecture's losses and accuracy, and an optimizer.
func model() (g *graph.Graph, x, keep, y *graph.Tensor) {
	g = graph.New()
	g.SetRandomSeed(20160704)
	x = g.Placeholder(graph.Float32, graph.Shape{graph.None, 16}, graph.Name("x"))
	keep = g.Placeholder(graph.Float32, graph.UnknownShape, graph.Name("keep_prob"))
	img := ops.Reshape(x, -1, 4, 4, 1)
	w := g.Variable(ops.TruncatedNormal([]int{2, 2, 1, 3}, ops.Stddev(0.1)), graph.Name("W_conv"))
	b := g.Variable(ops.Constant(0.1, 3), graph.Name("b_conv"))
	h := ops.Relu(ops.BiasAdd(ops.Conv2D(img, w, []int{1, 1, 1, 1}, "SAME"), b))
	p := ops.MaxPool(h, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
	flat := ops.Reshape(p, -1, 12)
	drop := ops.Dropout(flat, keep)
	w2 := g.Variable(ops.Zeros(12, 2), graph.Name("W"))
	logits := ops.Add(ops.MatMul(drop, w2), ops.Zeros(2))
	y = ops.Identity(ops.Softmax(logits), graph.Name("y"))
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("t"))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(y))))
	_ = ops.Sqrt(ops.Square(ops.Tanh(ops.Sigmoid(ops.Exp(ops.Abs(ops.Sign(ops.Div(ops.Sub(loss, 1), 2))))))))
	correct := ops.Equal(ops.Argmax(y, 1), ops.Argmax(t, 1))
	_ = ops.ReduceMean(ops.Cast(correct, graph.Float32))
	train.NewAdamOptimizer(0.001).Minimize(loss)
	g.GlobalVariablesInitializer()
	return
}

func TestExportPassesTheRegistry(t *testing.T) {
	r := registry(t)
	g, _, _, _ := model()
	ex, err := tfgraph.ExportGraph(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range r.CheckGraph(ex.Def, true) {
		t.Error(err)
	}
	if len(ex.Skipped) == 0 {
		t.Error("no training node skipped")
	}
	seen := map[string]bool{}
	for _, n := range ex.Def.Node {
		seen[n.Op] = true
	}
	for _, op := range []string{"Placeholder", "VariableV2", "Assign", "Identity", "Const", "MatMul", "Add", "Sub", "Mul", "RealDiv",
		"Neg", "Sigmoid", "Tanh", "Relu", "Softmax", "Log", "Exp", "Square", "Sqrt", "Abs", "Sign", "Sum", "Mean", "ArgMax", "Equal", "Cast", "Reshape",
		"Conv2D", "MaxPool", "BiasAdd", "TruncatedNormal", "RandomUniform", "Floor", "Shape", "NoOp"} {
		if !seen[op] {
			t.Errorf("no %s node exported", op)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	g, x, keep, y := model()
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	feed := make([]float32, 2*16)
	for i := range feed {
		feed[i] = float32(i%7) / 7
	}
	xs := nd.FromFloat32s(feed, 2, 16)
	want, err := sess.Run(y, session.Feed{x: xs, keep: 1.0})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := tfgraph.ExportGraph(g)
	if err != nil {
		t.Fatal(err)
	}
	def, err := tfpb.UnmarshalGraphDef(ex.Def.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	im, err := tfgraph.Import(def)
	if err != nil {
		t.Fatal(err)
	}
	s2 := session.New(im.Graph)
	for _, v := range g.GlobalVariables() {
		val, err := sess.VariableValue(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := s2.SetVariable(im.Variables[v.Node().Name()], val); err != nil {
			t.Fatal(err)
		}
	}
	x2, _ := im.TensorByName("x:0")
	k2, _ := im.TensorByName("keep_prob:0")
	y2, _ := im.TensorByName("y:0")
	got, err := s2.Run(y2, session.Feed{x2: xs, k2: 1.0})
	if err != nil {
		t.Fatal(err)
	}
	if want.(*nd.Array).String() != got.(*nd.Array).String() {
		t.Errorf("got %v, want %v", got, want)
	}

	// the seeds go with the graph: the imported initializer draws the
	// original's truncated normal numbers
	s3 := session.New(im.Graph)
	if _, err := s3.Run(im.NodeByName("init"), nil); err != nil {
		t.Fatal(err)
	}
	w, _ := sess.VariableValue(g.GlobalVariables()[0])
	w3, _ := s3.VariableValue(im.Variables[g.GlobalVariables()[0].Node().Name()])
	if w.String() != w3.String() {
		t.Errorf("imported initial value\n%v\nwant\n%v", w3, w)
	}
}

// A reshape to a dim int32 cannot hold is an export error, not a panic.
func TestExportDimBeyondInt32(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.UnknownShape, graph.Name("x"))
	ops.Reshape(x, 1<<33, -1)
	_, err := tfgraph.ExportGraph(g)
	if err == nil || !strings.Contains(err.Error(), "cannot export node Reshape (op Reshape): value 8589934592 does not fit int32") {
		t.Errorf("got %v", err)
	}
}
