package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

// TestRestoresInANewProcess trains MDC briefly in a process of its own
// (go run ../mnist-dynamic-filter), then restores its last checkpoint
// here: the restored model must score exactly the accuracy and loss the
// training process printed, and the figures must be drawn.
func TestRestoresInANewProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs mnist-dynamic-filter in a child process")
	}
	ckpt := t.TempDir()
	cmd := exec.Command("go", "run", "../mnist-dynamic-filter", "-steps", "100", "-ckpt", ckpt)
	trained, err := cmd.Output()
	if err != nil {
		t.Fatalf("mnist-dynamic-filter: %v\n%s", err, trained)
	}
	var step int
	var loss, acc float64
	if _, err := fmt.Sscanf(string(trained), "Step: %d, Loss: %f, Accuracy: %f", &step, &loss, &acc); err != nil {
		t.Fatalf("training printed %q: %v", trained, err)
	}

	// -steps 100 names the checkpoint; by default (the notebook's 4000,
	// not there) the program restores the newest, the same one
	want := fmt.Sprintf("Restored mdc_session-100: Loss: %f, Accuracy: %f", loss, acc)
	if got, _ := lecturetest.Run(t, run, "-ckpt", ckpt, "-steps", "100"); len(got) != 1 || got[0] != want {
		t.Errorf("-steps 100: restored model printed\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	got, out := lecturetest.Run(t, run, "-ckpt", ckpt)
	if len(got) != 1 || got[0] != want {
		t.Errorf("restored model printed\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	for _, name := range []string{"conv", "pool", "wrong"} {
		lecturetest.PNG(t, filepath.Join(out, "mnist-dynamic-filter-result-"+name+".png"))
	}
}

func TestNoCheckpoint(t *testing.T) {
	err := run([]string{"-ckpt", t.TempDir()}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "run mnist-dynamic-filter first") {
		t.Errorf("run without a checkpoint: %v", err)
	}
}
