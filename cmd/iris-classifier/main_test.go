package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrains runs the program twice: the seeded run prints the same
// lines both times, the loss falls, the held-out accuracy ends at 0.9 or
// more (the README's lines reach 0.966667), and -save writes a
// checkpoint and its .meta.
func TestTrains(t *testing.T) {
	dir := t.TempDir()
	var a, b bytes.Buffer
	if err := run([]string{"-save", dir}, &a); err != nil {
		t.Fatal(err)
	}
	if err := run(nil, &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(a.String()), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 6 steps and the save:\n%s", len(lines), a.String())
	}
	if got := strings.Join(lines[:6], "\n") + "\n"; got != b.String() {
		t.Errorf("two seeded runs differ:\n%s\nand\n%s", got, b.String())
	}
	var first, last struct {
		step                  int
		loss, acc, tloss, tac float64
	}
	for i, p := range []*struct {
		step                  int
		loss, acc, tloss, tac float64
	}{&first, &last} {
		line := lines[i*5]
		if _, err := fmt.Sscanf(line, "Step: %d, Loss: %f, Train accuracy: %f, Test loss: %f, Test accuracy: %f",
			&p.step, &p.loss, &p.acc, &p.tloss, &p.tac); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
	}
	if first.step != 50 || last.step != 300 || last.loss >= first.loss || last.tac < 0.9 {
		t.Errorf("not learning: first %+v, last %+v", first, last)
	}
	if lines[6] != "Saved "+filepath.Join(dir, "iris-300") {
		t.Errorf("last line %q", lines[6])
	}
	for _, name := range []string{"iris-300.index", "iris-300.data-00000-of-00001", "iris-300.meta"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}
