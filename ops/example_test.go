package ops_test

import (
	"fmt"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// A bias of shape [3] added to a batch [None, 3] is stretched over the
// rows, as numpy and TF broadcast; a Go number on either side of an
// arithmetic op takes the other side's dtype, as in 1-t.
func ExampleAdd() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	b := ops.Constant([]float64{10, 20, 30})
	y := ops.Add(x, b)
	z := ops.Sub(1, x)
	fmt.Println(y.Shape(), z.Shape())

	sess := session.New(g)
	res, err := sess.Run([]any{y, z}, session.Feed{x: [][]float64{{1, 2, 3}, {4, 5, 6}}})
	fmt.Println(res, err)
	// Output:
	// (?, 3) (?, 3)
	// [[[11. 22. 33.]
	//  [14. 25. 36.]] [[ 0. -1. -2.]
	//  [-3. -4. -5.]]] <nil>
}

// BroadcastShape is the rule Add, Sub, Mul, Div and Equal apply to static
// shapes: a None dim stays None unless the other side fixes it.
func ExampleBroadcastShape() {
	fmt.Println(ops.BroadcastShape(graph.Shape{graph.None, 1, 3}, graph.Shape{2, 3}))
	fmt.Println(ops.BroadcastShape(graph.Shape{graph.None, 1}, graph.Shape{graph.None, 10}))
	fmt.Println(ops.BroadcastShape(graph.Shape{graph.None, 2}, graph.Shape{3}))
	// Output:
	// (?, 2, 3) <nil>
	// (?, 10) <nil>
	// <unknown> Dimensions must be equal, but are 2 and 3
}

// Softmax normalizes the last axis of each row into probabilities;
// Argmax picks the most probable class.
func ExampleSoftmax() {
	g := graph.New()
	logits := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	p := ops.Softmax(logits)
	class := ops.Argmax(p, 1)

	sess := session.New(g)
	res, err := sess.Run([]any{p, class}, session.Feed{logits: [][]float64{{1, 2, 3}, {0, 0, 0}, {-1000, 0, 1000}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	probs := res.([]any)[0].(*nd.Array)
	for i := range probs.Dim(0) {
		fmt.Printf("%.4f %.4f %.4f\n", probs.At(i, 0), probs.At(i, 1), probs.At(i, 2))
	}
	fmt.Println(res.([]any)[1])
	// Output:
	// 0.0900 0.2447 0.6652
	// 0.3333 0.3333 0.3333
	// 0.0000 0.0000 1.0000
	// [2 0 2]
}

// Gradients is tf.gradients: here d(sum(x²))/dx = 2x.
func ExampleGradients() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{3})
	y := ops.ReduceSum(ops.Square(x))
	dx := ops.Gradients([]*graph.Tensor{y}, []*graph.Tensor{x})[0]

	res, err := session.New(g).Run(dx, session.Feed{x: []float64{1, 2, 3}})
	fmt.Println(res, err)
	// Output:
	// [2. 4. 6.] <nil>
}
