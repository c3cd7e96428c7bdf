package ops_test

import (
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
)

// TestArrayOps checks the shape and indexing ops against what TF returns
// for the same Python calls (worked out by hand; x is
// [[1,2,3],[4,5,6]]).
func TestArrayOps(t *testing.T) {
	x := [][]float64{{1, 2, 3}, {4, 5, 6}}
	ids := nd.FromInt64s([]int64{2, 0, 2}, 3)
	u := func(f func(*graph.Tensor) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0]) }
	}
	runCases(t, []opCase{
		{"Transpose", u(func(x *graph.Tensor) *graph.Tensor { return ops.Transpose(x) }), []any{x}, [][]float64{{1, 4}, {2, 5}, {3, 6}}, 0},
		{"Transpose perm", u(func(x *graph.Tensor) *graph.Tensor { return ops.Transpose(ops.Reshape(x, 1, 2, 3), 2, 0, 1) }), []any{x},
			[][][]float64{{{1, 4}}, {{2, 5}}, {{3, 6}}}, 0},
		{"Transpose int64", u(func(x *graph.Tensor) *graph.Tensor { return ops.Transpose(x) }), []any{nd.FromInt64s([]int64{1, 2, 3, 4, 5, 6}, 2, 3)},
			[][]int64{{1, 4}, {2, 5}, {3, 6}}, 0},
		{"bools x[::-1]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All.Step(-1)) }), []any{nd.FromBools([]bool{true, false, false}, 3)},
			[]bool{false, false, true}, 0},
		{"x[1, 2] is a scalar", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.At(1), ops.At(2)) }), []any{x}, 6.0, 0},
		{"x[:, 1:3]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.Span(1, 3)) }), []any{x}, [][]float64{{2, 3}, {5, 6}}, 0},
		{"x[-1]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.At(-1)) }), []any{x}, []float64{4, 5, 6}, 0},
		{"x[:, -1]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.At(-1)) }), []any{x}, []float64{3, 6}, 0},
		{"x[:, ::2]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.All.Step(2)) }), []any{x}, [][]float64{{1, 3}, {4, 6}}, 0},
		{"x[:, ::-1]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.All.Step(-1)) }), []any{x}, [][]float64{{3, 2, 1}, {6, 5, 4}}, 0},
		{"x[1:, :-1]", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.SpanFrom(1), ops.SpanTo(-1)) }), []any{x}, [][]float64{{4, 5}}, 0},
		{"x[:, 5:9] is empty", u(func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.Span(5, 9)) }), []any{x}, [][]float64{{}, {}}, 0},
		{"Slice", u(func(x *graph.Tensor) *graph.Tensor { return ops.Slice(x, []int{0, 1}, []int{-1, 2}) }), []any{x}, [][]float64{{2, 3}, {5, 6}}, 0},
		{"Tile", u(func(x *graph.Tensor) *graph.Tensor { return ops.Tile(ops.StridedSlice(x, ops.SpanTo(1)), 2, 2) }), []any{x},
			[][]float64{{1, 2, 3, 1, 2, 3}, {1, 2, 3, 1, 2, 3}}, 0},
		{"Concat axis 0", u(func(x *graph.Tensor) *graph.Tensor { return ops.Concat([]any{x, x}, 0) }), []any{x},
			[][]float64{{1, 2, 3}, {4, 5, 6}, {1, 2, 3}, {4, 5, 6}}, 0},
		{"Concat axis -1", u(func(x *graph.Tensor) *graph.Tensor {
			return ops.Concat([]any{x, ops.StridedSlice(x, ops.All, ops.SpanTo(1))}, -1)
		}), []any{x},
			[][]float64{{1, 2, 3, 1}, {4, 5, 6, 4}}, 0},
		{"Stack axis 0", u(func(x *graph.Tensor) *graph.Tensor { return ops.Stack([]any{x, x}, 0) }), []any{x},
			[][][]float64{{{1, 2, 3}, {4, 5, 6}}, {{1, 2, 3}, {4, 5, 6}}}, 0},
		{"Stack axis 1", u(func(x *graph.Tensor) *graph.Tensor {
			return ops.Stack([]any{ops.StridedSlice(x, ops.At(0)), ops.StridedSlice(x, ops.At(1))}, 1)
		}), []any{x},
			[][]float64{{1, 4}, {2, 5}, {3, 6}}, 0},
		{"Unstack axis 1", u(func(x *graph.Tensor) *graph.Tensor { return ops.Unstack(x, 1)[2] }), []any{x}, []float64{3, 6}, 0},
		{"Split", u(func(x *graph.Tensor) *graph.Tensor { return ops.Split(ops.Reshape(x, 6), 3, 0)[1] }), []any{x}, []float64{3, 4}, 0},
		{"Gather", func(in ...*graph.Tensor) *graph.Tensor { return ops.Gather(ops.Transpose(in[0]), in[1]) }, []any{x, ids},
			[][]float64{{3, 6}, {1, 4}, {3, 6}}, 0},
		{"EmbeddingLookup", func(in ...*graph.Tensor) *graph.Tensor { return ops.EmbeddingLookup(in[0], in[1]) },
			[]any{x, nd.FromInt64s([]int64{1}, 1)}, [][]float64{{4, 5, 6}}, 0},
		{"OneHot", func(in ...*graph.Tensor) *graph.Tensor { return ops.OneHot(in[0], 3) }, []any{nd.FromInt64s([]int64{0, 2, -1}, 3)},
			[][]float64{{1, 0, 0}, {0, 0, 1}, {0, 0, 0}}, 0},
		{"OneHot on off", func(in ...*graph.Tensor) *graph.Tensor { return ops.OneHot(in[0], 2, 5, -1) }, []any{nd.FromInt64s([]int64{1}, 1)},
			[][]float64{{-1, 5}}, 0},
		{"ExpandDims", u(func(x *graph.Tensor) *graph.Tensor { return ops.ExpandDims(x, 1) }), []any{x}, [][][]float64{{{1, 2, 3}}, {{4, 5, 6}}}, 0},
		{"ExpandDims -1", u(func(x *graph.Tensor) *graph.Tensor { return ops.Shape(ops.ExpandDims(x, -1)) }), []any{x}, []int64{2, 3, 1}, 0},
		{"Squeeze", u(func(x *graph.Tensor) *graph.Tensor { return ops.Shape(ops.Squeeze(ops.Reshape(x, 1, 2, 1, 3))) }), []any{x}, []int64{2, 3}, 0},
		{"Squeeze axis", u(func(x *graph.Tensor) *graph.Tensor { return ops.Shape(ops.Squeeze(ops.Reshape(x, 1, 2, 1, 3), 2)) }), []any{x}, []int64{1, 2, 3}, 0},
		{"Shape", u(func(x *graph.Tensor) *graph.Tensor { return ops.Shape(x) }), []any{x}, []int64{2, 3}, 0},
		{"Size", u(func(x *graph.Tensor) *graph.Tensor { return ops.Size(x) }), []any{x}, int64(6), 0},
		{"Fill", u(func(x *graph.Tensor) *graph.Tensor { return ops.Fill([]int{2, 2}, ops.ReduceSum(x)) }), []any{x}, [][]float64{{21, 21}, {21, 21}}, 0},
		{"ZerosLike", u(func(x *graph.Tensor) *graph.Tensor { return ops.ZerosLike(x) }), []any{x}, [][]float64{{0, 0, 0}, {0, 0, 0}}, 0},
		{"OnesLike", u(func(x *graph.Tensor) *graph.Tensor { return ops.OnesLike(x) }), []any{x}, [][]float64{{1, 1, 1}, {1, 1, 1}}, 0},
		{"Range", func(...*graph.Tensor) *graph.Tensor { return ops.Range(0, 5, 2) }, nil, []int64{0, 2, 4}, 0},
		{"Range down", func(...*graph.Tensor) *graph.Tensor { return ops.Range(3, 0, -1) }, nil, []int64{3, 2, 1}, 0},
		{"Range float", func(...*graph.Tensor) *graph.Tensor { return ops.Range(0, 1, 0.25) }, nil, []float64{0, 0.25, 0.5, 0.75}, 0},
	})
}

func TestArrayShapesWithNone(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 4})
	for _, c := range []struct {
		name string
		y    *graph.Tensor
		want graph.Shape
	}{
		{"Transpose", ops.Transpose(x), graph.Shape{4, graph.None}},
		{"x[:, 1:3]", ops.StridedSlice(x, ops.All, ops.Span(1, 3)), graph.Shape{graph.None, 2}},
		{"x[:, 0]", ops.StridedSlice(x, ops.All, ops.At(0)), graph.Shape{graph.None}},
		{"Concat 1", ops.Concat([]any{x, x}, 1), graph.Shape{graph.None, 8}},
		{"Concat 0", ops.Concat([]any{x, x}, 0), graph.Shape{graph.None, 4}},
		{"Stack", ops.Stack([]any{x, x, x}, 1), graph.Shape{graph.None, 3, 4}},
		{"ExpandDims", ops.ExpandDims(x, 0), graph.Shape{1, graph.None, 4}},
		{"Tile", ops.Tile(x, 2, 3), graph.Shape{graph.None, 12}},
		{"Shape", ops.Shape(x), graph.Shape{2}},
	} {
		if !equalInts(c.y.Shape(), c.want) {
			t.Errorf("%s: shape %v, want %v", c.name, c.y.Shape(), c.want)
		}
	}
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	v := runFeeds(t, g, []*graph.Tensor{ops.Shape(x), ops.Size(x)}, x, nd.New(graph.Float64, 5, 4))
	checkArray(t, v[0], []int64{5, 4}, 0)
	checkArray(t, v[1], int64(20), 0)
}

func TestArrayErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(x *graph.Tensor) *graph.Tensor
		want  string
	}{
		{"Transpose perm", func(x *graph.Tensor) *graph.Tensor { return ops.Transpose(x, 0) }, "Dimension must be 2 but is 1"},
		{"x[3]", func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.At(3)) }, "slice index 3 of dimension of size 2 out of bounds."},
		{"too many dims", func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.All, ops.All) }, "Index out of range using input dim 2"},
		{"Slice beyond the dim", func(x *graph.Tensor) *graph.Tensor { return ops.Slice(x, []int{0, 1}, []int{1, 5}) }, "Expected size[1] in [0, 2], but got 5"},
		{"step 0", func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All.Step(0)) }, "strides[i] must be non-zero"},
		{"Concat ranks", func(x *graph.Tensor) *graph.Tensor { return ops.Concat([]any{x, ops.Reshape(x, 6)}, 0) }, "Shape must be rank 2 but is rank 1"},
		{"Concat dims", func(x *graph.Tensor) *graph.Tensor { return ops.Concat([]any{x, ops.Transpose(x)}, 0) }, "Dimension 1 in both shapes must be equal, but are 3 and 2"},
		{"Split uneven", func(x *graph.Tensor) *graph.Tensor { return ops.Split(x, 2, 1)[0] }, "Dimension size must be evenly divisible by 2 but is 3"},
		{"Squeeze a 3", func(x *graph.Tensor) *graph.Tensor { return ops.Squeeze(x, 1) }, "Can not squeeze dim[1], expected a dimension of 1, got 3"},
		{"Gather float indices", func(x *graph.Tensor) *graph.Tensor { return ops.Gather(x, x) }, "Value passed to parameter 'indices' has DataType float32"},
		{"Tile length", func(x *graph.Tensor) *graph.Tensor { return ops.Tile(x, 2) }, "Expected multiples argument to be a vector of length 2 but got length 1"},
		{"Range delta 0", func(x *graph.Tensor) *graph.Tensor { return ops.Add(x, ops.Cast(ops.Range(0, 2, 0), graph.Float32)) }, "Requires delta != 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			c.build(g.Placeholder(graph.Float32, graph.Shape{2, 3}))
			wantErr(t, g.Err(), c.want)
		})
	}
	t.Run("Gather index out of range at Run", func(t *testing.T) {
		g := graph.New()
		p := g.Placeholder(graph.Float32, graph.Shape{2, 3})
		i := g.Placeholder(graph.Int64, graph.Shape{2})
		_, err := sessionRun(g, []*graph.Tensor{ops.Gather(p, i)}, p, nd.New(graph.Float64, 2, 3), i, []int64{1, 2})
		wantErr(t, err, "indices[1] = 2 is not in [0, 2)")
	})
}

func TestGradientArrayOps(t *testing.T) {
	x := randArray(101, -1, 1, 2, 3)
	for _, c := range []struct {
		name string
		f    func(x *graph.Tensor) *graph.Tensor
	}{
		{"Transpose", func(x *graph.Tensor) *graph.Tensor { return ops.Transpose(x) }},
		{"Transpose 3-D", func(x *graph.Tensor) *graph.Tensor { return ops.Transpose(ops.Reshape(x, 1, 3, 2), 1, 2, 0) }},
		{"StridedSlice", func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.All, ops.Span(1, 3)) }},
		{"StridedSlice reversed", func(x *graph.Tensor) *graph.Tensor { return ops.StridedSlice(x, ops.At(-1), ops.All.Step(-2)) }},
		{"Slice", func(x *graph.Tensor) *graph.Tensor { return ops.Slice(x, []int{1, 0}, []int{1, 2}) }},
		{"Tile", func(x *graph.Tensor) *graph.Tensor { return ops.Tile(x, 2, 3) }},
		{"Concat", func(x *graph.Tensor) *graph.Tensor { return ops.Concat([]any{x, ops.Square(x), x}, 1) }},
		{"Stack", func(x *graph.Tensor) *graph.Tensor { return ops.Stack([]any{x, ops.Square(x)}, 1) }},
		{"Unstack", func(x *graph.Tensor) *graph.Tensor { u := ops.Unstack(x, 1); return ops.Mul(u[0], u[2]) }},
		{"Split", func(x *graph.Tensor) *graph.Tensor { s := ops.Split(x, 3, 1); return ops.Add(s[0], ops.Square(s[1])) }},
		{"ExpandDims", func(x *graph.Tensor) *graph.Tensor { return ops.ExpandDims(x, 1) }},
		{"Squeeze", func(x *graph.Tensor) *graph.Tensor { return ops.Squeeze(ops.ExpandDims(x, 0)) }},
		{"Gather repeats", func(x *graph.Tensor) *graph.Tensor { return ops.Gather(x, []int64{1, 1, 0}) }},
		{"Fill", func(x *graph.Tensor) *graph.Tensor { return ops.Fill([]int{2, 2}, ops.ReduceSum(x)) }},
	} {
		t.Run(c.name, func(t *testing.T) { checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return c.f(xs[0]) }, x) })
	}
}

// TestShapesCheckedWhenFed: a None dim that the fed values make wrong is
// an error at Run, never a panic.
func TestShapesCheckedWhenFed(t *testing.T) {
	g := graph.New()
	c := g.Placeholder(graph.Bool, graph.Shape{graph.None})
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	labels := g.Placeholder(graph.Int64, graph.Shape{graph.None})
	sq := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	for _, f := range []struct {
		name string
		y    *graph.Tensor
		feed []any
	}{
		{"Where", ops.Where(c, x, x), []any{c, []bool{true, false, true, true, false}, x, nd.New(graph.Float32, 2, 3)}},
		{"Sparse cross-entropy", ops.SparseSoftmaxCrossEntropyWithLogits(labels, x), []any{labels, []int64{0, 1, 2}, x, nd.New(graph.Float32, 2, 3)}},
		{"InTopK", ops.InTopK(x, labels, 1), []any{labels, []int64{0}, x, nd.New(graph.Float32, 2, 3)}},
		{"Squeeze of a None dim", ops.Squeeze(sq, 0), []any{sq, nd.New(graph.Float32, 2, 1)}},
		{"Concat", ops.Concat([]any{x, sq}, 1), []any{x, nd.New(graph.Float32, 2, 3), sq, nd.New(graph.Float32, 3, 1)}},
	} {
		t.Run(f.name, func(t *testing.T) {
			if _, err := sessionRun(g, []*graph.Tensor{f.y}, f.feed...); err == nil {
				t.Error("no error")
			}
		})
	}
	t.Run("Squeeze of every dim of 1", func(t *testing.T) {
		y := ops.Squeeze(sq)
		if y.Shape().Known() {
			t.Errorf("shape %v, want unknown: whether the None dim is 1 is known only when fed", y.Shape())
		}
		v := runFeeds(t, g, []*graph.Tensor{ops.Shape(y)}, sq, nd.New(graph.Float32, 1, 1))
		checkArray(t, v[0], []int64{}, 0)
	})
}
