// Package lecturetest runs a lecture program's run function in a test and
// checks what it leaves behind: the lines it printed and its figures.
package lecturetest

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Run calls run(args, w) with "-out" set to a fresh temporary directory
// and returns the printed lines and that directory. An error fails t.
func Run(t testing.TB, run func([]string, io.Writer) error, args ...string) (lines []string, out string) {
	t.Helper()
	out = t.TempDir()
	var buf bytes.Buffer
	if err := run(append(args, "-out", out), &buf); err != nil {
		t.Fatalf("run(%q): %v\noutput:\n%s", args, err, buf.String())
	}
	text := strings.TrimSuffix(buf.String(), "\n")
	if text == "" {
		return nil, out
	}
	return strings.Split(text, "\n"), out
}

// PNG checks that path holds a PNG image at least 100 pixels on each side.
func PNG(t testing.TB, path string) {
	t.Helper()
	if w, h := PNGSize(t, path); w < 100 || h < 100 {
		t.Errorf("figure %s is %dx%d pixels, want at least 100x100", path, w, h)
	}
}

// PNGSize returns the size of the PNG image in path; a file that is not
// there or not a PNG fails t.
func PNGSize(t testing.TB, path string) (w, h int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("figure: %v", err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("figure %s: %v", path, err)
	}
	return cfg.Width, cfg.Height
}

// StepLine matches the lecture's progress line
// "Step: %d, Loss: %f, Accuracy: %f".
var StepLine = regexp.MustCompile(`^Step: (\d+), Loss: (-?\d+\.\d{6}), Accuracy: (\d\.\d{6})$`)

// Steps checks that lines are exactly the lecture's progress lines for
// steps every, 2*every, ..., last, and returns the loss and accuracy of
// the last one.
func Steps(t testing.TB, lines []string, every, last int) (loss, accuracy float64) {
	t.Helper()
	if len(lines) != last/every {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), last/every, strings.Join(lines, "\n"))
	}
	for i, line := range lines {
		m := StepLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line %d is %q, want %q", i+1, line, "Step: %d, Loss: %f, Accuracy: %f")
		}
		if want := fmt.Sprint((i + 1) * every); m[1] != want {
			t.Errorf("line %d is for step %s, want %s", i+1, m[1], want)
		}
		loss, _ = strconv.ParseFloat(m[2], 64)
		accuracy, _ = strconv.ParseFloat(m[3], 64)
	}
	return loss, accuracy
}

// Learns checks that lines are the progress lines for steps every, ...,
// last and that the model learned the set perfectly: the last line shows
// Accuracy: 1.000000 and a loss down by at least a quarter from the
// first line's.
func Learns(t testing.TB, lines []string, every, last int) {
	t.Helper()
	first, _ := Steps(t, lines[:min(1, len(lines))], every, every)
	if loss, acc := Steps(t, lines, every, last); acc != 1 || loss > 0.75*first {
		t.Errorf("after %d steps: %s, want Accuracy: 1.000000 and the loss down by a quarter from %f", last, lines[len(lines)-1], first)
	}
}

// Notebook checks a program's progress lines against lines the notebook
// printed (pasted as they appear, one per line; a subset of the steps
// will do): for each notebook line, the program's line for the same step
// must show the same accuracy, to its six printed digits, and a loss
// within lossTol of the notebook's, relatively (math.Inf(1): accuracy
// only). Steps listed in
// accuracyAside are exempt from the accuracy check: there the notebook's
// model had images on a decision boundary, where float32 rounding in
// another order moves one to the other side.
func Notebook(t testing.TB, lines []string, notebook string, lossTol float64, accuracyAside ...int) {
	t.Helper()
	got := map[string][]string{}
	for _, line := range lines {
		if m := StepLine.FindStringSubmatch(line); m != nil {
			got[m[1]] = m
		}
	}
	for _, want := range strings.Split(strings.TrimSpace(notebook), "\n") {
		w := StepLine.FindStringSubmatch(strings.TrimSpace(want))
		if w == nil {
			t.Fatalf("notebook line %q is not a progress line", want)
		}
		g := got[w[1]]
		if g == nil {
			t.Errorf("no line for step %s; the notebook printed %q", w[1], want)
			continue
		}
		step, _ := strconv.Atoi(w[1])
		if g[3] != w[3] && !slices.Contains(accuracyAside, step) {
			t.Errorf("step %s: accuracy %s, the notebook's %s", w[1], g[3], w[3])
		}
		gl, _ := strconv.ParseFloat(g[2], 64)
		wl, _ := strconv.ParseFloat(w[2], 64)
		if math.Abs(gl-wl) > lossTol*math.Abs(wl) {
			t.Errorf("step %s: loss %s, the notebook's %s (relative difference %.1e, want at most %.0e)", w[1], g[2], w[2], math.Abs(gl-wl)/math.Abs(wl), lossTol)
		}
	}
}
