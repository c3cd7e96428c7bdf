package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

var accLine = regexp.MustCompile(`^Step: (\d+), Train accuracy: (\d\.\d{6}), Test accuracy: (\d\.\d{6})$`)

// TestNotebook runs the notebook's 2,500 steps: its figure shows the
// training accuracy ending near 0.90 and the test accuracy near 0.87.
func TestNotebook(t *testing.T) {
	lines, out := lecturetest.Run(t, run)
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		m := accLine.FindStringSubmatch(l)
		if m == nil || m[1] != strconv.Itoa((i+1)*500) {
			t.Fatalf("line %d is %q, want Step: %d, Train accuracy: %%f, Test accuracy: %%f", i+1, l, (i+1)*500)
		}
	}
	m := accLine.FindStringSubmatch(lines[4])
	train, _ := strconv.ParseFloat(m[2], 64)
	test, _ := strconv.ParseFloat(m[3], 64)
	if train < 0.88 || train > 0.92 || test < 0.85 || test > 0.89 {
		t.Errorf("final train, test accuracy = %.6f, %.6f; want about 0.90, 0.87", train, test)
	}
	lecturetest.PNG(t, filepath.Join(out, "train-test-accuracy.png"))
}

// TestFewSteps checks that a run shorter than the printing interval still
// prints its last step.
func TestFewSteps(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "120")
	if len(lines) != 1 || !accLine.MatchString(lines[0]) || !strings.HasPrefix(lines[0], "Step: 120,") {
		t.Fatalf("got %q, want one line for step 120", lines)
	}
	lecturetest.PNG(t, filepath.Join(out, "train-test-accuracy.png"))
}
