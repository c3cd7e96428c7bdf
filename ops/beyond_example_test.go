package ops_test

import (
	"fmt"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// StridedSlice is Python's indexing: x[:, 1:3], x[-1] and x[:, ::-1].
func ExampleStridedSlice() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	cols := ops.StridedSlice(x, ops.All, ops.Span(1, 3))
	last := ops.StridedSlice(x, ops.At(-1))
	rev := ops.StridedSlice(x, ops.All, ops.All.Step(-1))
	fmt.Println(cols.Shape(), last.Shape(), rev.Shape())

	v, err := session.New(g).RunTensors(session.Feed{x: [][]float64{{1, 2, 3}, {4, 5, 6}}}, cols, last, rev)
	fmt.Println(v, err)
	// Output:
	// (?, 2) (3,) (?, 3)
	// [[[2. 3.]
	//  [5. 6.]] [4. 5. 6.] [[3. 2. 1.]
	//  [6. 5. 4.]]] <nil>
}

// A classifier's loss and accuracy from logits and integer labels, as a
// TF1 program writes them.
func ExampleSparseSoftmaxCrossEntropyWithLogits() {
	g := graph.New()
	logits := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	labels := g.Placeholder(graph.Int64, graph.Shape{graph.None})
	loss := ops.ReduceMean(ops.SparseSoftmaxCrossEntropyWithLogits(labels, logits))
	accuracy := ops.ReduceMean(ops.Cast(ops.InTopK(logits, labels, 1), graph.Float32))

	feed := session.Feed{logits: [][]float64{{1, 2, 3}, {1, 1, 1}}, labels: nd.FromInt64s([]int64{2, 1}, 2)}
	v, err := session.Scalars(session.New(g).RunTensors(feed, loss, accuracy))
	fmt.Printf("loss %.4f accuracy %.2f %v\n", v[0], v[1], err)
	// Output:
	// loss 0.7531 accuracy 1.00 <nil>
}

// Where picks elementwise by a condition (TF1's tf.where(cond, x, y)).
func ExampleWhere() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{4})
	y := ops.Where(ops.Greater(x, 0), x, ops.Mul(x, 0.1))
	v, err := session.New(g).RunTensors(session.Feed{x: []float64{-2, -1, 1, 2}}, y)
	fmt.Println(v, err)
	// Output:
	// [[-0.2 -0.1  1.   2. ]] <nil>
}

// Concat joins along an existing axis, Stack along a new one.
func ExampleConcat() {
	a := ops.Constant([][]float64{{1, 2}, {3, 4}})
	b := ops.Constant([][]float64{{5, 6}, {7, 8}})
	g := graph.New()
	c := ops.Concat([]any{a, b}, 1).In(g)
	s := ops.Stack([]any{a, b}, 0).In(g)
	fmt.Println(c.Shape(), s.Shape())
	v, err := session.New(g).RunTensors(nil, c)
	fmt.Println(v[0], err)
	// Output:
	// (2, 4) (2, 2, 2)
	// [[1. 2. 5. 6.]
	//  [3. 4. 7. 8.]] <nil>
}

// Gather picks rows by index; OneHot turns indices into one-hot rows.
func ExampleGather() {
	g := graph.New()
	ids := g.Placeholder(graph.Int64, graph.Shape{graph.None})
	table := ops.Constant([][]float64{{0, 0}, {1, 1}, {2, 4}})
	rows := ops.Gather(table, ids)
	hot := ops.OneHot(ids, 3)
	v, err := session.New(g).RunTensors(session.Feed{ids: nd.FromInt64s([]int64{2, 0}, 2)}, rows, hot)
	fmt.Println(v, err)
	// Output:
	// [[[2. 4.]
	//  [0. 0.]] [[0. 0. 1.]
	//  [1. 0. 0.]]] <nil>
}

// ClipByGlobalNorm scales tensors together so that their global norm is
// at most the clip norm: [3, 4] and [12] have norm 13; clipped to 6.5
// they halve.
func ExampleClipByGlobalNorm() {
	g := graph.New()
	a := g.Placeholder(graph.Float32, graph.Shape{2})
	b := g.Placeholder(graph.Float32, graph.Shape{1})
	clipped, norm := ops.ClipByGlobalNorm([]*graph.Tensor{a, b}, 6.5)
	v, err := session.New(g).RunTensors(session.Feed{a: []float64{3, 4}, b: []float64{12}}, clipped[0], clipped[1], norm)
	fmt.Println(v, err)
	// Output:
	// [[1.5 2. ] [6.] 13.0] <nil>
}

// The reductions beyond sum and mean, and Argmin.
func ExampleReduceMax() {
	x := ops.Constant([][]float64{{1, 5, 3}, {4, 2, 6}})
	g := graph.New()
	v, err := session.New(g).RunTensors(nil, ops.ReduceMax(x, 1).In(g), ops.ReduceMin(x).In(g), ops.ReduceProd(x, 0).In(g), ops.Argmin(x, 1).In(g))
	fmt.Println(v, err)
	// Output:
	// [[5. 6.] 1.0 [ 4. 10. 18.] [0 1]] <nil>
}

// Unstack and Split cut a tensor into a Go slice of tensors.
func ExampleSplit() {
	x := ops.Constant([][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}})
	g := graph.New()
	halves := ops.Split(x, 2, 1)
	rows := ops.Unstack(x, 0)
	v, err := session.New(g).RunTensors(nil, halves[1].In(g), rows[0].In(g))
	fmt.Println(len(halves), len(rows), v, err)
	// Output:
	// 2 2 [[[3. 4.]
	//  [7. 8.]] [1. 2. 3. 4.]] <nil>
}

// Shape is computed at Run, so a None dim gives the fed size; Range and
// Fill build tensors from numbers.
func ExampleShape() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	v, err := session.New(g).RunTensors(session.Feed{x: [][]float64{{1, 2}, {3, 4}, {5, 6}}},
		ops.Shape(x), ops.Size(x), ops.Range(0, 6, 2).In(g), ops.Fill([]int{2}, ops.ReduceMax(x)))
	fmt.Println(v, err)
	// Output:
	// [[3 2] 6 [0 2 4] [6. 6.]] <nil>
}

// RandomNormal draws TF's numbers for the graph seed: the same values
// every run.
func ExampleRandomNormal() {
	g := graph.New()
	g.SetRandomSeed(1)
	n := ops.RandomNormal([]int{3}).In(g)
	u := ops.RandomUniform([]int{3}, 0, 10).In(g)
	sess := session.New(g)
	a, _ := sess.RunTensors(nil, n, u)
	b, err := session.New(g).RunTensors(nil, n, u)
	fmt.Println(a[0].String() == b[0].String(), a[1].String() == b[1].String(), err)
	// Output:
	// true true <nil>
}
