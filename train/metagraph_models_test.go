package train_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opcheck"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/train"
)

// Every lecture model's graph, training op included, exports as nodes
// TensorFlow's registry accepts in every version kept, and imports back
// with every variable and no build error.
func TestLectureModelsExport(t *testing.T) {
	r, err := opcheck.Load("../../shared/data/tf/op_defs.json")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("../shared is absent: the op registry comes from ../shared/data/tf")
	}
	if err != nil {
		t.Fatal(err)
	}
	for name, build := range map[string]func(*graph.Graph){
		"LogisticRegression": func(g *graph.Graph) { models.LogisticRegression(g) },
		"Softmax":            func(g *graph.Graph) { models.Softmax(g) },
		"SingleLayer":        func(g *graph.Graph) { models.SingleLayer(g, 1024) },
		"MDC":                func(g *graph.Graph) { models.NewMDC(g) },
		"CNN":                func(g *graph.Graph) { models.NewCNN(g, true) },
		"CNN inference":      func(g *graph.Graph) { models.NewCNN(g, false) },
	} {
		t.Run(name, func(t *testing.T) {
			g := graph.New()
			build(g)
			g.GlobalVariablesInitializer()
			b, err := train.MetaGraphDef(g)
			if err != nil {
				t.Fatal(err)
			}
			meta, err := tfpb.UnmarshalMetaGraphDef(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, err := range r.CheckGraph(meta.GraphDef, true) {
				t.Error(err)
			}
			im, err := train.ImportMetaGraph(writeTemp(t, b))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(im.Variables()), len(g.GlobalVariables()); got != want {
				t.Errorf("%d variables imported, want %d", got, want)
			}
		})
	}
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "graph.meta")
	if err := os.WriteFile(path, b, 0o666); err != nil {
		t.Fatal(err)
	}
	return path
}
