package compile_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/philox"
)

// store is the least State a program runs with: variables' values in a
// map, and a seeded stream per random node.
type store struct {
	vals  map[*graph.Node]*nd.Array
	init  map[*graph.Node]bool
	rands map[*graph.Node]*philox.Stream
}

func newStore() *store {
	return &store{vals: map[*graph.Node]*nd.Array{}, init: map[*graph.Node]bool{}, rands: map[*graph.Node]*philox.Stream{}}
}

func (s *store) Var(v *graph.Node) *nd.Array {
	if s.vals[v] == nil {
		op := v.Op().(graph.VariableOp)
		s.vals[v] = nd.New(op.DType, op.Shape...)
	}
	return s.vals[v]
}
func (s *store) Initialized(v *graph.Node) bool    { return s.init[v] }
func (s *store) SetInitialized(v *graph.Node)      { s.init[v] = true }
func (s *store) Rand(n *graph.Node) *philox.Stream { return philox.NewStream(1, 2) }

// TestCompile calls Compile directly, as a session does: for each
// request, the report's facts and the values a run returns, or the
// error Compile or Run gives.
func TestCompile(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	w := g.Variable([][]float64{{1}, {2}}, graph.Name("w"))
	xw := ops.MatMul(x, w)
	y := ops.Add(ops.Mul(xw, 2), 1) // Mul → Add fuse
	c := ops.Constant([]float64{3, 4}).In(g)
	bad := ops.Zeros(-1).In(g)
	other := graph.New().Placeholder(graph.Float32, graph.Shape{2})
	batch := nd.FromFloat32s([]float32{1, 1, 2, 0, 0, 3}, 3, 2)
	initAll := g.GlobalVariablesInitializer()

	for _, c := range []struct {
		name    string
		fetches []*graph.Tensor
		targets []*graph.Node
		feeds   map[*graph.Tensor]*nd.Array
		init    bool // run the initializer first
		report  func(r *compile.Report) bool
		want    [][]float32
		err     any    // a pointer to the error type Compile or Run returns
		msg     string // what the error says
	}{
		{name: "a constant", fetches: []*graph.Tensor{c},
			report: func(r *compile.Report) bool { return r.Units == 0 && r.Inputs == 2 && r.Needed == 1 },
			want:   [][]float32{{3, 4}}},
		{name: "a fused chain after a MatMul", fetches: []*graph.Tensor{y}, feeds: map[*graph.Tensor]*nd.Array{x: batch}, init: true,
			report: func(r *compile.Report) bool {
				return r.Units == 2 && len(r.Groups) == 1 && slices.Equal(r.Groups[0], []string{"Mul", "Add"}) && r.GradientNodes == 0
			},
			want: [][]float32{{7, 5, 13}}},
		{name: "a fed tensor is not computed", fetches: []*graph.Tensor{y}, feeds: map[*graph.Tensor]*nd.Array{xw: nd.FromFloat32s([]float32{1, 2}, 2, 1)},
			report: func(r *compile.Report) bool { return r.Units == 1 && r.Inputs == 4 && r.Needed == 5 }, // inputs: tick, xw, 2, 1
			want:   [][]float32{{3, 5}}},
		{name: "a gradient", fetches: []*graph.Tensor{ops.Gradients([]*graph.Tensor{y}, []*graph.Tensor{w.Tensor})[0]}, feeds: map[*graph.Tensor]*nd.Array{x: batch}, init: true,
			report: func(r *compile.Report) bool { return r.GradientNodes > 0 },
			want:   [][]float32{{6, 8}}},
		{name: "a missing feed", fetches: []*graph.Tensor{y}, err: new(*compile.MissingFeedError),
			msg: "You must feed a value for placeholder tensor 'x' with dtype float and shape [?,2]"},
		{name: "a fed shape the graph cannot take", fetches: []*graph.Tensor{y}, feeds: map[*graph.Tensor]*nd.Array{x: nd.New(nd.Float32, 3, 3)},
			err: new(*graph.Error), msg: "with the fed shapes: Dimensions must be equal, but are 3 and 2 for 'MatMul'"},
		{name: "an uninitialized variable", fetches: []*graph.Tensor{y}, feeds: map[*graph.Tensor]*nd.Array{x: batch},
			err: new(*compile.UninitializedError), msg: "Attempting to use uninitialized value w"},
		{name: "a tensor with an error", fetches: []*graph.Tensor{bad}, err: new(*graph.Error), msg: "Dimension -1 must be >= 0"},
		{name: "a tensor of another graph", fetches: []*graph.Tensor{other}, msg: "Tensor Placeholder is not an element of this graph."},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := newStore()
			if c.init {
				p, err := compile.Compile(compile.Request{Graph: g, Targets: []*graph.Node{initAll}}, st, compile.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := p.Run(nil); err != nil {
					t.Fatal(err)
				}
			}
			p, err := compile.Compile(compile.Request{Graph: g, Fetches: c.fetches, Targets: c.targets, Feeds: c.feeds}, st, compile.Options{})
			var got []*nd.Array
			if err == nil {
				if c.report != nil && !c.report(p.Report()) {
					t.Errorf("report:\n%v", p.Report())
				}
				got, err = p.Run(c.feeds)
			}
			if c.msg != "" {
				if err == nil || !strings.Contains(err.Error(), c.msg) || (c.err != nil && !errors.As(err, c.err)) {
					t.Errorf("error %v (%T), want %T saying %q", err, err, c.err, c.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range c.want {
				if !slices.Equal(got[i].Float32s(), want) {
					t.Errorf("fetch %d: %v, want %v", i, got[i], want)
				}
			}
		})
	}
}
