package main

import (
	"bytes"
	"fmt"
	"os"
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
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-steps", "200", "-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got:\n%s", out.String())
	}
	lecturetest.Notebook(t, lines, "Step: 100, Loss: 3136.286377, Accuracy: 0.906700", 1e-4)
	var step int
	var loss, acc float64
	if _, err := fmt.Sscanf(lines[1], "Step: %d, Loss: %f, Accuracy: %f", &step, &loss, &acc); err != nil {
		t.Fatalf("line %q: %v", lines[1], err)
	}
	if step != 200 || acc < 0.9 || loss <= 0 {
		t.Errorf("after 200 steps: %s (want accuracy ≥ 0.9)", lines[1])
	}
	if fi, err := os.Stat(filepath.Join(dir, "mnist-single-layer.png")); err != nil || fi.Size() == 0 {
		t.Errorf("figure not written: %v", err)
	}
}
