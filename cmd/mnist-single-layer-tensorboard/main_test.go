package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
	"github.com/tf1go/tf1go/summary/summarytest"
)

// TestReducedRun trains 200 steps (the notebook's 2,000 are for go run)
// and reads the event file it leaves with a reader written from the
// format: every record's checksums, the file version first, the graph,
// and at each evaluation the scalars loss and accuracy (the values
// printed) and the histograms of the weights and biases.
func TestReducedRun(t *testing.T) {
	logdir := filepath.Join(t.TempDir(), "logs")
	lines, _ := lecturetest.Run(t, run, "-steps", "200", "-logdir", logdir)
	lecturetest.Steps(t, lines, 100, 200)
	// MSL's network with MSL's seeds: the MSL notebook's first line
	lecturetest.Notebook(t, lines, "Step: 100, Loss: 3136.286377, Accuracy: 0.906700", 1e-4)

	files, _ := filepath.Glob(filepath.Join(logdir, "events.out.tfevents.*"))
	if len(files) != 1 {
		t.Fatalf("event files %v, want one", files)
	}
	events := summarytest.ReadEvents(t, files[0])
	if len(events) != 4 {
		t.Fatalf("%d events, want 4: the file version, the graph, 2 evaluations", len(events))
	}
	if events[0].FileVersion != "brain.Event:2" {
		t.Errorf("first event: file_version %q", events[0].FileVersion)
	}
	names, ops := summarytest.GraphNodes(t, events[1].GraphDef)
	for _, want := range []string{"input/input", "hidden/weights", "hidden/biases", "output/weights", "output/biases", "optimizer/labels"} {
		if !slices.Contains(names, want) {
			t.Errorf("the graph has no node %s: %v", want, names)
		}
	}
	for _, want := range []string{"Placeholder", "VariableV2", "MatMul", "Relu", "Softmax", "ArgMax", "Mean"} {
		if !slices.Contains(ops, want) {
			t.Errorf("the graph has no %s op: %v", want, ops)
		}
	}
	sizes := map[string]float64{"weights_hidden": 784 * 1024, "biases_hidden": 1024, "weights_output": 1024 * 10, "biases_output": 10}
	for i, e := range events[2:] {
		step := 100 * (i + 1)
		var tags []string
		for _, v := range e.Values {
			tags = append(tags, v.Tag)
			if n, ok := sizes[v.Tag]; ok && (v.Histo == nil || v.Histo.Num != n) {
				t.Errorf("step %d: histogram %s %+v, want %v values", step, v.Tag, v.Histo, n)
			}
		}
		if want := "loss accuracy weights_hidden biases_hidden weights_output biases_output"; e.Step != int64(step) || strings.Join(tags, " ") != want {
			t.Errorf("event at step %d: %v, want step %d with %s", e.Step, tags, step, want)
			continue
		}
		if got := fmt.Sprintf("Step: %d, Loss: %f, Accuracy: %f", step, e.Values[0].Simple, e.Values[1].Simple); got != lines[i] {
			t.Errorf("summary %q, printed %q", got, lines[i])
		}
	}
}
