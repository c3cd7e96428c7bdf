package main

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

func check(t *testing.T, args ...string) {
	t.Helper()
	lines, out := lecturetest.Run(t, run, args...)
	want := "filters (5, 5, 1, 2), conv (9, 28, 28, 2), pool (9, 14, 14, 2)"
	if len(lines) != 1 || lines[0] != want {
		t.Errorf("printed %q, want %q", lines, want)
	}
	for _, name := range []string{"orenist-filter-samples.png", "orenist-filter-conv.png", "orenist-filter-pool.png"} {
		lecturetest.PNG(t, filepath.Join(out, name))
	}
}

func TestGenerated(t *testing.T) { check(t) }

func TestLectureData(t *testing.T) { check(t, "-data", lecturetest.LectureData(t, "orenist")) }
