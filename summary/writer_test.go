package summary

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/summary/summarytest"
)

// The writer's file, read back by the independent reader: every
// record's checksums, the file_version first, the graph, and each
// summary with its step.
func TestFileWriter(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	w := g.Variable(nd.FromFloat32s([]float32{1, -2, 0.5, 4}, 2, 2), graph.Name("w"))
	loss := ops.ReduceSum(ops.MatMul(x, w))
	Scalar("loss", loss)
	Histogram("weights", w)
	merged := MergeAll(g)

	dir := filepath.Join(t.TempDir(), "logs")
	writer, err := NewFileWriter(dir, g)
	if err != nil {
		t.Fatal(err)
	}
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	for step := 1; step <= 3; step++ {
		vals, err := sess.Run([]any{merged, loss}, session.Feed{x: [][]float32{{float32(step), 1}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := writer.AddSummary(vals.([]any)[0], 10*step); err != nil {
			t.Fatal(err)
		}
	}
	if err := writer.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "events.out.tfevents.*"))
	if len(files) != 1 || files[0] != writer.Path() {
		t.Fatalf("event files %v, want %s", files, writer.Path())
	}
	events := summarytest.ReadEvents(t, writer.Path())
	if len(events) != 5 {
		t.Fatalf("%d events, want 5 (version, graph, 3 summaries)", len(events))
	}
	if events[0].FileVersion != "brain.Event:2" || events[0].WallTime == 0 {
		t.Errorf("first event %+v", events[0])
	}
	names, ops := summarytest.GraphNodes(t, events[1].GraphDef)
	if !slices.Contains(names, "x") || !slices.Contains(names, "w") || !slices.Contains(ops, "MatMul") || !slices.Contains(ops, "VariableV2") {
		t.Errorf("graph nodes %v, ops %v", names, ops)
	}
	for i, e := range events[2:] {
		step := i + 1
		want := float32(4.5 - float64(step)) // x·w summed: (step + 0.5) + (-2·step + 4)
		if e.Step != int64(10*step) || len(e.Values) != 2 || e.Values[0].Tag != "loss" || e.Values[0].Simple != want {
			t.Errorf("event %d: step %d, values %+v; want step %d, loss %v", i+2, e.Step, e.Values, 10*step, want)
			continue
		}
		h := e.Values[1].Histo
		if e.Values[1].Tag != "weights" || h == nil || h.Min != -2 || h.Max != 4 || h.Num != 4 || h.Sum != 3.5 || h.SumSquares != 21.25 {
			t.Errorf("event %d: histogram %+v", i+2, e.Values[1])
		}
	}
}

// Summary ops report TF's errors at Run: a scalar summary of a
// non-scalar, a histogram of NaN.
func TestSummaryErrors(t *testing.T) {
	g := graph.New()
	v := g.Placeholder(graph.Float32, graph.Shape{2})
	sess := session.New(g)
	var se *Error
	_, err := sess.Run(Scalar("v", v), session.Feed{v: []float32{1, 2}})
	if !errors.As(err, &se) || err.Error() != "tags and values not the same shape: [] != [2] (tag 'v')" {
		t.Errorf("scalar summary of a vector: %v", err)
	}
	_, err = sess.Run(Histogram("h", v), session.Feed{v: []float32{1, float32(math.NaN())}})
	if !errors.As(err, &se) || err.Error() != "Nan in summary histogram for: h" {
		t.Errorf("histogram of NaN: %v", err)
	}
	res, err := sess.Run(Histogram("h", v), session.Feed{v: []float32{1, 2}})
	if s, ok := res.(*Summary); err != nil || !ok || s.Value[0].Histo.Num != 2 {
		t.Errorf("a histogram alone: %v, %v", res, err)
	}
	if _, err := sess.Run(Scalar("bad", 3.0), nil); err == nil {
		t.Error("a summary of a Go number: no error")
	}
	w, err := NewFileWriter(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddSummary("loss", 1); err == nil {
		t.Error("AddSummary of a string: no error")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.AddSummary(&Summary{}, 1); err == nil {
		t.Error("AddSummary after Close: no error")
	}
	if _, err := NewFileWriter(filepath.Join(w.Path(), "sub"), nil); err == nil {
		t.Error("NewFileWriter under a file: no error")
	}
	os.Remove(w.Path())
}

// MergeAll takes the summaries of its own graph only.
func TestMergeAllPerGraph(t *testing.T) {
	g1, g2 := graph.New(), graph.New()
	a := Scalar("a", g1.Placeholder(graph.Float32, graph.Shape{}))
	Scalar("b", g2.Placeholder(graph.Float32, graph.Shape{}))
	m := MergeAll(g1)
	if len(m.ops) != 1 || m.ops[0] != a {
		t.Errorf("MergeAll(g1) = %v", m.ops)
	}
}

// Events older than FlushInterval reach the file with the next one; Flush
// writes them at once.
func TestFileWriterFlushes(t *testing.T) {
	w, err := NewFileWriter(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	size := func() int64 {
		fi, err := os.Stat(w.Path())
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	if err := w.AddSummary(&Summary{Value: []Value{{Tag: "loss", SimpleValue: 1}}}, 1); err != nil {
		t.Fatal(err)
	}
	if size() != 0 {
		t.Errorf("%d bytes on disk before any flush", size())
	}
	w.mu.Lock()
	w.flushed = w.flushed.Add(-FlushInterval)
	w.mu.Unlock()
	if err := w.AddSummary(&Summary{Value: []Value{{Tag: "loss", SimpleValue: 2}}}, 2); err != nil {
		t.Fatal(err)
	}
	if n := len(summarytest.ReadEvents(t, w.Path())); n != 3 {
		t.Errorf("%d events on disk after FlushInterval, want 3", n)
	}
	w.AddSummary(&Summary{}, 3)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := len(summarytest.ReadEvents(t, w.Path())); n != 4 {
		t.Errorf("%d events on disk after Flush, want 4", n)
	}
}
