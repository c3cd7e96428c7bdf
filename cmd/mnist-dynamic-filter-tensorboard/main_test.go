package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
	"github.com/tf1go/tf1go/summary/summarytest"
)

// TestReducedRun trains 100 steps (the notebook's 4,000 are for go run),
// evaluating every 50, and reads the event file with a reader written
// from the format.
func TestReducedRun(t *testing.T) {
	logdir := filepath.Join(t.TempDir(), "logs")
	lines, _ := lecturetest.Run(t, run, "-steps", "100", "-logdir", logdir)
	lecturetest.Steps(t, lines, 50, 100)
	// MDC's model with MDC's seeds: the MDC notebook's first line
	lecturetest.Notebook(t, lines, "Step: 100, Loss: 2726.630615, Accuracy: 0.917900", 1e-4)

	files, _ := filepath.Glob(filepath.Join(logdir, "events.out.tfevents.*"))
	if len(files) != 1 {
		t.Fatalf("event files %v, want one", files)
	}
	events := summarytest.ReadEvents(t, files[0])
	if len(events) != 4 || events[0].FileVersion != "brain.Event:2" {
		t.Fatalf("%d events, the first %+v; want the file version, the graph, 2 evaluations", len(events), events[0])
	}
	names, ops := summarytest.GraphNodes(t, events[1].GraphDef)
	if !slices.Contains(names, "convolution/conv-filter") || !slices.Contains(ops, "Conv2D") || !slices.Contains(ops, "MaxPool") {
		t.Errorf("graph nodes %v, ops %v", names, ops)
	}
	for i, e := range events[2:] {
		step := 50 * (i + 1)
		if e.Step != int64(step) || len(e.Values) != 3 || e.Values[2].Tag != "convolution_filters" || e.Values[2].Histo == nil || e.Values[2].Histo.Num != 5*5*16 {
			t.Errorf("event %d: step %d, %+v", i+2, e.Step, e.Values)
			continue
		}
		if got := fmt.Sprintf("Step: %d, Loss: %f, Accuracy: %f", step, e.Values[0].Simple, e.Values[1].Simple); e.Values[0].Tag != "loss" || e.Values[1].Tag != "accuracy" || got != lines[i] {
			t.Errorf("summary %q (%s, %s), printed %q", got, e.Values[0].Tag, e.Values[1].Tag, lines[i])
		}
	}
}
