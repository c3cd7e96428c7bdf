package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// TestReducedRun trains 200 steps (the notebook's 4,000 are for go run),
// checks the printed lines and the checkpoints: one per 100 steps and a
// state file naming the newest.
func TestReducedRun(t *testing.T) {
	dir := t.TempDir()
	lines, _ := lecturetest.Run(t, run, "-steps", "200", "-ckpt", dir)
	_, acc := lecturetest.Steps(t, lines, 100, 200)
	// the filters and hidden weights are TF's (graph seed 20160703, op
	// seeds 6 and 19): the first line is the notebook's
	lecturetest.Notebook(t, lines, "Step: 100, Loss: 2726.630615, Accuracy: 0.917900", 1e-4)
	if acc < 0.9 {
		t.Errorf("after 200 steps: %s (want accuracy ≥ 0.9)", lines[1])
	}
	for _, name := range []string{"mdc_session-100", "mdc_session-200"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("checkpoint %s: %v", name, err)
		}
	}
	state, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil || !strings.Contains(string(state), `model_checkpoint_path: "mdc_session-200"`) {
		t.Errorf("checkpoint state file: %v\n%s", err, state)
	}
}
