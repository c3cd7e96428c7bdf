package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opcheck"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// checkMetaGraph checks the graph the run saved beside checkpoint ckpt:
// every node is valid for TensorFlow's op registry, and the graph imported
// back and restored from the checkpoint gives the accuracy the run
// printed, acc.
func checkMetaGraph(t *testing.T, ckpt string, acc string) {
	t.Helper()
	b, err := os.ReadFile(ckpt + ".meta")
	if err != nil {
		t.Fatal(err)
	}
	if r, err := opcheck.Load(filepath.Join("../../../shared/data/tf", "op_defs.json")); errors.Is(err, fs.ErrNotExist) {
		t.Log("../shared is absent: the .meta is not checked against TensorFlow's op registry")
	} else if err != nil {
		t.Fatal(err)
	} else {
		meta, err := tfpb.UnmarshalMetaGraphDef(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, err := range r.CheckGraph(meta.GraphDef, true) {
			t.Error(err)
		}
		if meta.SaverDef == nil || len(meta.Collections["trainable_variables"].BytesList) != 8 || len(meta.Collections["variables"].BytesList) != 8+2*8+2 {
			t.Errorf("SaverDef %v, collections %v", meta.SaverDef, meta.Collections)
		}
	}

	m, err := train.ImportMetaGraph(ckpt + ".meta")
	if err != nil {
		t.Fatal(err)
	}
	sess := session.New(m.Graph)
	if err := m.Restore(sess, ckpt); err != nil {
		t.Fatal(err)
	}
	// the program's tensors, by the names the same build gives them
	ref := models.NewCNN(graph.New(), true)
	tensor := func(name string) *graph.Tensor {
		x, err := m.TensorByName(name)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	x, tt, keep, accuracy := tensor(ref.X.Name()), tensor(ref.T.Name()), tensor(ref.KeepProb.Name()), tensor(ref.Accuracy.Name())
	data, err := mnist.ReadDataSets("")
	if err != nil {
		t.Fatal(err)
	}
	images, labels := data.Test.Images(), data.Test.Labels()
	var sum float32
	for c := 0; c < 4; c++ {
		v, err := session.Scalars(sess.RunTensors(session.Feed{x: images.Rows(2500*c, 2500*(c+1)), tt: labels.Rows(2500*c, 2500*(c+1)), keep: 1.0}, accuracy))
		if err != nil {
			t.Fatal(err)
		}
		sum += float32(v[0])
	}
	if got := fmt.Sprintf("%f", sum/4); got != acc {
		t.Errorf("imported graph's accuracy %s, the run printed %s", got, acc)
	}
}
