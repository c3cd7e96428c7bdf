package main

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// notebookLines is what the notebook printed (OCE-08, commit e49afb2d).
const notebookLines = `
Step: 10, Loss: 97.706993, Accuracy: 0.788889
Step: 20, Loss: 96.378815, Accuracy: 0.822222
Step: 30, Loss: 94.918198, Accuracy: 0.833333
Step: 40, Loss: 93.346489, Accuracy: 0.911111
Step: 50, Loss: 91.696594, Accuracy: 0.922222
Step: 60, Loss: 89.997673, Accuracy: 0.933333
Step: 70, Loss: 88.272461, Accuracy: 0.966667
Step: 80, Loss: 86.562065, Accuracy: 0.988889
Step: 90, Loss: 84.892670, Accuracy: 1.000000
Step: 100, Loss: 83.274239, Accuracy: 1.000000
Step: 110, Loss: 81.711754, Accuracy: 1.000000
Step: 120, Loss: 80.205574, Accuracy: 1.000000
Step: 130, Loss: 78.751511, Accuracy: 1.000000
Step: 140, Loss: 77.344215, Accuracy: 1.000000
Step: 150, Loss: 75.978912, Accuracy: 1.000000
Step: 160, Loss: 74.651871, Accuracy: 1.000000
Step: 170, Loss: 73.360245, Accuracy: 1.000000
Step: 180, Loss: 72.101730, Accuracy: 1.000000
Step: 190, Loss: 70.874496, Accuracy: 1.000000
Step: 200, Loss: 69.676971, Accuracy: 1.000000`

// TestNotebookLectureData runs the notebook's 200 steps on the lecture's
// images. The hidden weights are TF's (graph seed 20160703, op seed 15),
// so the program prints the notebook's lines: every accuracy, all 90
// images classified from step 90 on, and the losses to about 2e-7.
func TestNotebookLectureData(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-data", lecturetest.LectureData(t, "orenist"))
	lecturetest.Steps(t, lines, 10, 200)
	lecturetest.Notebook(t, lines, notebookLines, 1e-5)
	lecturetest.PNG(t, filepath.Join(out, "orenist-classification.png"))
}

// TestNotebook runs the 200 steps on the generated ORENIST-like set,
// which is not the lecture's: the notebook's numbers do not apply, but
// the classifier must learn it.
func TestNotebook(t *testing.T) {
	lines, out := lecturetest.Run(t, run)
	lecturetest.Learns(t, lines, 10, 200)
	lecturetest.PNG(t, filepath.Join(out, "orenist-classification.png"))
}

func TestFewSteps(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "20")
	lecturetest.Steps(t, lines, 10, 20)
	lecturetest.PNG(t, filepath.Join(out, "orenist-classification.png"))
}
