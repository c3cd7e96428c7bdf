package train_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opcheck"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// softmaxModel is MSE's model, trained a few steps with Adam.
func softmaxModel(t *testing.T) (*graph.Graph, *session.Session, *graph.Tensor, *graph.Tensor) {
	t.Helper()
	g := graph.New()
	g.SetRandomSeed(1)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3}, graph.Name("x"))
	w := g.Variable(ops.TruncatedNormal([]int{3, 2}, ops.Stddev(0.5)))
	b := g.Variable(ops.Zeros(2))
	p := ops.Softmax(ops.Add(ops.MatMul(x, w), b))
	tt := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("t"))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(tt, ops.Log(p))))
	step := train.NewAdamOptimizer(0.1).Minimize(loss)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	feed := session.Feed{x: [][]float32{{1, 0, 2}, {0, 1, -1}}, tt: [][]float32{{1, 0}, {0, 1}}}
	for range 3 {
		if _, err := sess.Run(step, feed); err != nil {
			t.Fatal(err)
		}
	}
	return g, sess, x, p
}

// A checkpoint's .meta, as Save writes it, passes TensorFlow's op
// registry, imports back and restores to the same outputs.
func TestSaveMetaGraphRoundTrip(t *testing.T) {
	g, sess, x, p := softmaxModel(t)
	in := [][]float32{{0.5, -1, 2}}
	want, err := sess.Run(p, session.Feed{x: in})
	if err != nil {
		t.Fatal(err)
	}
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2
	path, err := saver.Save(sess, filepath.Join(t.TempDir(), "model"), 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path + ".meta")
	if err != nil {
		t.Fatal(err)
	}
	meta, err := tfpb.UnmarshalMetaGraphDef(b)
	if err != nil {
		t.Fatal(err)
	}
	// 2 variables, 2 Adam slots each, beta1_power, beta2_power
	if n, nt := len(meta.Collections["variables"].BytesList), len(meta.Collections["trainable_variables"].BytesList); n != 8 || nt != 2 {
		t.Errorf("%d variables, %d trainable; want 8 and 2", n, nt)
	}
	v, err := tfpb.UnmarshalVariableDef(meta.Collections["trainable_variables"].BytesList[0])
	if err != nil || *v != (tfpb.VariableDef{VariableName: "Variable:0", InitialValueName: "TruncatedNormal:0",
		InitializerName: "Variable/Assign", SnapshotName: "Variable/read:0", Trainable: true}) {
		t.Errorf("VariableDef %+v, %v", v, err)
	}
	if s := meta.SaverDef; s == nil || s.FilenameTensorName != "save/Const:0" || s.SaveTensorName != "save/control_dependency:0" ||
		s.RestoreOpName != "save/restore_all" || s.Version != tfpb.SaverV2 {
		t.Errorf("SaverDef %+v", meta.SaverDef)
	}
	if r, err := opcheck.Load("../../shared/data/tf/op_defs.json"); errors.Is(err, fs.ErrNotExist) {
		t.Log("../shared is absent: not checked against TensorFlow's op registry")
	} else if err != nil {
		t.Fatal(err)
	} else {
		for _, err := range r.CheckGraph(meta.GraphDef, true) {
			t.Error(err)
		}
	}

	m, err := train.ImportMetaGraph(path + ".meta")
	if err != nil {
		t.Fatal(err)
	}
	s2 := session.New(m.Graph)
	if err := m.Restore(s2, path); err != nil {
		t.Fatal(err)
	}
	if len(m.Variables()) != len(g.GlobalVariables()) {
		t.Errorf("%d variables imported, want %d", len(m.Variables()), len(g.GlobalVariables()))
	}
	x2, _ := m.TensorByName(x.Name())
	p2, _ := m.TensorByName(p.Name())
	got, err := s2.Run(p2, session.Feed{x2: in})
	if err != nil {
		t.Fatal(err)
	}
	if got.(*nd.Array).String() != want.(*nd.Array).String() {
		t.Errorf("imported graph gives %v, the original %v", got, want)
	}
}

// customOp has no TensorFlow form.
type customOp struct{}

func (customOp) Type() string { return "Custom" }

func (customOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}

func TestSaveMetaGraphOptions(t *testing.T) {
	g, sess, _, p := softmaxModel(t)
	dir := t.TempDir()
	saver := train.NewSaver()
	saver.NoMetaGraph = true
	path, err := saver.Save(sess, filepath.Join(dir, "model"), 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".meta"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("NoMetaGraph: %s.meta: %v", path, err)
	}
	graph.NewNode(customOp{}, []*graph.Tensor{p}, graph.Name("custom"))
	path, err = train.NewSaver().Save(sess, filepath.Join(dir, "model"), 2)
	if err == nil || path == "" || !strings.Contains(err.Error(), "cannot export node custom (op Custom)") {
		t.Fatalf("Save = %q, %v; want the path and an export error", path, err)
	}
	if err := train.NewSaver().Restore(session.New(g), path); err != nil {
		t.Errorf("the checkpoint itself: %v", err)
	}
	if err := train.ExportMetaGraph(filepath.Join(dir, "g.meta"), g); err == nil {
		t.Error("ExportMetaGraph of a graph with a custom op: no error")
	}
	g2 := graph.New()
	g2.Placeholder(graph.Float32, graph.Shape{}, graph.Name("my input"))
	if _, err := train.MetaGraphDef(g2); err == nil || !strings.Contains(err.Error(), "cannot export node my input") {
		t.Errorf("a name TensorFlow refuses: %v", err)
	}
}
