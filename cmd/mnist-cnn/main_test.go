package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// TestReducedRun trains 20 steps, evaluating and saving every 10 (the
// notebook's 20,000 and 500 are for go run): the lines keep the
// notebook's format, the model learns, and the checkpoints are written
// in TensorFlow's V2 format.
func TestReducedRun(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates the CNN on the 10,000 test images twice")
	}
	ckpt := t.TempDir()
	lines, out := lecturetest.Run(t, run, "-steps", "20", "-eval-every", "10", "-ckpt", ckpt)
	_, first := lecturetest.Steps(t, lines[:1], 10, 10)
	if _, last := lecturetest.Steps(t, lines, 10, 20); last < 0.5 || last <= first-0.05 {
		t.Errorf("accuracy %v after 10 and %v after 20 steps: not learning", first, last)
	}
	// TensorFlow's V2 bundles (an index and one data shard per step) and
	// the graph as TensorFlow's .meta beside each
	for _, name := range []string{"cnn_session-10.index", "cnn_session-10.data-00000-of-00001",
		"cnn_session-20.index", "cnn_session-20.data-00000-of-00001", "cnn_session-20.meta", "checkpoint"} {
		if _, err := os.Stat(filepath.Join(ckpt, name)); err != nil {
			t.Error(err)
		}
	}
	checkMetaGraph(t, filepath.Join(ckpt, "cnn_session-20"), strings.TrimPrefix(lines[1][strings.LastIndex(lines[1], " "):], " "))
	lecturetest.PNG(t, filepath.Join(out, "mnist-cnn.png"))

	// the recognizer's inference-only graph restores the training
	// checkpoint, ignoring its Adam entries
	g := graph.New()
	m := models.NewCNN(g, false)
	sess := session.New(g)
	if err := train.NewSaver().Restore(sess, filepath.Join(ckpt, "cnn_session-20")); err != nil {
		t.Fatalf("restore into the inference graph: %v", err)
	}
	img := make([]float32, 784)
	p, err := sess.RunTensors(session.Feed{m.X: [][]float32{img}, m.KeepProb: 1.0}, m.P)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sumOf(p[0].Float32s()); sum < 0.999 || sum > 1.001 {
		t.Errorf("restored model's probabilities sum to %v", sum)
	}
}

func sumOf(v []float32) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x)
	}
	return s
}
