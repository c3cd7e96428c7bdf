package lecturetest

import (
	"os"
	"path/filepath"
	"testing"
)

// LectureData returns the directory that holds the lecture's own copy of
// a data set, shared/data/<name> beside the repository root, as a
// program's test sees it from cmd/<program>. It skips t when the
// directory is not there: the lecture's files are not redistributed.
func LectureData(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the lecture's %s data are not here (%v); they live in shared/data/%s beside the repository root", name, err, name)
	}
	return dir
}
