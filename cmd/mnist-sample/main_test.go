package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

func TestPrintsFirstImageAndLabel(t *testing.T) {
	lines, out := lecturetest.Run(t, run)
	s := strings.Join(lines, "\n")
	// the first training image has the pixel byte 97 → 0.38039219, and label 7
	if !strings.Contains(s, "0.38039219") {
		t.Errorf("image print lacks 0.38039219:\n%s", s)
	}
	if got, want := lines[len(lines)-1], "[ 0.  0.  0.  0.  0.  0.  0.  1.  0.  0.]"; got != want {
		t.Errorf("label line %q, want %q", got, want)
	}
	if !strings.HasPrefix(lines[0], "[ 0.          0.") {
		t.Errorf("image print starts %q", lines[0])
	}
	lecturetest.PNG(t, filepath.Join(out, "mnist-sample.png"))
}
