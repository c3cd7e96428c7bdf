package train_test

import (
	"errors"
	"github.com/tf1go/tf1go/internal/opcheck"
	"github.com/tf1go/tf1go/internal/tfpb"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func fetch(t *testing.T, m *train.MetaGraph, sess *session.Session, name string, feeds map[string]any) *nd.Array {
	t.Helper()
	y, err := m.TensorByName(name)
	if err != nil {
		t.Fatal(err)
	}
	feed := session.Feed{}
	for k, v := range feeds {
		x, err := m.TensorByName(k)
		if err != nil {
			t.Fatal(err)
		}
		feed[x] = v
	}
	out, err := sess.Run(y, feed)
	if err != nil {
		t.Fatal(err)
	}
	return out.(*nd.Array)
}

func TestImportMetaGraphUdacity(t *testing.T) {
	dir := "testdata/tf/udacity_v2"
	m, err := train.ImportMetaGraph(filepath.Join(dir, "model.ckpt.meta"))
	if err != nil {
		t.Fatal(err)
	}
	sess := session.New(m.Graph)
	if err := m.Restore(sess, filepath.Join(dir, "model.ckpt")); err != nil {
		t.Fatal(err)
	}
	got := fetch(t, m, sess, "bias_0/read:0", nil).Float32s()
	want := []float32{-0.505389154, 0.344744772, -1.51396918}
	if !slices.Equal(got, want) {
		t.Errorf("bias_0/read:0 = %v, want %v", got, want)
	}
	// the initializer the graph holds runs too: tf.truncated_normal's ops
	if _, err := sess.Run(m.NodeByName("init"), nil); err != nil {
		t.Fatal(err)
	}
	if w := fetch(t, m, sess, "weights_0:0", nil); len(w.Shape()) != 2 || w.Dim(1) != 3 {
		t.Errorf("weights_0 after init: shape %v", w.Shape())
	}
}

func TestImportMetaGraphV1(t *testing.T) {
	dir := "testdata/tf/session_bundle_half_plus_two_v1"
	m, err := train.ImportMetaGraph(filepath.Join(dir, "export.meta"))
	if err != nil {
		t.Fatal(err)
	}
	sess := session.New(m.Graph)
	if err := m.Restore(sess, filepath.Join(dir, "export-00000-of-00001")); err != nil {
		t.Fatal(err)
	}
	got := fetch(t, m, sess, "y:0", map[string]any{"x:0": [][]float32{{1}, {2}, {5}}}).Float32s()
	if want := []float32{2.5, 3, 4.5}; !slices.Equal(got, want) {
		t.Errorf("y = %v, want %v", got, want)
	}
}

func TestLoadSavedModel(t *testing.T) {
	sm, err := train.LoadSavedModel("testdata/tf/saved_model_half_plus_two_cpu")
	if err != nil {
		t.Fatal(err)
	}
	sig := sm.Signatures["serving_default"]
	if sig == nil || sig.Inputs["x"].Name != "x:0" || sig.Outputs["y"].Name != "y:0" || sig.Inputs["x"].DType != "float" {
		t.Fatalf("serving_default = %+v", sig)
	}
	// the graph's own lookup finds the imported tensors too
	y1, err1 := sm.TensorByName("y:0")
	y2, err2 := sm.Graph.TensorByName("y:0")
	if err1 != nil || err2 != nil || y1 != y2 {
		t.Errorf("y:0: %v, %v; %v, %v", y1, err1, y2, err2)
	}
	got := fetch(t, sm.MetaGraph, sm.Session, "y:0", map[string]any{"x:0": [][]float32{{1}, {2}, {5}}})
	if want := []float32{2.5, 3, 4.5}; !slices.Equal(got.Float32s(), want) || got.Dim(0) != 3 || got.Dim(1) != 1 {
		t.Errorf("y = %v, want [[2.5] [3] [4.5]]", got)
	}
	y3 := fetch(t, sm.MetaGraph, sm.Session, "y3:0", map[string]any{"x2:0": [][]float32{{2}}}).Float32s()
	if want := []float32{0.5*2 + 3}; !slices.Equal(y3, want) {
		t.Errorf("y3 = %v, want %v", y3, want)
	}
	if _, err := train.LoadSavedModel("testdata/tf/saved_model_half_plus_two_cpu", "train"); err == nil || !strings.Contains(err.Error(), "could not be found") {
		t.Errorf("tags train: got %v", err)
	}
}

// Without x fed, y needs ParseExample, which tf1go lacks: the error names
// the op and the node.
func TestUnsupportedOpOnThePath(t *testing.T) {
	sm, err := train.LoadSavedModel("testdata/tf/saved_model_half_plus_two_cpu")
	if err != nil {
		t.Fatal(err)
	}
	y, _ := sm.TensorByName("y:0")
	ex, _ := sm.TensorByName("tf_example:0")
	_, err = sm.Session.Run(y, session.Feed{ex: []float32{0}})
	if err == nil || !strings.Contains(err.Error(), "ParseExample") || !strings.Contains(err.Error(), "ParseExample/ParseExample") {
		t.Errorf("got %v, want an error naming ParseExample and its node", err)
	}
	if _, err := sm.TensorByName("nope:0"); err == nil {
		t.Error("nope:0: no error")
	}
}

// TensorFlow's graphs go back out as they came in: the nodes tf1go does
// not compute as TF wrote them, the others as tf1go writes its own. The
// graph written passes TensorFlow's registry, imports again, restores
// from the same checkpoint and computes the same values.
func TestImportedGraphsWriteBack(t *testing.T) {
	r, err := opcheck.Load("../../shared/data/tf/op_defs.json")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		meta, ckpt    string
		fetch, feed   string
		want          []float32
		savedModelDir string
	}{
		{meta: "udacity_v2/model.ckpt.meta", ckpt: "udacity_v2/model.ckpt", fetch: "bias_0/read:0", want: []float32{-0.505389154, 0.344744772, -1.51396918}},
		{meta: "session_bundle_half_plus_two_v1/export.meta", ckpt: "session_bundle_half_plus_two_v1/export-00000-of-00001", fetch: "y:0", feed: "x:0", want: []float32{2.5, 3, 4.5}},
		{savedModelDir: "saved_model_half_plus_two_cpu", ckpt: "saved_model_half_plus_two_cpu/variables/variables", fetch: "y:0", feed: "x:0", want: []float32{2.5, 3, 4.5}},
	} {
		name := tc.meta + tc.savedModelDir
		var m *train.MetaGraph
		if tc.savedModelDir != "" {
			sm, err := train.LoadSavedModel("testdata/tf/" + tc.savedModelDir)
			if err != nil {
				t.Fatal(err)
			}
			m = sm.MetaGraph
		} else if m, err = train.ImportMetaGraph("testdata/tf/" + tc.meta); err != nil {
			t.Fatal(err)
		}
		b, err := train.MetaGraphDef(m.Graph)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r != nil {
			def, err := tfpb.UnmarshalMetaGraphDef(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, err := range r.CheckGraph(def.GraphDef, false) {
				t.Errorf("%s: %v", name, err)
			}
		}
		again, err := train.ImportMetaGraph(writeTemp(t, b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sess := session.New(again.Graph)
		if err := again.Restore(sess, "testdata/tf/"+tc.ckpt); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		feeds := map[string]any{}
		if tc.feed != "" {
			feeds[tc.feed] = [][]float32{{1}, {2}, {5}}
		}
		if got := fetch(t, again, sess, tc.fetch, feeds).Float32s(); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %s = %v, want %v", name, tc.fetch, got, tc.want)
		}
	}
}
