package ops_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
)

// shapeBytes hands out fuzz bytes; past the end it yields zeros.
type shapeBytes []byte

func (b *shapeBytes) next() int {
	if len(*b) == 0 {
		return 0
	}
	c := (*b)[0]
	*b = (*b)[1:]
	return int(c)
}

// shape is unknown rank, or rank 0-4 with dims None or 0-5.
func (b *shapeBytes) shape() graph.Shape {
	k := b.next() % 7
	if k == 0 {
		return graph.UnknownShape
	}
	s := make(graph.Shape, (k-1)%5)
	for i := range s {
		s[i] = b.next()%7 - 1
	}
	return s
}

// ints is up to 4 ints in [lo, lo+span).
func (b *shapeBytes) ints(lo, span int) []int {
	out := make([]int, b.next()%5)
	for i := range out {
		out[i] = lo + b.next()%span
	}
	return out
}

// FuzzShapeInference builds BroadcastShape, Add, MatMul, Reshape,
// ReduceSum, ReduceMean and Argmax on placeholders of random static shapes
// (None dims, unknown rank) with random axes and dims, then an op on the
// result. Building must never panic; an op that rejects its inputs leaves
// a *graph.Error on g.Err(); one that accepts fully defined inputs
// returns a fully defined shape, as the compile step needs.
func FuzzShapeInference(f *testing.F) {
	for _, seed := range [][]byte{
		{3, 0, 3, 2, 4, 0},          // broadcast [?,2] with [3]: an error
		{4, 0, 2, 4, 4, 3, 0, 0, 0}, // broadcast [?,1,3] with [2,?,?]
		{3, 0, 3, 3, 3, 2, 1, 0, 0}, // matmul [?,2]·[2,1]
		{3, 0, 3, 3, 3, 2, 1, 0, 1}, // matmul [?,2]·[2,1]ᵀ: an error
		{3, 0, 3, 0, 1, 1, 0},       // matmul [?,2]ᵀ by an unknown rank
		{3, 5, 3, 1, 2, 2, 1, 6},    // reshape [4,2] to [-1,4]
		{0, 0, 2, 2, 1, 1},          // reshape an unknown rank to [-1,-1]: an error
		{4, 2, 3, 4, 1, 3, 2, 7, 4}, // reduce_sum [1,2,3] over axes 2 and -1
		{3, 1, 4, 1, 4, 7},          // argmax of [0,3] along axis 2: an error
		{1, 1, 5, 0},                // reduce_mean of a scalar over all axes
		{0, 0, 4, 9},                // argmax of an unknown rank
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := shapeBytes(data)
		sa, sb := b.shape(), b.shape()
		g := graph.New()
		pa := g.Placeholder(graph.Float32, sa, graph.Name("a"))
		pb := g.Placeholder(graph.Float32, sb, graph.Name("b"))
		var out *graph.Tensor
		switch op := b.next() % 6; op {
		case 0:
			s1, err1 := ops.BroadcastShape(sa, sb)
			s2, err2 := ops.BroadcastShape(sb, sa)
			if (err1 == nil) != (err2 == nil) || !slices.Equal(s1, s2) {
				t.Fatalf("BroadcastShape(%s, %s) = %s, %v but swapped %s, %v", sa, sb, s1, err1, s2, err2)
			}
			out = ops.Add(pa, pb)
			if err1 == nil && !slices.Equal(out.Shape(), s1) || (err1 == nil) != (g.Err() == nil) {
				t.Fatalf("Add(%s, %s) has shape %s (graph error %v); BroadcastShape says %s, %v", sa, sb, out.Shape(), g.Err(), s1, err1)
			}
		case 1:
			out = ops.MatMulT(pa, pb, b.next()%2 == 1, b.next()%2 == 1)
		case 2:
			out = ops.Reshape(pa, b.ints(-2, 8)...)
		case 3:
			out = ops.ReduceSum(pa, b.ints(-5, 10)...)
		case 4:
			out = ops.Argmax(pa, b.next()%10-5)
		default:
			out = ops.ReduceMean(pa, b.ints(-5, 10)...)
		}
		if out == nil {
			t.Fatal("the op has no output tensor")
		}
		if err := out.Node().Err(); err != nil {
			var ge *graph.Error
			if gErr := g.Err(); gErr == nil || !errors.As(gErr, &ge) {
				t.Fatalf("%s(%s, %s) failed with %v but g.Err() is %v", out.Node().Op().Type(), sa, sb, err, gErr)
			}
			if out.Shape().Known() {
				t.Fatalf("a failed %s has shape %s", out.Node().Op().Type(), out.Shape())
			}
		} else if g.Err() != nil {
			t.Fatalf("%s(%s, %s) succeeded but g.Err() is %v", out.Node().Op().Type(), sa, sb, g.Err())
		} else if full := sa.FullyDefined() && (sb.FullyDefined() || out.Node().Op().Type() != "MatMul" && out.Node().Op().Type() != "Add"); full && !out.Shape().FullyDefined() {
			t.Fatalf("%s of fully defined %s, %s has shape %s", out.Node().Op().Type(), sa, sb, out.Shape())
		}
		// building on, from a failed node or not, must not panic either
		if out.DType() == graph.Float32 {
			ops.Softmax(ops.Add(out, pb))
		} else {
			ops.Equal(out, ops.Argmax(pb, -1))
		}
	})
}
