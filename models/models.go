package models

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/train"
)

// Classifier is a built model: the placeholders it is fed, its output,
// the summed loss, the training op and the accuracy, named as the
// notebooks named them.
type Classifier struct {
	X, T      *graph.Tensor // inputs and one-hot (or 0/1) targets
	P         *graph.Tensor // the output probabilities
	Loss      *graph.Tensor // summed cross-entropy
	TrainStep *graph.Node
	Accuracy  *graph.Tensor
}

// LogisticRegression is MLE's model: p = sigmoid(x·w + w0) on 2-D points,
// binary cross-entropy, Adam, accuracy by the sign of p-0.5.
func LogisticRegression(g *graph.Graph) *Classifier {
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	w := g.Variable(ops.Zeros(2, 1))
	w0 := g.Variable(ops.Zeros(1))
	p := ops.Sigmoid(ops.Add(ops.MatMul(x, w), w0))
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1}, graph.Name("t"))
	loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1, t), ops.Log(ops.Sub(1, p))))))
	correct := ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5)))
	return &Classifier{X: x, T: t, P: p, Loss: loss,
		TrainStep: train.NewAdamOptimizer().Minimize(loss),
		Accuracy:  ops.ReduceMean(ops.Cast(correct, graph.Float32))}
}

// Softmax is MSE's model: 784 → 10 softmax from zeros, Adam.
func Softmax(g *graph.Graph) *Classifier {
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("x"))
	w := g.Variable(ops.Zeros(784, 10))
	w0 := g.Variable(ops.Zeros(10))
	return classifier(g, x, ops.Softmax(ops.Add(ops.MatMul(x, w), w0)), train.NewAdamOptimizer())
}

// SingleLayer is MSL's model: 784 → units relu → 10 softmax, the hidden
// weights from truncated_normal (stddev 1), Adam.
func SingleLayer(g *graph.Graph, units int) *Classifier {
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("x"))
	w1 := g.Variable(ops.TruncatedNormal([]int{784, units}))
	b1 := g.Variable(ops.Zeros(units))
	hidden1 := ops.Relu(ops.Add(ops.MatMul(x, w1), b1))
	w0 := g.Variable(ops.Zeros(units, 10))
	b0 := g.Variable(ops.Zeros(10))
	return classifier(g, x, ops.Softmax(ops.Add(ops.MatMul(hidden1, w0), b0)), train.NewAdamOptimizer())
}

// classifier adds the MNIST notebooks' loss, training op and accuracy.
func classifier(g *graph.Graph, x, p *graph.Tensor, opt train.Optimizer) *Classifier {
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 10}, graph.Name("t"))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	correct := ops.Equal(ops.Argmax(p, 1), ops.Argmax(t, 1))
	return &Classifier{X: x, T: t, P: p, Loss: loss,
		TrainStep: opt.Minimize(loss),
		Accuracy:  ops.ReduceMean(ops.Cast(correct, graph.Float32))}
}
