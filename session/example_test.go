package session_test

import (
	"errors"
	"fmt"

	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// The lecture's logistic regression (MLE), cell by cell: the model, the
// loss summed over the batch, Adam, the accuracy, then a session that
// initializes the variables once and trains on the whole set. Zero
// initial weights make every run print the same lines.
func Example() {
	data := fixtures.MLE() // 35 points (x1, x2) with labels 0 or 1
	trainX := data.X       // [][2]float64 feeds a [None, 2] placeholder
	trainT := nd.FromFloat64s(data.T, data.Len(), 1)

	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable(ops.Zeros(2, 1))
	w0 := g.Variable(ops.Zeros(1))
	f := ops.Add(ops.MatMul(x, w), w0)
	p := ops.Sigmoid(f)

	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1, t), ops.Log(ops.Sub(1, p))))))
	trainStep := train.NewAdamOptimizer().Minimize(loss)
	correctPrediction := ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5)))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	feed := session.Feed{x: trainX, t: trainT}
	for i := 1; i <= 2000; i++ {
		if _, err := sess.Run(trainStep, feed); err != nil {
			fmt.Println(err)
			return
		}
		if i%500 == 0 {
			v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Printf("Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
		}
	}
	// Output:
	// Step: 500, Loss: 20.812286, Accuracy: 0.685714
	// Step: 1000, Loss: 18.608679, Accuracy: 0.828571
	// Step: 1500, Loss: 16.746792, Accuracy: 0.885714
	// Step: 2000, Loss: 15.165894, Accuracy: 0.885714
}

// Run takes one fetch or a list of them, nested as deep as you like, and
// answers in the same shape: an *nd.Array per tensor, variable or
// constant, nil per op (an initializer, a training step).
func ExampleSession_Run() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None})
	v := g.Variable(ops.Constant([]float64{1, 2, 3}))
	dot := ops.ReduceSum(ops.Mul(x, v))

	sess := session.New(g)
	res, err := sess.Run(g.GlobalVariablesInitializer(), nil)
	fmt.Println(res, err)
	res, err = sess.Run([]any{dot, []any{v, ops.Constant(0.5)}}, session.Feed{x: []float64{1, 1, 1}})
	fmt.Println(res, err)
	// Output:
	// <nil> <nil>
	// [6.0 [[1. 2. 3.] 0.5]] <nil>
}

// A feed value may be a Go number, a nested slice or an *nd.Array of any
// dtype, or a list of arrays; it is converted to the tensor's dtype and
// checked against its static shape, as TF checks a feed_dict. The
// shape-less keep_prob placeholder takes a bare number.
func ExampleFeed() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	keepProb := g.Placeholder(graph.Float32, graph.UnknownShape, graph.Name("keep_prob"))
	y := ops.Mul(ops.ReduceSum(x, 1), keepProb)

	sess := session.New(g)
	for _, v := range []any{
		[][2]float64{{1, 2}, {3, 4}},
		[]*nd.Array{nd.FromInt64s([]int64{5, 6}, 2)}, // [image]
		[][]float64{{1, 2, 3}},
	} {
		res, err := sess.Run(y, session.Feed{x: v, keepProb: 0.5})
		fmt.Println(res, err)
	}
	// Output:
	// [1.5 3.5] <nil>
	// [5.5] <nil>
	// <nil> Cannot feed value of shape (1, 3) for Tensor 'x:0', which has shape '(?, 2)'
}

// RunTensors fetches values in order, with no type assertions; Scalars
// turns one-element values into numbers, and the nd accessors read one.
// A name fetches a tensor as TF's "x:0" does.
func ExampleSession_RunTensors() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	w := g.Variable(ops.Constant([][]float64{{0.5}, {-1}}), graph.Name("w"))
	y := ops.Sigmoid(ops.MatMul(x, w))
	loss := ops.ReduceSum(y)

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	feed := session.Feed{x: [][]float64{{1, 1}, {2, 1}}}
	vals, err := sess.RunTensors(feed, y, w, "x:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(vals[0])
	fmt.Println(vals[1].Shape(), vals[2].Shape())

	v, err := session.Scalars(sess.RunTensors(feed, loss))
	fmt.Printf("%.6f %v\n", v[0], err)
	_, err = session.Scalars(sess.RunTensors(feed, loss, y))
	fmt.Println(err)
	// Output:
	// [[0.37754068]
	//  [0.5       ]]
	// [2 1] [2 2]
	// 0.877541 <nil>
	// session.Scalars: value 1 has shape (2, 1) (2 elements), not a single value
}

// Feeding a variable stands its value in for one Run, as TF allows; the
// variable keeps its own. Any tensor can be fed by name too.
func ExampleFeed_variable() {
	g := graph.New()
	w := g.Variable(ops.Constant([]float64{1, 2}), graph.Name("w"))
	total := ops.ReduceSum(w)

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	fed, _ := session.Scalars(sess.RunTensors(session.Feed{w: []float64{10, 20}}, total))
	byName, _ := session.Scalars(sess.RunTensors(session.Feed{graph.TensorName("w:0"): []float64{3, 4}}, total))
	own, _ := session.Scalars(sess.RunTensors(nil, total))
	fmt.Println(fed, byName, own)
	// Output:
	// [30] [7] [3]
}

// The errors a Run returns are typed values in TF's words; errors.As
// finds them.
func ExampleMissingFeedError() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	w := g.Variable(ops.Zeros(2, 1), graph.Name("w"))
	y := ops.MatMul(x, w)

	sess := session.New(g)
	_, err := sess.RunTensors(nil, y)
	var missing *session.MissingFeedError
	if errors.As(err, &missing) {
		fmt.Println("missing:", missing.Name, missing.Shape)
	}
	_, err = sess.RunTensors(session.Feed{x: [][]float64{{1, 2}}}, y)
	var uninit *session.UninitializedError
	if errors.As(err, &uninit) {
		fmt.Println(err)
	}
	sess.Close()
	_, err = sess.Run(g.GlobalVariablesInitializer(), nil)
	fmt.Println(errors.As(err, new(*session.ClosedError)), err)
	// Output:
	// missing: x (?, 2)
	// Attempting to use uninitialized value w
	// true Attempted to use a closed Session.
}
