package main

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// TestFewSteps runs the first 20,000 of the notebook's 200,000 steps: the
// weights start at zero, so the losses follow the notebook's
// (31.014391, 29.295158) closely.
func TestFewSteps(t *testing.T) {
	lines, out := lecturetest.Run(t, run, "-steps", "20000")
	if len(lines) != 7 {
		t.Fatalf("got %d lines, want 2 steps and 5 weight rows:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	step := regexp.MustCompile(`^Step: (\d+), Loss: (\d+\.\d{6})$`)
	for i, want := range []float64{31.014391, 29.295158} {
		m := step.FindStringSubmatch(lines[i])
		if m == nil || m[1] != strconv.Itoa((i+1)*10000) {
			t.Fatalf("line %d is %q, want Step: %d, Loss: %%f", i+1, lines[i], (i+1)*10000)
		}
		if loss, _ := strconv.ParseFloat(m[2], 64); math.Abs(loss-want) > 0.01 {
			t.Errorf("loss at step %s = %s, want %f (±0.01)", m[1], m[2], want)
		}
	}
	row := regexp.MustCompile(`^(\[| )\[([ -]\d\.\d+ *)\]\]?$`)
	width := 0
	for i, l := range lines[2:] {
		m := row.FindStringSubmatch(l)
		if m == nil || (width != 0 && len(m[2]) != width) {
			t.Errorf("weight row %d is %q, want numpy's column format", i, l)
			continue
		}
		width = len(m[2])
	}
	lecturetest.PNG(t, filepath.Join(out, "least-squares.png"))
}

// TestNumpyColumn prints the notebook's weights as the notebook did.
func TestNumpyColumn(t *testing.T) {
	for _, c := range []struct {
		w    []float32
		want string
	}{
		{[]float32{6.10566282, -4.04159737, 2.51030278, -0.2817387, 0.00828196},
			"[[ 6.10566282]\n [-4.04159737]\n [ 2.51030278]\n [-0.2817387 ]\n [ 0.00828196]]"},
		{[]float32{0, 0}, "[[ 0.]\n [ 0.]]"},
		{[]float32{0.5, -1.25}, "[[ 0.5 ]\n [-1.25]]"},
		{[]float32{12.5, 0.001}, "[[  1.25000000e+01]\n [  1.00000005e-03]]"},
	} {
		if got := numpyColumn(c.w); got != c.want {
			t.Errorf("numpyColumn(%v) =\n%s\nwant\n%s", c.w, got, c.want)
		}
	}
}
