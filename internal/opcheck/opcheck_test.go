package opcheck

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/internal/tfpb"
)

// dataDir holds real TensorFlow files (see its README).
const dataDir = "../../../shared/data/tf"

func registry(t *testing.T) *Registry {
	t.Helper()
	r, err := Load(filepath.Join(dataDir, "op_defs.json"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: the op registry comes from ../shared", dataDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every real .meta and saved_model.pb written by TensorFlow passes.
func TestRealGraphsPass(t *testing.T) {
	r := registry(t)
	for _, p := range []string{"udacity_v2/model.ckpt.meta", "session_bundle_half_plus_two_v1/export.meta", "saved_model_half_plus_two_cpu/saved_model.pb"} {
		b, err := os.ReadFile(filepath.Join(dataDir, p))
		if err != nil {
			t.Fatal(err)
		}
		var metas []*tfpb.MetaGraphDef
		if strings.HasSuffix(p, ".pb") {
			sm, err := tfpb.UnmarshalSavedModel(b)
			if err != nil {
				t.Fatal(err)
			}
			metas = sm.MetaGraphs
		} else {
			m, err := tfpb.UnmarshalMetaGraphDef(b)
			if err != nil {
				t.Fatal(err)
			}
			metas = append(metas, m)
		}
		for _, m := range metas {
			if len(m.GraphDef.Node) == 0 {
				t.Fatalf("%s: no nodes", p)
			}
			for _, err := range r.CheckGraph(m.GraphDef, false) {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
}

func node(op string, inputs []string, attrs map[string]*tfpb.AttrValue) *tfpb.NodeDef {
	return &tfpb.NodeDef{Name: "n", Op: op, Input: inputs, Attr: attrs}
}

func TestCheckNode(t *testing.T) {
	r := registry(t)
	f := tfpb.TypeAttr(tfpb.DTFloat)
	for _, tc := range []struct {
		name string
		n    *tfpb.NodeDef
		want string // "" for a valid node, else part of the error
	}{
		{"matmul", node("MatMul", []string{"a", "b"}, map[string]*tfpb.AttrValue{"T": f, "transpose_a": tfpb.BoolAttr(true)}), ""},
		{"control inputs do not count", node("Identity", []string{"a", "^b"}, map[string]*tfpb.AttrValue{"T": f}), ""},
		{"private attrs are free", node("Identity", []string{"a"}, map[string]*tfpb.AttrValue{"T": f, "_class": tfpb.StringsAttr(nil)}), ""},
		{"unknown op", node("Frobnicate", nil, nil), "not registered"},
		{"missing attr", node("MatMul", []string{"a", "b"}, nil), "missing attr 'T'"},
		{"unknown attr", node("Identity", []string{"a"}, map[string]*tfpb.AttrValue{"T": f, "foo": f}), "attr 'foo' not in Op"},
		{"wrong kind", node("Identity", []string{"a"}, map[string]*tfpb.AttrValue{"T": tfpb.IntAttr(1)}), "want type"},
		{"type not allowed", node("MatMul", []string{"a", "b"}, map[string]*tfpb.AttrValue{"T": tfpb.TypeAttr(tfpb.DTBool)}), "not in the allowed types"},
		{"string not allowed", node("MaxPool", []string{"x"}, map[string]*tfpb.AttrValue{"T": f,
			"ksize": tfpb.IntsAttr([]int64{1, 2, 2, 1}), "strides": tfpb.IntsAttr([]int64{1, 2, 2, 1}), "padding": tfpb.StringAttr("FULL")}), "not in the allowed values"},
		{"too few inputs", node("MatMul", []string{"a"}, map[string]*tfpb.AttrValue{"T": f}), "1 data inputs, the op takes 2"},
		{"data after control", node("MatMul", []string{"a", "^c", "b"}, map[string]*tfpb.AttrValue{"T": f}), "after a control input"},
		{"list by type_list_attr", node("SaveV2", []string{"p", "n", "s", "a", "b"}, map[string]*tfpb.AttrValue{
			"dtypes": tfpb.TypesAttr([]tfpb.DataType{tfpb.DTFloat, tfpb.DTFloat})}), ""},
		{"list too long", node("SaveV2", []string{"p", "n", "s", "a", "b"}, map[string]*tfpb.AttrValue{
			"dtypes": tfpb.TypesAttr([]tfpb.DataType{tfpb.DTFloat})}), "5 data inputs, the op takes 4"},
		{"list under minimum", node("SaveV2", []string{"p", "n", "s"}, map[string]*tfpb.AttrValue{"dtypes": tfpb.TypesAttr(nil)}), "minimum 1"},
		{"number_attr", node("AddN", []string{"a", "b", "c"}, map[string]*tfpb.AttrValue{"T": f, "N": tfpb.IntAttr(3)}), ""},
		{"number_attr mismatch", node("AddN", []string{"a", "b"}, map[string]*tfpb.AttrValue{"T": f, "N": tfpb.IntAttr(3)}), "takes 3"},
		{"int under minimum", node("AddN", []string{}, map[string]*tfpb.AttrValue{"T": f, "N": tfpb.IntAttr(0)}), "below the minimum 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := r.CheckNode(tc.n)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestCheckGraphInputs(t *testing.T) {
	r := registry(t)
	f := tfpb.TypeAttr(tfpb.DTFloat)
	g := &tfpb.GraphDef{Node: []*tfpb.NodeDef{
		{Name: "x", Op: "Placeholder", Attr: map[string]*tfpb.AttrValue{"dtype": f}},
		{Name: "y", Op: "Identity", Input: []string{"x:1"}, Attr: map[string]*tfpb.AttrValue{"T": f}},
		{Name: "z", Op: "Identity", Input: []string{"w"}, Attr: map[string]*tfpb.AttrValue{"T": f}},
		{Name: "z", Op: "NoOp"},
		{Name: "_bad name", Op: "NoOp"},
	}}
	errs := r.CheckGraph(g, true)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{`"x:1": Placeholder has 1 outputs`, `"w": no such node`, "duplicate node name", "node _bad name (op NoOp): Node name contains invalid characters"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
