package main

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// TestNotebook runs the notebook's 1,000 steps (under a second). The
// hidden weights come from this engine's generator, not TensorFlow's, so
// the numbers differ from the notebook's (0.953846 at the end); the model
// must still find the corner.
func TestNotebook(t *testing.T) {
	lines, out := lecturetest.Run(t, run)
	if _, acc := lecturetest.Steps(t, lines, 100, 1000); acc < 0.9 {
		t.Errorf("final accuracy %f, want at least 0.9", acc)
	}
	lecturetest.PNG(t, filepath.Join(out, "single-layer.png"))
}

func TestFewSteps(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "200")
	lecturetest.Steps(t, lines, 100, 200)
	lecturetest.PNG(t, filepath.Join(out, "single-layer.png"))
}
