package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNothingRan: make gallery before make run writes a page whose every
// section says its program did not run.
func TestNothingRan(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout bytes.Buffer
	if err := run([]string{"-out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "Not run:"); n != 17 {
		t.Errorf("%d sections say their program did not run, want 17 (all but the recognizer's page)", n)
	}
	if want := "wrote " + filepath.Join(out, "index.html") + "\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
}
