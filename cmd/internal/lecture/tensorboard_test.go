package lecture

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveEventFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"events.out.tfevents.1.host", "events.out.tfevents.2.host", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveEventFiles(dir); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 1 || filepath.Base(left[0]) != "notes.txt" {
		t.Errorf("left %v, want notes.txt alone", left)
	}
	if err := RemoveEventFiles(filepath.Join(dir, "absent")); err != nil {
		t.Errorf("a directory that does not exist: %v", err)
	}
}
