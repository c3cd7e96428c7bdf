package compile_test

import (
	"testing"

	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// TestMemoryPlanReusesBuffers: a chain of products keeps at most two of
// its outputs alive at a time, and a second program of the same session
// reuses the first one's buffers instead of allocating its own.
func TestMemoryPlanReusesBuffers(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 64})
	w := ops.Constant(nd.New(nd.Float32, 64, 64))
	h := x
	for i := 0; i < 6; i++ {
		h = ops.MatMul(h, w)
	}
	sum := ops.ReduceSum(h)
	sess := session.New(g)
	feed := session.Feed{x: nd.New(nd.Float32, 100, 64)}
	first, err := sess.Explain(sum, feed)
	if err != nil {
		t.Fatal(err)
	}
	out := 100 * 64 * 4 // one product's bytes
	if first.OutputBytes < 6*out || first.NewBytes > 2*out+64 {
		t.Errorf("chain of 6 products: %d bytes of outputs, %d allocated; want ≥ %d and ≤ %d", first.OutputBytes, first.NewBytes, 6*out, 2*out+64)
	}
	second, err := sess.Explain(h, feed)
	if err != nil {
		t.Fatal(err)
	}
	if second.OutputBytes < 6*out || second.NewBytes != 0 {
		t.Errorf("second program: %d bytes of outputs, %d newly allocated; want all reused", second.OutputBytes, second.NewBytes)
	}
	// and the reused buffers give the right values
	in := nd.New(nd.Float32, 100, 64)
	for i := range in.Float32s() {
		in.Float32s()[i] = 1
	}
	eye := nd.New(nd.Float32, 64, 64)
	for i := 0; i < 64; i++ {
		eye.Float32s()[i*65] = 1
	}
	g2 := graph.New()
	x2 := g2.Placeholder(graph.Float32, graph.Shape{graph.None, 64})
	h2 := x2
	for i := 0; i < 6; i++ {
		h2 = ops.Add(ops.MatMul(h2, eye), 1)
	}
	s2 := session.New(g2, session.WithCompileOptions(compile.Options{NoFusion: true}))
	v, err := s2.Run([]any{h2, ops.ReduceSum(h2)}, session.Feed{x2: in})
	if err != nil {
		t.Fatal(err)
	}
	arrs := session.Arrays(v)
	if arrs[0].Flat(0) != 7 || arrs[1].Float() != 7*100*64 {
		t.Errorf("got %v and sum %v, want 7 everywhere", arrs[0].Flat(0), arrs[1].Float())
	}
}
