package compile_test

import (
	"fmt"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// session.Explain compiles a Run as Run would and reports each stage:
// pruning (the accuracy nodes are not needed for a training step), the
// backward pass, the stable rewrites of log(sigmoid(x)) and
// log(1-sigmoid(x)), fusion of elementwise chains, and the size of the
// program left for the Gorgonia tape machine.
func Example() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	w := g.Variable(ops.Zeros(2, 1))
	w0 := g.Variable(ops.Zeros(1))
	p := ops.Sigmoid(ops.Add(ops.MatMul(x, w), w0))
	loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1, t), ops.Log(ops.Sub(1, p))))))
	trainStep := train.NewGradientDescentOptimizer(0.01).Minimize(loss)
	// the accuracy: a training step does not need it
	ops.ReduceMean(ops.Cast(ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5))), graph.Float32))

	sess := session.New(g)
	feed := session.Feed{x: [][]float64{{1, 2}, {3, 4}}, t: [][]float64{{0}, {1}}}
	report, err := sess.Explain(trainStep, feed)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(report)
	// Output:
	// pruned:     25 of 38 graph nodes needed
	// gradients:  14 nodes added by the backward pass
	// stabilized: log(sigmoid(x)) → LogSigmoid(x)
	// stabilized: log(1-sigmoid(x)) → LogSigmoid(-x)
	// live:       30 program nodes
	// fused:      MatMul → Add
	// fused:      LogSigmoid → Mul → LogSigmoid → Mul → Add
	// fused:      Mul → LogSigmoidGrad → Neg → Mul → LogSigmoidGrad → Add
	// program:    11 kernels + 9 inputs on the Gorgonia tape machine
	// memory:     72 bytes of unit outputs, 44 of them newly allocated
}
