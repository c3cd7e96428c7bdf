package main

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// notebookLines is what the notebook printed (DNE-07, commit 7be3448d).
const notebookLines = `
Step: 100, Loss: 83.176933, Accuracy: 0.508333
Step: 200, Loss: 83.176178, Accuracy: 0.508333
Step: 300, Loss: 83.174591, Accuracy: 0.508333
Step: 400, Loss: 83.171082, Accuracy: 0.500000
Step: 500, Loss: 83.162636, Accuracy: 0.508333
Step: 600, Loss: 83.140877, Accuracy: 0.516667
Step: 700, Loss: 83.075996, Accuracy: 0.541667
Step: 800, Loss: 82.822495, Accuracy: 0.541667
Step: 900, Loss: 81.475693, Accuracy: 0.625000
Step: 1000, Loss: 75.140419, Accuracy: 0.658333
Step: 1100, Loss: 59.051060, Accuracy: 0.866667
Step: 1200, Loss: 46.646378, Accuracy: 0.900000
Step: 1300, Loss: 41.770844, Accuracy: 0.900000
Step: 1400, Loss: 39.639244, Accuracy: 0.900000
Step: 1500, Loss: 38.510742, Accuracy: 0.900000
Step: 1600, Loss: 37.788445, Accuracy: 0.900000
Step: 1700, Loss: 37.159111, Accuracy: 0.900000
Step: 1800, Loss: 36.648502, Accuracy: 0.900000
Step: 1900, Loss: 36.529396, Accuracy: 0.891667
Step: 2000, Loss: 36.352604, Accuracy: 0.891667`

// TestNotebook runs the notebook's 2,000 steps (under a second). The
// hidden weights are TF's (graph seed 20160615, op seeds 4 and 20), so
// the program prints the notebook's lines: every accuracy, and the
// losses to about 1e-6 (float32 rounding in another order).
func TestNotebook(t *testing.T) {
	lines, out := lecturetest.Run(t, run)
	lecturetest.Steps(t, lines, 100, 2000)
	lecturetest.Notebook(t, lines, notebookLines, 1e-5)
	lecturetest.PNG(t, filepath.Join(out, "double-layer.png"))
}

func TestFewSteps(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "200")
	lecturetest.Steps(t, lines, 100, 200)
	lecturetest.PNG(t, filepath.Join(out, "double-layer.png"))
}
