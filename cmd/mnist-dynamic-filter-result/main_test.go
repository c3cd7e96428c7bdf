package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoresInANewProcess trains MDC briefly in a process of its own
// (go run ../mnist-dynamic-filter), then restores its last checkpoint
// here: the restored model must score exactly the accuracy and loss the
// training process printed, and the figures must be drawn.
func TestRestoresInANewProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs mnist-dynamic-filter in a child process")
	}
	ckpt, out := t.TempDir(), t.TempDir()
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

	var got bytes.Buffer
	if err := run([]string{"-ckpt", ckpt, "-out", out}, &got); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Restored mdc_session-100: Loss: %f, Accuracy: %f", loss, acc)
	if line := strings.TrimSpace(got.String()); line != want {
		t.Errorf("restored model printed\n%s\nwant\n%s", line, want)
	}
	for _, name := range []string{"conv", "pool", "wrong"} {
		path := filepath.Join(out, "mnist-dynamic-filter-result-"+name+".png")
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("figure %s: %v", path, err)
		}
	}
}

func TestNoCheckpoint(t *testing.T) {
	err := run([]string{"-ckpt", t.TempDir()}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "run mnist-dynamic-filter first") {
		t.Errorf("run without a checkpoint: %v", err)
	}
}
