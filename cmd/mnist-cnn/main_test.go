package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// TestReducedRun trains 20 steps, evaluating and saving every 10 (the
// notebook's 20,000 and 500 are for go run): the lines keep the
// notebook's format, the model learns, and the checkpoints are written.
func TestReducedRun(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates the CNN on the 10,000 test images twice")
	}
	ckpt, out := t.TempDir(), t.TempDir()
	var buf bytes.Buffer
	if err := run([]string{"-steps", "20", "-eval-every", "10", "-ckpt", ckpt, "-out", out}, &buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got:\n%s", buf.String())
	}
	var accs [2]float64
	for i, line := range lines {
		var step int
		var loss float64
		if _, err := fmt.Sscanf(line, "Step: %d, Loss: %f, Accuracy: %f", &step, &loss, &accs[i]); err != nil || step != 10*(i+1) {
			t.Fatalf("line %q: %v", line, err)
		}
	}
	if accs[1] < 0.5 || accs[1] <= accs[0]-0.05 {
		t.Errorf("accuracy %v after 10 and 20 steps: not learning", accs)
	}
	for _, name := range []string{"cnn_session-10.index", "cnn_session-20.index", "cnn_session-20.data-00000-of-00001", "cnn_session-20.meta", "checkpoint"} {
		if _, err := os.Stat(filepath.Join(ckpt, name)); err != nil {
			t.Error(err)
		}
	}
	checkMetaGraph(t, filepath.Join(ckpt, "cnn_session-20"), strings.TrimPrefix(lines[1][strings.LastIndex(lines[1], " "):], " "))
	if fi, err := os.Stat(filepath.Join(out, "mnist-cnn.png")); err != nil || fi.Size() == 0 {
		t.Errorf("figure: %v", err)
	}

	// the recognizer's inference-only graph restores the training
	// checkpoint, ignoring its Adam entries
	g := graph.New()
	m := models.NewCNN(g, false)
	sess := session.New(g)
	if err := train.NewSaver().Restore(sess, filepath.Join(ckpt, "cnn_session-20")); err != nil {
		t.Fatalf("restore into the inference graph: %v", err)
	}
	img := make([]float32, 784)
	p, err := sess.Run(m.P, session.Feed{m.X: [][]float32{img}, m.KeepProb: 1.0})
	if err != nil {
		t.Fatal(err)
	}
	if sum := sumOf(session.Arrays(p)[0].Float32s()); sum < 0.999 || sum > 1.001 {
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
