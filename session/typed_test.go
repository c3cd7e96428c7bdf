package session_test

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// TestRunTensors checks the typed Run: every kind of tensor fetch, in
// order, and the errors for what has no value.
func TestRunTensors(t *testing.T) {
	m := newLogistic()
	s := session.New(m.g)
	mustRun(t, s, m.g.GlobalVariablesInitializer(), nil)
	vals, err := s.RunTensors(m.feed, m.loss, m.w, "x:0", "t", graph.TensorName("x"), m.acc)
	if err != nil {
		t.Fatal(err)
	}
	checkValues(t, "loss", vals[0], graph.Float32, []int{}, 35*math.Ln2)
	checkValues(t, "w", vals[1], graph.Float32, []int{2, 1}, 0, 0)
	if vals[2].Dim(0) != 35 || vals[3].Dim(1) != 1 || vals[4].Dim(1) != 2 {
		t.Errorf("fetched by name: shapes %v %v %v", vals[2].Shape(), vals[3].Shape(), vals[4].Shape())
	}
	if v, err := session.Scalars(s.RunTensors(m.feed, m.loss, m.acc)); err != nil || v[0] != vals[0].Float() || v[1] != vals[5].Float() {
		t.Errorf("Scalars(RunTensors) = %v, %v", v, err)
	}
	for _, c := range []struct {
		name  string
		fetch any
		want  string
	}{
		{"an op", m.trainStep, "the operation 'Adam', has no value"},
		{"a number", 3, "has invalid type int"},
		{"a name with no op", "nothing:0", "The name 'nothing:0' refers to a Tensor which does not exist. The operation, 'nothing', does not exist in the graph."},
		{"a second output", "x:1", "The name 'x:1' refers to a Tensor which does not exist. The operation, 'x', exists but only has 1 outputs."},
		{"an op by name", "Adam", "The name 'Adam:0' refers to a Tensor which does not exist. The operation, 'Adam', exists but only has 0 outputs."},
		{"a malformed name", "x:y", "The name 'x:y' looks a like a Tensor name, but is not a valid one."},
	} {
		if _, err := s.RunTensors(m.feed, c.fetch); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("RunTensors of %s: %v, want %q", c.name, err, c.want)
		}
	}
	// Run takes names as TF's sess.run does: "x:0" a tensor, "Adam" an op
	res, err := s.Run([]any{"x:0", "Adam"}, m.feed)
	if err != nil {
		t.Fatal(err)
	}
	if r := res.([]any); r[0].(*nd.Array).Dim(0) != 35 || r[1] != nil {
		t.Errorf("Run by name = %v", r)
	}
	if _, err := s.Run("Nothing", nil); err == nil || err.Error() != "The name 'Nothing' refers to an Operation not in the graph." {
		t.Errorf("Run of an unknown op name: %v", err)
	}
}

func TestScalars(t *testing.T) {
	in := errors.New("the run failed")
	if _, err := session.Scalars(nil, in); err != in {
		t.Errorf("Scalars dropped the incoming error: %v", err)
	}
	v, err := session.Scalars([]*nd.Array{nd.Scalar(nd.Float32, 0.5), nd.FromInt64s([]int64{3}, 1, 1)}, nil)
	if err != nil || v[0] != 0.5 || v[1] != 3 {
		t.Errorf("Scalars = %v, %v", v, err)
	}
	for _, c := range []struct {
		vals []*nd.Array
		want string
	}{
		{[]*nd.Array{nd.Scalar(nd.Float32, 1), nd.New(nd.Float32, 2, 1)}, "session.Scalars: value 1 has shape (2, 1) (2 elements), not a single value"},
		{[]*nd.Array{nd.New(nd.Float32, 0)}, "session.Scalars: value 0 has shape (0,) (0 elements), not a single value"},
		{[]*nd.Array{nil}, "session.Scalars: value 0 is nil, not a single value"},
	} {
		if _, err := session.Scalars(c.vals, nil); err == nil || err.Error() != c.want {
			t.Errorf("Scalars: %v, want %q", err, c.want)
		}
	}
}

// TestFeedVariableAndName feeds a variable (its value for one Run, as TF
// allows) and a tensor by name.
func TestFeedVariableAndName(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None}, graph.Name("x"))
	w := g.Variable(ops.Constant([]float64{1, 2, 3}), graph.Name("w"))
	dot := ops.ReduceSum(ops.Mul(x, w))
	s := session.New(g)

	// w is not initialized: fed, it needs no value of its own
	v, err := session.Scalars(s.RunTensors(session.Feed{x: []float64{1, 1, 1}, w: []float64{10, 20, 30}}, dot))
	if err != nil || v[0] != 60 {
		t.Errorf("w fed: %v, %v; want 60", v, err)
	}
	mustRun(t, s, g.GlobalVariablesInitializer(), nil)
	for _, feed := range []session.Feed{
		{graph.TensorName("x:0"): []float64{1, 1, 1}},
		{graph.TensorName("x"): []float64{1, 1, 1}},
	} {
		if v, err := session.Scalars(s.RunTensors(feed, dot)); err != nil || v[0] != 6 {
			t.Errorf("x fed by name %v: %v, %v; want 6", feed, v, err)
		}
	}
	if v, err := session.Scalars(s.RunTensors(session.Feed{x: []float64{1, 1, 1}, w: []float64{0, 0, 1}}, dot)); err != nil || v[0] != 1 {
		t.Errorf("initialized w fed: %v, %v; want 1", v, err)
	}
	if got, _ := s.VariableValue(w); got.String() != "[1. 2. 3.]" {
		t.Errorf("feeding w changed its value to %v", got)
	}
	_, err = s.RunTensors(session.Feed{x: []float64{1}, graph.TensorName("x:0"): []float64{2}}, dot)
	var fe *session.FeedError
	if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "Tensor 'x:0' is fed twice in one Feed") {
		t.Errorf("x fed twice: %v", err)
	}
	if _, err := s.RunTensors(session.Feed{graph.TensorName("y:0"): 1.0}, dot); err == nil ||
		err.Error() != "The name 'y:0' refers to a Tensor which does not exist. The operation, 'y', does not exist in the graph." {
		t.Errorf("feed of an unknown name: %v", err)
	}
}

// TestClosedSession checks that every use of a closed session says so,
// as TF does, and that running the initializer does not revive it.
func TestClosedSession(t *testing.T) {
	m := newLogistic()
	s := session.New(m.g)
	mustRun(t, s, m.g.GlobalVariablesInitializer(), nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	_, errInit := s.Run(m.g.GlobalVariablesInitializer(), nil)
	_, errRun := s.Run(m.loss, m.feed)
	_, errTensors := s.RunTensors(m.feed, m.loss)
	_, errExplain := s.Explain(m.loss, m.feed)
	_, errValue := s.VariableValue(m.w)
	errSet := s.SetVariable(m.w, nd.New(nd.Float32, 2, 1))
	for name, err := range map[string]error{"initializer": errInit, "Run": errRun, "RunTensors": errTensors,
		"Explain": errExplain, "VariableValue": errValue, "SetVariable": errSet} {
		if !errors.As(err, new(*session.ClosedError)) || err.Error() != "Attempted to use a closed Session." {
			t.Errorf("%s after Close: %v", name, err)
		}
	}
	if !s.Closed() {
		t.Error("Closed() is false after Close")
	}
}

// TestProgramCacheIsLRU checks which programs a small cache keeps: a
// cached program's Explain report is the same value each time.
func TestProgramCacheIsLRU(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None})
	y := ops.ReduceSum(x)
	s := session.New(g, session.WithProgramCache(2))
	report := func(n int) any {
		r, err := s.Explain(y, session.Feed{x: make([]float64, n)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1, r2 := report(1), report(2)
	if report(1) != r1 || report(2) != r2 {
		t.Fatal("a signature seen again was compiled again")
	}
	report(1) // 1 is the most recent, 2 the least
	report(3) // evicts 2
	if report(1) != r1 {
		t.Error("the most recently used program was evicted")
	}
	if report(2) == r2 {
		t.Error("the least recently used program was kept past the cache size")
	}
}

// heapAfterGC is the live heap once the garbage is collected.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC() // the second empties sync.Pools' victim caches
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestMemoryBoundedOverBatchSizes feeds 500 distinct batch sizes, each
// compiling a program of its own, and checks that the heap stays within
// what the default cache of 32 programs holds: the programs and the
// scratch of the ones evicted are dropped. Measured on this model: 24 MB;
// with the programs kept forever (the cache before it was bounded) 192 MB;
// with evicted programs dropped but their scratch left in the arena
// 72 MB.
func TestMemoryBoundedOverBatchSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles 500 programs")
	}
	const bound = 48 << 20 // bytes of heap the session may add (24 MB measured)
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 256})
	w := g.Variable(ops.Zeros(256, 64))
	h := ops.Relu(ops.MatMul(x, w))
	y := ops.ReduceSum(ops.Softmax(ops.MatMul(h, ops.Zeros(64, 10))))
	s := session.New(g)
	mustRun(t, s, g.GlobalVariablesInitializer(), nil)
	before := heapAfterGC()
	peak := uint64(0)
	for b := 1; b <= 500; b++ {
		if _, err := s.RunTensors(session.Feed{x: nd.New(nd.Float32, b, 256)}, y); err != nil {
			t.Fatal(err)
		}
		if b%50 == 0 {
			peak = max(peak, heapAfterGC())
		}
	}
	if grown := int64(peak) - int64(before); grown > bound {
		t.Errorf("the heap grew by %d MB over 500 batch sizes, want at most %d MB", grown>>20, bound>>20)
	}
	t.Logf("heap before %d MB, peak %d MB", before>>20, peak>>20)
	runtime.KeepAlive(s)
}
