package tfgraph_test

import (
	"os"
	"testing"

	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
)

// FuzzImport: any bytes decode to a GraphDef or an error, and any GraphDef
// imports or fails, without a panic.
func FuzzImport(f *testing.F) {
	for _, p := range []string{"udacity_v2/model.ckpt.meta", "session_bundle_half_plus_two_v1/export.meta"} {
		b, err := os.ReadFile("../../train/testdata/tf/" + p)
		if err != nil {
			f.Fatal(err)
		}
		m, err := tfpb.UnmarshalMetaGraphDef(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(m.GraphDef.Marshal())
	}
	g, _, _, _ := model()
	ex, err := tfgraph.ExportGraph(g)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ex.Def.Marshal())
	f.Fuzz(func(t *testing.T, b []byte) {
		def, err := tfpb.UnmarshalGraphDef(b)
		if err != nil {
			return
		}
		tfgraph.Import(def)
	})
}
