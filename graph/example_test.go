package graph_test

import (
	"errors"
	"fmt"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
)

// A placeholder's None dim is filled in by each feed; the static shape
// prints as TF1 prints it, and ops infer theirs from their inputs'.
func ExampleGraph_Placeholder() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("x"))
	keepProb := g.Placeholder(graph.Float32, graph.UnknownShape)
	w := g.Variable(ops.Zeros(784, 10))
	y := ops.MatMul(x, w)

	fmt.Println(x)
	fmt.Println(x.Name(), x.Shape(), x.Shape().Brackets())
	fmt.Println(keepProb.Shape(), keepProb.Shape().Known())
	fmt.Println(y.Shape(), y.Shape().FullyDefined())
	// Output:
	// Tensor("x:0", shape=(?, 784), dtype=float)
	// x:0 (?, 784) [?,784]
	// <unknown> false
	// (?, 10) false
}

// Nodes are named after their op type, or graph.Name; a taken name gets
// _1, _2, ... as in TF. A tensor's name is its node's plus ":0".
func ExampleGraph_Variable() {
	g := graph.New()
	w1 := g.Variable(ops.Zeros(2, 1))
	w2 := g.Variable(ops.Zeros(1))
	b1 := g.Variable(ops.Constant(0.1, 3), graph.Name("bias"))
	b2 := g.Variable(ops.Constant(0.1, 3), graph.Name("bias"))

	for _, v := range []*graph.Variable{w1, w2, b1, b2} {
		fmt.Println(v.Name(), v.Shape(), v.Initializer.Name())
	}
	fmt.Println(g.NodeByName("bias_1:0") == b2.Node())
	// Output:
	// Variable:0 (2, 1) Variable/Assign
	// Variable_1:0 (1,) Variable_1/Assign
	// bias:0 (3,) bias/Assign
	// bias_1:0 (3,) bias_1/Assign
	// true
}

// with tf.name_scope("hidden1"): becomes a function run inside the scope.
func ExampleGraph_NameScope() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	var h *graph.Tensor
	g.NameScope("hidden1", func() {
		w := g.Variable(ops.TruncatedNormal([]int{2, 3}))
		h = ops.Tanh(ops.MatMul(x, w))
	})
	fmt.Println(h.Name())
	for _, n := range g.Nodes() {
		fmt.Println(n.Name())
	}
	// Output:
	// hidden1/Tanh:0
	// x
	// hidden1/TruncatedNormal
	// hidden1/Variable
	// hidden1/Variable/Assign
	// hidden1/MatMul
	// hidden1/Tanh
}

// Building needs no error check after each op: the first error is kept
// on the graph, in TF's words, and g.Err and every Session.Run report it.
func ExampleGraph_Err() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable(ops.Zeros(3, 1))
	y := ops.Sigmoid(ops.MatMul(x, w)) // building on goes on

	fmt.Println(g.Err())
	fmt.Println(y.Shape())
	// Output:
	// Dimensions must be equal, but are 2 and 3 for 'MatMul' (op: 'MatMul') with input shapes: [?,2], [3,1].
	// <unknown>
}

// TensorByName finds a tensor as TF's get_tensor_by_name does, with its
// errors; a TensorName names one in a Feed or a fetch.
func ExampleGraph_TensorByName() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))

	t, err := g.TensorByName("x:0")
	fmt.Println(t == x, err)
	_, err = g.TensorByName("x:1")
	fmt.Println(err)
	_, err = g.TensorByName("x")
	fmt.Println(err)
	t, err = graph.TensorName("x").TensorIn(g) // a bare op name: output 0
	fmt.Println(t == x, err)
	// Output:
	// true <nil>
	// The name 'x:1' refers to a Tensor which does not exist. The operation, 'x', exists but only has 1 outputs.
	// The name 'x' refers to an Operation, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".
	// true <nil>
}

// Failed keeps a builder's own error on the graph, as it is: an
// optimizer uses it for a loss that no variable reaches.
func ExampleFailed() {
	g := graph.New()
	step := graph.Failed(g, errors.New("No variables to optimize."))
	fmt.Println(step != nil, g.Err())
	// Output:
	// true No variables to optimize.
}
