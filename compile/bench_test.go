package compile_test

import (
	"math/rand/v2"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// benchStep times sess.Run(step, feed) after one warm-up run compiles it.
func benchStep(b *testing.B, g *graph.Graph, step any, feed session.Feed) {
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		b.Fatal(err)
	}
	if _, err := sess.Run(step, feed); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sess.Run(step, feed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMLETrainStep is one full-batch Adam step of the MLE notebook's
// logistic regression on its 35 points.
func BenchmarkMLETrainStep(b *testing.B) {
	m := logisticRegression(graph.Float32)
	benchStep(b, m.g, m.step, m.feed)
}

// BenchmarkMLPTrainStep is one Adam step of the MSL notebook's network,
// 784-1024 (relu)-10 (softmax), cross-entropy, on a batch of 100.
func BenchmarkMLPTrainStep(b *testing.B) {
	g := graph.New()
	g.SetRandomSeed(20160612)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 10})
	w1 := g.Variable(ops.TruncatedNormal([]int{784, 1024}))
	b1 := g.Variable(ops.Zeros(1024))
	h := ops.Relu(ops.Add(ops.MatMul(x, w1), b1))
	w0 := g.Variable(ops.Zeros(1024, 10))
	b0 := g.Variable(ops.Zeros(10))
	p := ops.Softmax(ops.Add(ops.MatMul(h, w0), b0))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	step := train.NewAdamOptimizer(0.0005).Minimize(loss)
	xa, ta := classBatch(rand.New(rand.NewPCG(3, 4)), 100, 784, 10)
	benchStep(b, g, step, session.Feed{x: xa, t: ta})
}

// BenchmarkTrivialRun is a Run of the smallest program there is, one
// scalar Add: what is left is the per-Run cost of the session, the
// compiled program and the Gorgonia tape machine around it.
func BenchmarkTrivialRun(b *testing.B) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{})
	benchStep(b, g, ops.Add(x, 1), session.Feed{x: 2.0})
}
