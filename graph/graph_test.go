package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// TestNaming checks TF's naming rules: op type or Name, scopes, _1, _2
// for taken names, and a Name that happens to equal a suffixed one.
func TestNaming(t *testing.T) {
	g := graph.New()
	var got []string
	add := func(opts ...graph.Option) {
		got = append(got, g.Placeholder(graph.Float32, graph.Shape{}, opts...).Name())
	}
	add()
	add()
	add(graph.Name("x"))
	add(graph.Name("x"))
	add(graph.Name("x_1")) // taken by the second x: TF moves on
	g.NameScope("outer", func() {
		add(graph.Name("x"))
		g.NameScope("inner", func() { add() })
	})
	g.NameScope("outer", func() { add(graph.Name("x")) })
	want := "Placeholder:0 Placeholder_1:0 x:0 x_1:0 x_1_1:0 outer/x:0 outer/inner/Placeholder:0 outer/x_1:0"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("names\n %s\nwant\n %s", s, want)
	}
}

// TestAdoption checks that a free tensor joins each graph it is used in
// once, with its free inputs, and stays free itself.
func TestAdoption(t *testing.T) {
	c := ops.Add(ops.Constant(1.0), ops.Constant(2.0)) // free, with free inputs
	if c.Graph() != nil {
		t.Fatal("a tensor of constants belongs to a graph")
	}
	g1, g2 := graph.New(), graph.New()
	x1 := g1.Placeholder(graph.Float32, graph.Shape{})
	x2 := g2.Placeholder(graph.Float32, graph.Shape{})
	a, b := ops.Mul(x1, c), ops.Mul(x1, c)
	d := ops.Mul(x2, c)
	if a.Node().Inputs()[1] != b.Node().Inputs()[1] {
		t.Error("the free tensor was copied into g1 twice")
	}
	if in := a.Node().Inputs()[1]; in.Graph() != g1 || in.In(g1) != in || c.In(g1) != in {
		t.Error("the copy in g1 is not g1's, or In does not find it")
	}
	if in := d.Node().Inputs()[1]; in.Graph() != g2 || in == a.Node().Inputs()[1] {
		t.Error("g2 did not get a copy of its own")
	}
	// the copy brings its inputs: Const, Const_1, Add in g1
	var names []string
	for _, n := range g1.Nodes() {
		names = append(names, n.Name())
	}
	if s := strings.Join(names, " "); s != "Placeholder Const Const_1 Add Mul Mul_1" {
		t.Errorf("g1 holds %s", s)
	}
	if c.Graph() != nil {
		t.Error("using a free tensor made it a graph's")
	}
}

// TestBuildErrors checks that build errors are kept on the graph, typed,
// named after the node, and that building on a failed tensor carries the
// first error along.
func TestBuildErrors(t *testing.T) {
	g, other := graph.New(), graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	y := other.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("y"))
	mixed := ops.Add(x, y)
	var gm *graph.GraphMismatchError
	if !errors.As(mixed.Node().Err(), &gm) || g.Err().Error() != `Tensor("y:0") must be from the same graph as Tensor("x:0").` {
		t.Errorf("mixed graphs: %v", g.Err())
	}
	if !errors.As(ops.Neg(mixed).Node().Err(), &gm) {
		t.Error("an op on a failed tensor does not carry its error")
	}

	g = graph.New()
	bad := ops.MatMul(g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}), g.Placeholder(graph.Float32, graph.Shape{3, 1}))
	var ge *graph.Error
	if !errors.As(g.Err(), &ge) || ge.Node != "MatMul" || ge.OpType != "MatMul" || len(ge.InputShapes) != 2 {
		t.Errorf("shape error: %#v", g.Err())
	}
	if bad == nil || bad.Shape().Known() {
		t.Errorf("a failed op returned %v, want a tensor of unknown shape", bad)
	}
	ops.MatMul(g.Placeholder(graph.Float32, graph.Shape{1, 1}), g.Placeholder(graph.Float32, graph.Shape{2, 2}))
	if g.Err() != ge {
		t.Error("a later error replaced the graph's first")
	}
}

// TestPlaceholderErrors checks that a placeholder of an invalid dtype or
// with a dim below None is a build error, and still a tensor.
func TestPlaceholderErrors(t *testing.T) {
	for _, c := range []struct {
		dt    graph.DType
		shape graph.Shape
		want  string
	}{
		{nd.Invalid, graph.Shape{2}, "Cannot convert 0 to a TensorFlow DType. for 'Placeholder' (op: 'Placeholder') with input shapes: ."},
		{graph.Float32, graph.Shape{graph.None, -5}, "Dimension -5 must be >= 0 for 'Placeholder' (op: 'Placeholder') with input shapes: ."},
	} {
		g := graph.New()
		p := g.Placeholder(c.dt, c.shape)
		if p == nil {
			t.Fatalf("Placeholder(%v, %v) returned nil", c.dt, c.shape)
		}
		if err := g.Err(); err == nil || err.Error() != c.want {
			t.Errorf("Placeholder(%v, %v): %v, want %q", c.dt, c.shape, err, c.want)
		}
	}
	g := graph.New()
	g.Placeholder(graph.Float32, graph.Shape{graph.None, 0, 3})
	if err := g.Err(); err != nil {
		t.Errorf("None and 0 are valid dims: %v", err)
	}
}

// TestTensorByName checks TF's get_tensor_by_name and the looser
// TensorName, which reads a bare op name as its output 0.
func TestTensorByName(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{}, graph.Name("x"))
	graph.Group(nil, graph.InGraph(g), graph.Name("done"))
	for _, c := range []struct {
		name, err string
	}{
		{"x:0", ""},
		{"x", `The name 'x' refers to an Operation, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`},
		{"y", `The name 'y' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`},
		{"x:1", "The name 'x:1' refers to a Tensor which does not exist. The operation, 'x', exists but only has 1 outputs."},
		{"done:0", "The name 'done:0' refers to a Tensor which does not exist. The operation, 'done', exists but only has 0 outputs."},
		{"y:0", "The name 'y:0' refers to a Tensor which does not exist. The operation, 'y', does not exist in the graph."},
		{"x:a", `The name 'x:a' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form "<op_name>:<output_index>".`},
		{"x:0:0", `The name 'x:0:0' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form "<op_name>:<output_index>".`},
	} {
		got, err := g.TensorByName(c.name)
		switch {
		case c.err == "" && (err != nil || got != x):
			t.Errorf("TensorByName(%q) = %v, %v", c.name, got, err)
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("TensorByName(%q) error %v\nwant %s", c.name, err, c.err)
		}
	}
	if got, err := graph.TensorName("x").TensorIn(g); err != nil || got != x {
		t.Errorf("TensorName(x) = %v, %v", got, err)
	}
	var fe *graph.ForeignError
	if _, err := x.TensorIn(graph.New()); !errors.As(err, &fe) {
		t.Errorf("a tensor of another graph: %v", err)
	}
}

// TestShapePrinting checks the one shape printer in its two TF forms.
func TestShapePrinting(t *testing.T) {
	for _, c := range []struct {
		s        graph.Shape
		str, brk string
	}{
		{graph.Shape{graph.None, 784}, "(?, 784)", "[?,784]"},
		{graph.Shape{3}, "(3,)", "[3]"},
		{graph.Shape{}, "()", "[]"},
		{graph.UnknownShape, "<unknown>", "<unknown>"},
	} {
		if c.s.String() != c.str || c.s.Brackets() != c.brk {
			t.Errorf("%v: %s and %s, want %s and %s", []int(c.s), c.s.String(), c.s.Brackets(), c.str, c.brk)
		}
	}
}
