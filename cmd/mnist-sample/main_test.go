package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrintsFirstImageAndLabel(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	// the first training image has the pixel byte 97 → 0.38039219, and label 7
	if !strings.Contains(s, "0.38039219") {
		t.Errorf("image print lacks 0.38039219:\n%s", s)
	}
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if got, want := lines[len(lines)-1], "[ 0.  0.  0.  0.  0.  0.  0.  1.  0.  0.]"; got != want {
		t.Errorf("label line %q, want %q", got, want)
	}
	if !strings.HasPrefix(lines[0], "[ 0.          0.") {
		t.Errorf("image print starts %q", lines[0])
	}
	if fi, err := os.Stat(filepath.Join(dir, "mnist-sample.png")); err != nil || fi.Size() == 0 {
		t.Errorf("figure not written: %v", err)
	}
}
