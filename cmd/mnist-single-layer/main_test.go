package main

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// TestReducedRun trains 200 steps (the full 2,000 are for go run) and
// checks the notebook's format and that the network learns. The hidden
// weights are TF's (graph seed 20160612, op seed 4), so the first line is
// the notebook's: the same accuracy, the loss within 1e-4 (float32 sums
// over the 10,000 test images in another order).
func TestReducedRun(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "200")
	loss, acc := lecturetest.Steps(t, lines, 100, 200)
	lecturetest.Notebook(t, lines, "Step: 100, Loss: 3136.286377, Accuracy: 0.906700", 1e-4)
	if acc < 0.9 || loss <= 0 {
		t.Errorf("after 200 steps: %s (want accuracy ≥ 0.9)", lines[1])
	}
	lecturetest.PNG(t, filepath.Join(out, "mnist-single-layer.png"))
}
