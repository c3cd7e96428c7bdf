package train_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// A model saved by TensorFlow 1.1 (a .meta and its V2 checkpoint), rebuilt
// and restored: tf.train.import_meta_graph and saver.restore.
func ExampleImportMetaGraph() {
	m, err := train.ImportMetaGraph("testdata/tf/udacity_v2/model.ckpt.meta")
	if err != nil {
		panic(err)
	}
	sess := session.New(m.Graph)
	if err := m.Restore(sess, "testdata/tf/udacity_v2/model.ckpt"); err != nil {
		panic(err)
	}
	bias, _ := m.TensorByName("bias_0/read:0")
	v, _ := sess.Run(bias, nil)
	fmt.Println(v)
	// Output: [-0.50538915  0.34474477 -1.5139692 ]
}

// TensorFlow Serving's half_plus_two SavedModel: feeding x:0 leaves out
// the ParseExample op that would parse it from tf.Example protos.
func ExampleLoadSavedModel() {
	sm, err := train.LoadSavedModel("testdata/tf/saved_model_half_plus_two_cpu")
	if err != nil {
		panic(err)
	}
	sig := sm.Signatures["serving_default"]
	x, _ := sm.TensorByName(sig.Inputs["x"].Name)
	y, _ := sm.TensorByName(sig.Outputs["y"].Name)
	v, _ := sm.Session.Run(y, session.Feed{x: [][]float32{{1}, {2}, {5}}})
	fmt.Println(v)
	// Output:
	// [[2.5]
	//  [3. ]
	//  [4.5]]
}

// Writing a graph as TensorFlow's MetaGraphDef, the .meta file that
// tf.train.import_meta_graph reads, and reading it back.
func ExampleExportMetaGraph() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	w := g.Variable(ops.Constant([][]float64{{1}, {2}}), graph.Name("w"))
	ops.Identity(ops.MatMul(x, w), graph.Name("y"))
	dir, _ := os.MkdirTemp("", "meta")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.meta")
	if err := train.ExportMetaGraph(path, g); err != nil {
		panic(err)
	}

	m, err := train.ImportMetaGraph(path)
	if err != nil {
		panic(err)
	}
	sess := session.New(m.Graph)
	sess.Run(m.NodeByName("w/Assign"), nil) // w's initializer
	x2, _ := m.TensorByName("x:0")
	y2, _ := m.TensorByName("y:0")
	v, _ := sess.Run(y2, session.Feed{x2: [][]float32{{3, 4}}})
	fmt.Println(v)
	// Output: [[11.]]
}
