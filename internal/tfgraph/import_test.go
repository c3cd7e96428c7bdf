package tfgraph_test

import (
	"strings"
	"testing"

	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

type attrs = map[string]*tfpb.AttrValue

var f32 = tfpb.TypeAttr(tfpb.DTFloat)

func constNode(name string, a *nd.Array, dt tfpb.DataType) *tfpb.NodeDef {
	v, err := tfpb.EncodeTensorAs(a, dt)
	if err != nil {
		panic(err)
	}
	return &tfpb.NodeDef{Name: name, Op: "Const", Attr: attrs{"dtype": tfpb.TypeAttr(dt), "value": tfpb.TensorAttr(v)}}
}

func run(t *testing.T, im *tfgraph.Imported, fetch string, feeds map[string]any) (*nd.Array, error) {
	t.Helper()
	y, err := im.TensorByName(fetch)
	if err != nil {
		t.Fatal(err)
	}
	feed := session.Feed{}
	for k, v := range feeds {
		x, err := im.TensorByName(k)
		if err != nil {
			t.Fatal(err)
		}
		feed[x] = v
	}
	out, err := session.New(im.Graph).Run(y, feed)
	if err != nil {
		return nil, err
	}
	return out.(*nd.Array), nil
}

// tf.nn.dropout as TF 1.x wrote it: x / keep_prob * floor(keep_prob +
// random_uniform(shape(x))), random_uniform scaled by Mul and Add.
func TestImportTFDropout(t *testing.T) {
	def := &tfpb.GraphDef{Node: []*tfpb.NodeDef{
		{Name: "x", Op: "Placeholder", Attr: attrs{"dtype": f32, "shape": tfpb.ShapeAttr([]int{-1, 4})}},
		{Name: "keep_prob", Op: "Placeholder", Attr: attrs{"dtype": f32}},
		{Name: "dropout/Shape", Op: "Shape", Input: []string{"x"}, Attr: attrs{"T": f32}},
		constNode("dropout/random_uniform/min", nd.Scalar(nd.Float32, 0), tfpb.DTFloat),
		constNode("dropout/random_uniform/max", nd.Scalar(nd.Float32, 1), tfpb.DTFloat),
		{Name: "dropout/random_uniform/RandomUniform", Op: "RandomUniform", Input: []string{"dropout/Shape"},
			Attr: attrs{"T": tfpb.TypeAttr(tfpb.DTInt32), "dtype": f32, "seed": tfpb.IntAttr(0), "seed2": tfpb.IntAttr(0)}},
		{Name: "dropout/random_uniform/sub", Op: "Sub", Input: []string{"dropout/random_uniform/max", "dropout/random_uniform/min"}, Attr: attrs{"T": f32}},
		{Name: "dropout/random_uniform/mul", Op: "Mul", Input: []string{"dropout/random_uniform/RandomUniform", "dropout/random_uniform/sub"}, Attr: attrs{"T": f32}},
		{Name: "dropout/random_uniform", Op: "Add", Input: []string{"dropout/random_uniform/mul", "dropout/random_uniform/min"}, Attr: attrs{"T": f32}},
		{Name: "dropout/add", Op: "Add", Input: []string{"keep_prob", "dropout/random_uniform"}, Attr: attrs{"T": f32}},
		{Name: "dropout/Floor", Op: "Floor", Input: []string{"dropout/add"}, Attr: attrs{"T": f32}},
		{Name: "dropout/div", Op: "RealDiv", Input: []string{"x", "keep_prob"}, Attr: attrs{"T": f32}},
		{Name: "dropout/mul", Op: "Mul", Input: []string{"dropout/div", "dropout/Floor"}, Attr: attrs{"T": f32}},
	}}
	im, err := tfgraph.Import(def)
	if err != nil {
		t.Fatal(err)
	}
	x := [][]float32{{1, 2, 3, 4}}
	got, err := run(t, im, "dropout/mul:0", map[string]any{"x:0": x, "keep_prob:0": 1.0})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[[1. 2. 3. 4.]]"; got.String() != want {
		t.Errorf("keep_prob 1: %v, want %v", got, want)
	}
	got, err = run(t, im, "dropout/mul:0", map[string]any{"x:0": x, "keep_prob:0": 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got.Float32s() {
		if v != 0 && v != 2*x[0][i] {
			t.Errorf("keep_prob 0.5: element %d is %v, want 0 or %v", i, v, 2*x[0][i])
		}
	}
}

func TestImportUnsupported(t *testing.T) {
	i32 := tfpb.TypeAttr(tfpb.DTInt32)
	def := &tfpb.GraphDef{Node: []*tfpb.NodeDef{
		{Name: "x", Op: "Placeholder", Attr: attrs{"dtype": f32, "shape": tfpb.ShapeAttr([]int{2, 3})}},
		constNode("axes", nd.FromInt64s([]int64{1}, 1), tfpb.DTInt32),
		{Name: "kept", Op: "Sum", Input: []string{"x", "axes"}, Attr: attrs{"T": f32, "Tidx": i32, "keep_dims": tfpb.BoolAttr(true)}},
		{Name: "sum", Op: "Sum", Input: []string{"x", "axes"}, Attr: attrs{"T": f32, "Tidx": i32}},
		{Name: "n", Op: "Rank", Input: []string{"x"}, Attr: attrs{"T": f32}},
		{Name: "twice", Op: "Mul", Input: []string{"n", "n"}, Attr: attrs{"T": i32}},
		{Name: "id", Op: "Identity", Input: []string{"sum:1"}, Attr: attrs{"T": f32}},
		// a cycle, as a while loop makes one
		{Name: "loop/Merge", Op: "Merge", Input: []string{"x", "loop/Next"}, Attr: attrs{"T": f32, "N": tfpb.IntAttr(2)}},
		{Name: "loop/Next", Op: "NextIteration", Input: []string{"loop/Merge"}, Attr: attrs{"T": f32}},
		{Name: "after", Op: "Relu", Input: []string{"loop/Next"}, Attr: attrs{"T": f32}},
	}}
	im, err := tfgraph.Import(def)
	if err != nil {
		t.Fatal(err)
	}
	x := [][]float32{{1, 2, 3}, {4, 5, 6}}
	if got, err := run(t, im, "sum:0", map[string]any{"x:0": x}); err != nil || got.String() != "[ 6. 15.]" {
		t.Errorf("sum = %v, %v", got, err)
	}
	for fetch, want := range map[string]string{
		"kept:0":  "op Sum (node kept): tf1go's reductions have no keep_dims",
		"twice:0": "op Mul (node twice): tf1go does not compute Mul with T int32",
		"id:0":    "tf1go's Sum has one output, not 2",
		"after:0": "op NextIteration (node loop/Next)",
		"n:0":     "op Rank (node n): tf1go has no such op",
	} {
		_, err := run(t, im, fetch, map[string]any{"x:0": x})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", fetch, err, want)
		}
	}
	if _, err := im.TensorByName("nope:0"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("nope:0: %v", err)
	}
	if _, err := tfgraph.Import(&tfpb.GraphDef{Node: []*tfpb.NodeDef{{Name: "y", Op: "Relu", Input: []string{"missing"}, Attr: attrs{"T": f32}}}}); err == nil {
		t.Error("an input that is no node: no error")
	}
}
