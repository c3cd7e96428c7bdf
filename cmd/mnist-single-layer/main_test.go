package main

import (
	"io"
	"path/filepath"
	"strings"
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

// TestUnitsFlag runs slide 79's exercise briefly: 128 hidden units print
// the notebook's lines and learn; no units is an error.
func TestUnitsFlag(t *testing.T) {
	lines, _ := lecturetest.Run(t, run, "-units", "128", "-steps", "100")
	if _, acc := lecturetest.Steps(t, lines, 100, 100); acc < 0.8 {
		t.Errorf("-units 128: %s (want accuracy ≥ 0.8)", lines[0])
	}
	if err := run([]string{"-units", "0", "-out", t.TempDir()}, io.Discard); err == nil || !strings.Contains(err.Error(), "-units") {
		t.Errorf("-units 0: %v, want an error naming -units", err)
	}
}
