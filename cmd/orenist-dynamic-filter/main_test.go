package main

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// notebook runs the notebook's 200 steps and checks its claim: from step
// 120 on, the notebook classified all 90 images (Accuracy: 1.000000).
func notebook(t *testing.T, args ...string) {
	lines, out := lecturetest.Run(t, run, args...)
	if _, acc := lecturetest.Steps(t, lines, 10, 200); acc != 1 {
		t.Errorf("after 200 steps: %s, want Accuracy: 1.000000 as in the notebook", lines[len(lines)-1])
	}
	figures(t, out)
}

func figures(t *testing.T, out string) {
	t.Helper()
	lecturetest.PNG(t, filepath.Join(out, "orenist-dynamic-filter-conv.png"))
	lecturetest.PNG(t, filepath.Join(out, "orenist-dynamic-filter-pool.png"))
}

func TestNotebook(t *testing.T) { notebook(t) }

func TestNotebookLectureData(t *testing.T) {
	notebook(t, "-data", lecturetest.LectureData(t, "orenist"))
}

func TestFewSteps(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "20")
	lecturetest.Steps(t, lines, 10, 20)
	figures(t, out)
}
