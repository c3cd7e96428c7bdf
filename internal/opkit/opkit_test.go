package opkit

import (
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

func TestBroadcastIndex(t *testing.T) {
	for _, c := range []struct {
		in, out []int
		want    []int
	}{
		{[]int{2, 3}, []int{2, 3}, []int{0, 1, 2, 3, 4, 5}},
		{[]int{3}, []int{2, 3}, []int{0, 1, 2, 0, 1, 2}},
		{[]int{2, 1}, []int{2, 3}, []int{0, 0, 0, 1, 1, 1}},
		{[]int{}, []int{2, 2}, []int{0, 0, 0, 0}},
		{[]int{1, 3}, []int{2, 2, 3}, []int{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}},
	} {
		if got := BroadcastIndex(c.in, c.out); !slices.Equal(got, c.want) {
			t.Errorf("BroadcastIndex(%v, %v) = %v, want %v", c.in, c.out, got, c.want)
		}
		// Fill from any start gives the same run
		b := NewBroadcaster(c.in, c.out)
		for start := range c.want {
			got := make([]int, len(c.want)-start)
			b.Fill(got, start)
			if !slices.Equal(got, c.want[start:]) {
				t.Errorf("Fill(%v→%v) from %d = %v, want %v", c.in, c.out, start, got, c.want[start:])
			}
		}
	}
}

// passOp is a differentiable op for the walk: its Grad is never called.
type passOp struct{}

func (passOp) Type() string { return "Pass" }
func (passOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}
func (passOp) Grad(*graph.Node, *graph.Tensor) []*graph.Tensor { return nil }

// stopOp is not differentiable: the walk stops there.
type stopOp struct{ passOp }

func (stopOp) Grad() {}

func TestDependsOn(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{2})
	i := graph.Const(nd.New(nd.Int64, 2)).In(g)
	a := graph.NewNode(passOp{}, []*graph.Tensor{x, i}).Output()
	z := g.Placeholder(graph.Float32, graph.Shape{2})
	stop := graph.NewNode(stopOp{}, []*graph.Tensor{z}).Output()
	y := graph.NewNode(passOp{}, []*graph.Tensor{a, stop}).Output()
	got := DependsOn([]*graph.Tensor{y})
	for n, want := range map[*graph.Node]bool{y.Node(): true, a.Node(): true, stop.Node(): true, x.Node(): true, i.Node(): false, z.Node(): false} {
		if got[n] != want {
			t.Errorf("%s reached: %v, want %v", n.Name(), got[n], want)
		}
	}
	if len(got) != 4 {
		t.Errorf("reached %d nodes, want 4", len(got))
	}
}
