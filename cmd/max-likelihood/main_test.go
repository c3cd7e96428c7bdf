package main

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// TestNotebook runs the notebook's 20,000 steps (a few seconds) and
// compares with what the notebook printed: the same accuracies, the loss
// and weights to 1e-3 (float32 sums in another order drift in the last
// digits).
func TestNotebook(t *testing.T) {
	lines, out := lecturetest.Run(t, run)
	if len(lines) != 11 {
		t.Fatalf("got %d lines, want 10 steps and the weights:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	loss, acc := lecturetest.Steps(t, lines[:10], 2000, 20000)
	if !strings.HasPrefix(lines[9], "Step: 20000, Loss: 3.6230") || !strings.HasSuffix(lines[9], ", Accuracy: 0.942857") {
		t.Errorf("last step line is %q, want Step: 20000, Loss: 3.6230xx, Accuracy: 0.942857", lines[9])
	}
	if math.Abs(loss-3.623064) > 1e-3 || acc != 0.942857 {
		t.Errorf("loss, accuracy = %f, %f; want 3.623064 (±1e-3), 0.942857", loss, acc)
	}

	fields := strings.Fields(lines[10])
	want := []float64{-15.6304, 0.5603, 0.492596}
	if len(fields) != len(want) {
		t.Fatalf("weights line is %q, want three values like %q", lines[10], "-15.6304 0.5603 0.492596")
	}
	for i, f := range fields {
		if digits := strings.TrimLeft(strings.Replace(f, ".", "", 1), "-0"); len(digits) > 6 {
			t.Errorf("w%d printed as %q, more than 6 significant digits", i, f)
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || math.Abs(v-want[i]) > 1e-3 {
			t.Errorf("w%d = %q, want %g (±1e-3)", i, f, want[i])
		}
	}
	lecturetest.PNG(t, filepath.Join(out, "max-likelihood.png"))
}

func TestFewSteps(t *testing.T) {
	for _, steps := range []string{"0", "2000"} {
		lines, out := lecturetest.Run(t, run, "-steps", steps)
		n, _ := strconv.Atoi(steps)
		if len(lines) != n/2000+1 {
			t.Fatalf("-steps %s: got %d lines:\n%s", steps, len(lines), strings.Join(lines, "\n"))
		}
		lecturetest.Steps(t, lines[:n/2000], 2000, n)
		lecturetest.PNG(t, filepath.Join(out, "max-likelihood.png"))
	}
}

func TestPyStr(t *testing.T) {
	for _, c := range []struct {
		v    float32
		want string
	}{
		{-15.6304, "-15.6304"},
		{0.5603, "0.5603"},
		{0.49259624, "0.492596"},
		{0, "0.0"},
		{2, "2.0"},
		{1234567, "1.23457e+06"},
		{0.00001, "1e-05"},
	} {
		if got := pyStr(c.v); got != c.want {
			t.Errorf("pyStr(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
