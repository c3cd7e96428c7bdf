package vm

import (
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/nd"
)

// addInto returns a unit function writing in[0]+in[1] (or in[0]+1 with
// one input) into out.
func addInto(out *nd.Array) func([]*nd.Array) error {
	return func(in []*nd.Array) error {
		for i := 0; i < out.Len(); i++ {
			v := in[0].Flat(i) + 1
			if len(in) > 1 {
				v = in[0].Flat(i) + in[1].Flat(i)
			}
			out.SetFlat(i, v)
		}
		return nil
	}
}

func mustRun(t testing.TB, m *Machine) {
	t.Helper()
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
}

// TestQuirkNodeDedupByHash pins that two identical units on the same
// input both run: Gorgonia's ApplyOp returns the existing node for an op
// whose hash it has seen, which would leave the second output unwritten.
func TestQuirkNodeDedupByHash(t *testing.T) {
	m := New()
	x := m.Input(nd.Float32, []int{2}, "x")
	x.Set(nd.FromFloat32s([]float32{1, 2}, 2))
	a, b := nd.New(nd.Float32, 2), nd.New(nd.Float32, 2)
	na, err := m.Apply("add", a, []*Node{x}, 1, addInto(a))
	if err != nil {
		t.Fatal(err)
	}
	nb, err := m.Apply("add", b, []*Node{x}, 1, addInto(b))
	if err != nil {
		t.Fatal(err)
	}
	if na == nb || m.Units() != 2 {
		t.Fatalf("two units became one node (%d units)", m.Units())
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	mustRun(t, m)
	if !slices.Equal(a.Float32s(), []float32{2, 3}) || !slices.Equal(b.Float32s(), []float32{2, 3}) {
		t.Errorf("outputs %v and %v, want [2 3] twice", a, b)
	}
}

// TestQuirkValuesReadWithCopies pins that units write into the caller's
// arrays and read their inputs' current arrays: Gorgonia reuses a node's
// value on the next run, and an input is bound to Gorgonia only once, so
// an input set to another array between runs must still be what the
// units read, and outputs are read from our arrays, never from nodes.
func TestQuirkValuesReadWithCopies(t *testing.T) {
	m := New()
	x := m.Input(nd.Float32, []int{2}, "x")
	y := nd.New(nd.Float32, 2)
	ny, err := m.Apply("add", y, []*Node{x}, 1, addInto(y))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	for _, in := range [][]float32{{1, 2}, {10, 20}, {-1, 5}} {
		x.Set(nd.FromFloat32s(in, 2))
		mustRun(t, m)
		want := []float32{in[0] + 1, in[1] + 1}
		if !slices.Equal(ny.Array().Float32s(), want) || ny.Array() != y {
			t.Errorf("x = %v: y = %v, want %v in the caller's array", in, ny.Array(), want)
		}
	}
}

// TestQuirkScalarsTravelAsShapeOne pins that rank-0 inputs and outputs
// run: Gorgonia's scalar nodes reject tensor values, so they travel as
// shape (1), and the caller's arrays stay rank 0.
func TestQuirkScalarsTravelAsShapeOne(t *testing.T) {
	m := New()
	s := m.Input(nd.Float64, nil, "s")
	s.Set(nd.Scalar(nd.Float64, 2))
	out := nd.Scalar(nd.Float64, 0)
	if _, err := m.Apply("add", out, []*Node{s, s}, 2, addInto(out)); err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	mustRun(t, m)
	if out.Rank() != 0 || out.Float() != 4 {
		t.Errorf("s+s = %v (rank %d), want 4 of rank 0", out, out.Rank())
	}
}

// TestQuirkInputlessPrograms pins that a machine with no input of its
// own runs a unit without children: Gorgonia refuses a graph without
// input nodes and cannot type an op of arity 0, so the tick stands in.
func TestQuirkInputlessPrograms(t *testing.T) {
	m := New()
	out := nd.New(nd.Float32, 3)
	fill := func([]*nd.Array) error {
		for i := range out.Float32s() {
			out.Float32s()[i] = 7
		}
		return nil
	}
	if _, err := m.Apply("fill", out, nil, 0, fill); err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	mustRun(t, m)
	if !slices.Equal(out.Float32s(), []float32{7, 7, 7}) {
		t.Errorf("got %v, want 7s", out)
	}
}

// TestQuirkFixedShapes pins that an input keeps the shape it was made
// with: Gorgonia fixes every shape when a node is made, so an array of
// another shape is refused (sessions compile one machine per feed-shape
// signature instead).
func TestQuirkFixedShapes(t *testing.T) {
	m := New()
	x := m.Input(nd.Float32, []int{2}, "x")
	y := nd.New(nd.Float32, 2)
	if _, err := m.Apply("add", y, []*Node{x}, 1, addInto(y)); err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	x.Set(nd.New(nd.Float32, 2))
	mustRun(t, m)
	for _, bad := range []*nd.Array{nd.New(nd.Float32, 3), nd.New(nd.Float64, 2)} {
		x.Set(bad)
		if err := m.Run(); err == nil {
			t.Errorf("a %s array of shape %v ran on a float32 input of shape (2)", bad.DType(), bad.Shape())
		}
	}
}

// TestUnitOrder checks that units run in the order they are applied,
// even without a data dependency, and after ordering-only children.
func TestUnitOrder(t *testing.T) {
	m := New()
	var ran []string
	unit := func(name string) func([]*nd.Array) error {
		return func([]*nd.Array) error { ran = append(ran, name); return nil }
	}
	first, err := m.Apply("first", nd.Scalar(nd.Float32, 0), nil, 0, unit("first"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"second", "third"} {
		if _, err := m.Apply(name, nd.Scalar(nd.Float32, 0), []*Node{first}, 0, unit(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	mustRun(t, m)
	if !slices.Equal(ran, []string{"first", "second", "third"}) {
		t.Errorf("ran %v", ran)
	}
}

// TestKernelPanicIsAnError checks that a unit that panics fails Run
// with its name instead of crashing the program.
func TestKernelPanicIsAnError(t *testing.T) {
	m := New()
	if _, err := m.Apply("boom", nd.Scalar(nd.Float32, 0), nil, 0, func([]*nd.Array) error { panic("index out of range") }); err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	err := m.Run()
	if err == nil || !strings.Contains(err.Error(), "boom: internal error in kernel: index out of range") {
		t.Errorf("Run: %v", err)
	}
}

// BenchmarkRunOverhead is the machine's price per Run: one unit that
// does nothing, run on the Gorgonia tape machine, fed a new array each
// time.
func BenchmarkRunOverhead(b *testing.B) {
	m := New()
	x := m.Input(nd.Float32, nil, "x")
	x.Set(nd.Scalar(nd.Float32, 1))
	if _, err := m.Apply("nothing", nd.Scalar(nd.Float32, 0), []*Node{x}, 1, func([]*nd.Array) error { return nil }); err != nil {
		b.Fatal(err)
	}
	if err := m.Build(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		x.Set(nd.Scalar(nd.Float32, 1)) // a new feed array each run, as a session's
		mustRun(b, m)
	}
}
