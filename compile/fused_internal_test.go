package compile

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// TestFusedPaths: a float32 chain gives the same bits whether it runs in
// float32 (exact kernels, inputs read in place, repeated and general
// broadcasts) or in float64 rounding after each op, and whether one or
// several goroutines share it.
func TestFusedPaths(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(1, 2))
	rnd := func(dims ...int) *nd.Array {
		a := nd.New(nd.Float32, dims...)
		for i := range a.Float32s() {
			a.Float32s()[i] = float32(r.NormFloat64())
		}
		return a
	}
	const n, c = 300, 129 // 38,700 elements: more than two goroutines' grain
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{n, c})
	bias := g.Placeholder(graph.Float32, graph.Shape{c})
	col := g.Placeholder(graph.Float32, graph.Shape{n, 1})
	y := ops.Relu(ops.Mul(ops.Div(ops.Sub(ops.Add(x, bias), col), 0.7), x))
	var members []*graph.Node
	for _, t := range []*graph.Tensor{y} {
		for n := t.Node(); ; n = n.Inputs()[0].Node() {
			members = append([]*graph.Node{n}, members...)
			if n.Inputs()[0] == x {
				break
			}
		}
	}
	in := map[*graph.Tensor]*nd.Array{x: rnd(n, c), bias: rnd(c), col: rnd(n, 1)}
	run := func(float32Path bool, procs int) *nd.Array {
		runtime.GOMAXPROCS(procs)
		f := newFused(members)
		if f.k32 == nil {
			t.Fatal("the chain has exact float32 kernels but runs in float64")
		}
		if !float32Path {
			f.k32 = nil
		}
		var args []*nd.Array
		for _, t := range f.inputs {
			a := in[t]
			if a == nil { // the constant 0.7
				a = t.Node().Op().(graph.ConstOp).Value
			}
			args = append(args, a)
		}
		out := nd.New(nd.Float32, n, c)
		if err := f.run(args, out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := run(false, 1)
	for _, path := range []bool{true, false} {
		for _, procs := range []int{1, 2, 3} {
			got := run(path, procs)
			for i, w := range want.Float32s() {
				if math.Float32bits(got.Float32s()[i]) != math.Float32bits(w) {
					t.Fatalf("float32 path %v, GOMAXPROCS %d: [%d] = %v, want %v", path, procs, i, got.Float32s()[i], w)
				}
			}
		}
	}
}
