package ops_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// checkGradient compares the symbolic gradient of sum(w * f(xs)) for a
// fixed random w against central finite differences, in float64, for
// every input. inputs are float64 arrays; f builds the op under test.
func checkGradient(t *testing.T, f func(xs []*graph.Tensor) *graph.Tensor, inputs ...*nd.Array) {
	t.Helper()
	g := graph.New()
	xs := make([]*graph.Tensor, len(inputs))
	for i, in := range inputs {
		xs[i] = g.Placeholder(graph.Float64, graph.Shape(in.Shape()))
	}
	y := f(xs)
	sess := session.New(g)
	feed := session.Feed{}
	for i, in := range inputs {
		feed[xs[i]] = in
	}
	yv, err := sess.Run(y, feed)
	if err != nil {
		t.Fatalf("forward: %v", err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	wa := nd.New(graph.Float64, yv.(*nd.Array).Shape()...)
	for i := range wa.Float64s() {
		wa.Float64s()[i] = r.Float64()*2 - 1
	}
	w := g.Placeholder(graph.Float64, graph.Shape(wa.Shape()))
	feed[w] = wa
	obj := ops.ReduceSum(ops.Mul(w, y))
	grads := ops.Gradients([]*graph.Tensor{obj}, xs)
	objAt := func() float64 {
		v, err := sess.Run(obj, feed)
		if err != nil {
			t.Fatalf("objective: %v", err)
		}
		return v.(*nd.Array).Float()
	}
	for i, in := range inputs {
		if grads[i] == nil {
			t.Fatalf("input %d: no gradient", i)
		}
		gv, err := sess.Run(grads[i], feed)
		if err != nil {
			t.Fatalf("gradient %d: %v", i, err)
		}
		sym := gv.(*nd.Array)
		x := in.Clone()
		feed[xs[i]] = x
		const h = 1e-6
		for k := range x.Float64s() {
			orig := x.Float64s()[k]
			x.Float64s()[k] = orig + h
			up := objAt()
			x.Float64s()[k] = orig - h
			down := objAt()
			x.Float64s()[k] = orig
			num := (up - down) / (2 * h)
			if got := sym.Flat(k); math.Abs(got-num) > 1e-5*max(1, math.Abs(num)) {
				t.Errorf("input %d element %d: symbolic gradient %.9g, finite difference %.9g", i, k, got, num)
			}
		}
		feed[xs[i]] = in
	}
}

// randArray is a float64 array of the given shape with values in [lo, hi).
func randArray(seed uint64, lo, hi float64, shape ...int) *nd.Array {
	r := rand.New(rand.NewPCG(seed, 7))
	a := nd.New(graph.Float64, shape...)
	for i := range a.Float64s() {
		a.Float64s()[i] = lo + (hi-lo)*r.Float64()
	}
	return a
}

func TestGradientMatMulSmoke(t *testing.T) {
	checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.MatMul(xs[0], xs[1]) },
		randArray(1, -1, 1, 3, 4), randArray(2, -1, 1, 4, 2))
}
