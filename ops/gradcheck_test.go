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

// one and two adapt single- and two-input ops to checkGradient.
func one(f func(any) *graph.Tensor) func([]*graph.Tensor) *graph.Tensor {
	return func(xs []*graph.Tensor) *graph.Tensor { return f(xs[0]) }
}

func two(f func(a, b any) *graph.Tensor) func([]*graph.Tensor) *graph.Tensor {
	return func(xs []*graph.Tensor) *graph.Tensor { return f(xs[0], xs[1]) }
}

func TestGradientMatMul(t *testing.T) {
	for _, c := range []struct {
		name   string
		ta, tb bool
		a, b   []int
	}{
		{"a·b", false, false, []int{3, 4}, []int{4, 2}},
		{"a·bᵀ", false, true, []int{3, 4}, []int{2, 4}},
		{"aᵀ·b", true, false, []int{4, 3}, []int{4, 2}},
		{"aᵀ·bᵀ", true, true, []int{4, 3}, []int{2, 4}},
		{"column", false, false, []int{5, 2}, []int{2, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.MatMulT(xs[0], xs[1], c.ta, c.tb) },
				randArray(1, -1, 1, c.a...), randArray(2, -1, 1, c.b...))
		})
	}
	t.Run("MatMul", func(t *testing.T) {
		checkGradient(t, two(ops.MatMul), randArray(3, -1, 1, 2, 3), randArray(4, -1, 1, 3, 2))
	})
	t.Run("same input twice", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.MatMulT(xs[0], xs[0], false, true) },
			randArray(5, -1, 1, 3, 2))
	})
}

func TestGradientBinary(t *testing.T) {
	shapes := []struct {
		name string
		a, b []int
	}{
		{"same", []int{2, 3}, []int{2, 3}},
		{"[2,3]·[3]", []int{2, 3}, []int{3}},
		{"[3]·[2,3]", []int{3}, []int{2, 3}},
		{"[2,1]·[1,3]", []int{2, 1}, []int{1, 3}},
		{"[2,3]·[2,1]", []int{2, 3}, []int{2, 1}},
		{"[2,3]·scalar", []int{2, 3}, []int{}},
		{"scalar·[2,3]", []int{}, []int{2, 3}},
		{"[1]·[2,3]", []int{1}, []int{2, 3}},
	}
	for _, op := range []struct {
		name string
		f    func(a, b any) *graph.Tensor
	}{{"Add", ops.Add}, {"Sub", ops.Sub}, {"Mul", ops.Mul}, {"Div", ops.Div}} {
		for _, s := range shapes {
			t.Run(op.name+" "+s.name, func(t *testing.T) {
				// positive, away from 0, so Div stays smooth
				checkGradient(t, two(op.f), randArray(11, 0.5, 2, s.a...), randArray(12, 0.5, 2, s.b...))
			})
		}
	}
	t.Run("Go numbers", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			return ops.Add(ops.Mul(ops.Sub(1, xs[0]), 15.74), ops.Div(2, ops.Add(xs[0], 3)))
		}, randArray(13, -1, 1, 2, 3))
	})
	t.Run("x*x", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Mul(xs[0], xs[0]) }, randArray(14, -1, 1, 4))
	})
	t.Run("x/x broadcast", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			return ops.Div(xs[0], ops.ReduceSum(xs[0], 1))
		}, randArray(15, 0.5, 2, 1, 3))
	})
}

func TestGradientUnary(t *testing.T) {
	for _, c := range []struct {
		name   string
		f      func(any) *graph.Tensor
		lo, hi float64
	}{
		{"Log", ops.Log, 0.2, 3},
		{"Exp", ops.Exp, -2, 2},
		{"Square", ops.Square, -2, 2},
		{"Sqrt", ops.Sqrt, 0.2, 3},
		{"Sigmoid", ops.Sigmoid, -4, 4},
		{"LogSigmoid", ops.LogSigmoid, -4, 4},
		{"LogSigmoid far", ops.LogSigmoid, -40, 40},
		{"Tanh", ops.Tanh, -2, 2},
		{"Relu positive", ops.Relu, 0.1, 2},
		{"Relu negative", ops.Relu, -2, -0.1},
		{"Abs positive", ops.Abs, 0.1, 2},
		{"Abs negative", ops.Abs, -2, -0.1},
		{"Sign", ops.Sign, 0.1, 2},
		{"Neg", ops.Neg, -2, 2},
	} {
		t.Run(c.name, func(t *testing.T) { checkGradient(t, one(c.f), randArray(21, c.lo, c.hi, 2, 3)) })
	}
	t.Run("Relu mixed", func(t *testing.T) {
		x := nd.FromFloat64s([]float64{-1.5, 0.7, 2, -0.2, 0.3, -3}, 2, 3)
		checkGradient(t, one(ops.Relu), x)
		checkGradient(t, one(ops.Abs), x)
	})
	t.Run("scalar", func(t *testing.T) { checkGradient(t, one(ops.Tanh), randArray(22, -1, 1)) })
}

func TestGradientSoftmax(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(any) *graph.Tensor
	}{{"Softmax", ops.Softmax}, {"LogSoftmax", ops.LogSoftmax}} {
		t.Run(c.name+" rows", func(t *testing.T) { checkGradient(t, one(c.f), randArray(31, -2, 2, 3, 4)) })
		t.Run(c.name+" vector", func(t *testing.T) { checkGradient(t, one(c.f), randArray(32, -2, 2, 5)) })
	}
}

func TestGradientReduce(t *testing.T) {
	for _, c := range []struct {
		name string
		axes []int
	}{{"all", nil}, {"axis 0", []int{0}}, {"axis 1", []int{1}}, {"axis -1", []int{-1}}, {"axes 0,2", []int{0, 2}}, {"axes -2,-1", []int{-2, -1}}} {
		t.Run("Sum "+c.name, func(t *testing.T) {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.ReduceSum(xs[0], c.axes...) }, randArray(41, -1, 1, 2, 3, 4))
		})
		t.Run("Mean "+c.name, func(t *testing.T) {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.ReduceMean(xs[0], c.axes...) }, randArray(42, -1, 1, 2, 3, 4))
		})
	}
	t.Run("Mean of a vector", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.ReduceMean(xs[0]) }, randArray(43, -1, 1, 7))
	})
}

func TestGradientReshapeCast(t *testing.T) {
	t.Run("Reshape", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Reshape(xs[0], 3, -1) }, randArray(51, -1, 1, 2, 3))
	})
	t.Run("Reshape feeds a matmul", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.MatMul(ops.Reshape(xs[0], -1, 2), xs[1]) },
			randArray(52, -1, 1, 6), randArray(53, -1, 1, 2, 2))
	})
	t.Run("Cast float64 to float64", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Mul(ops.Cast(xs[0], graph.Float64), xs[0]) }, randArray(54, -1, 1, 2, 3))
	})
}

// TestGradientStabilized checks the chains the compile step rewrites
// (log(softmax(x)), log(sigmoid(x)), log(1-sigmoid(x))), and the
// lecture's models built from them.
func TestGradientStabilized(t *testing.T) {
	t.Run("log(softmax(x))", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Log(ops.Softmax(xs[0])) }, randArray(61, -3, 3, 3, 4))
	})
	t.Run("log(sigmoid(x))", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Log(ops.Sigmoid(xs[0])) }, randArray(62, -3, 3, 2, 3))
	})
	t.Run("log(1-sigmoid(x))", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Log(ops.Sub(1, ops.Sigmoid(xs[0]))) }, randArray(63, -3, 3, 2, 3))
	})
	t.Run("softmax used twice", func(t *testing.T) {
		// the softmax feeds both a log (rewritten) and a product (kept)
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			p := ops.Softmax(xs[0])
			return ops.Mul(p, ops.Log(p))
		}, randArray(64, -2, 2, 2, 3))
	})
	t.Run("binary cross-entropy", func(t *testing.T) {
		tt := nd.FromFloat64s([]float64{1, 0, 0, 1, 1}, 5, 1)
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			p := ops.Sigmoid(ops.Add(ops.MatMul(xs[0], xs[1]), xs[2]))
			return ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(xs[3], ops.Log(p)), ops.Mul(ops.Sub(1, xs[3]), ops.Log(ops.Sub(1, p))))))
		}, randArray(65, -1, 1, 5, 2), randArray(66, -1, 1, 2, 1), randArray(67, -1, 1, 1), tt)
	})
	t.Run("softmax cross-entropy", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			p := ops.Softmax(ops.Add(ops.MatMul(xs[0], xs[1]), xs[2]))
			return ops.Neg(ops.ReduceSum(ops.Mul(xs[3], ops.Log(p))))
		}, randArray(68, -1, 1, 4, 3), randArray(69, -1, 1, 3, 5), randArray(70, -1, 1, 5), randArray(71, 0, 1, 4, 5))
	})
	t.Run("two tanh layers", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			h := ops.Tanh(ops.Add(ops.MatMul(xs[0], xs[1]), xs[2]))
			return ops.Sigmoid(ops.MatMul(ops.Tanh(h), xs[3]))
		}, randArray(72, -1, 1, 4, 2), randArray(73, -1, 1, 2, 3), randArray(74, -1, 1, 1, 3), randArray(75, -1, 1, 3, 1))
	})
}
