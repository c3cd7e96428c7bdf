package ops_test

import (
	"errors"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
)

// FuzzBeyondShapes builds the shape and indexing ops on placeholders of
// random static shapes with random arguments, as FuzzShapeInference does
// for the lecture's ops: building never panics, a rejection is a
// *graph.Error on the graph and an unknown shape, and fully defined
// inputs give a fully defined shape.
func FuzzBeyondShapes(f *testing.F) {
	for _, seed := range [][]byte{
		{3, 0, 3, 0, 0},             // transpose [?,2]
		{4, 2, 3, 4, 1, 3, 1, 2, 1}, // strided slice of [1,2,3]
		{3, 2, 2, 3, 2, 2, 3, 1},    // concat [1,1] and [1,1]
		{3, 1, 4, 1, 4, 7, 9, 9},    // slice out of range
		{5, 1, 2, 3, 4, 1, 1, 8},    // split [0,1,2,3]
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := shapeBytes(data)
		sa, sb := b.shape(), b.shape()
		g := graph.New()
		pa := g.Placeholder(graph.Float32, sa, graph.Name("a"))
		pb := g.Placeholder(graph.Float32, sb, graph.Name("b"))
		ix := g.Placeholder(graph.Int64, sb, graph.Name("i"))
		var outs []*graph.Tensor
		dim := func() ops.SliceDim {
			switch b.next() % 5 {
			case 0:
				return ops.All.Step(b.next()%5 - 2)
			case 1:
				return ops.At(b.next()%9 - 4)
			case 2:
				return ops.SpanFrom(b.next()%9 - 4)
			case 3:
				return ops.SpanTo(b.next()%9 - 4)
			}
			return ops.Span(b.next()%9-4, b.next()%9-4).Step(b.next()%5 - 2)
		}
		switch b.next() % 12 {
		case 0:
			outs = append(outs, ops.Transpose(pa, b.ints(-1, 5)...))
		case 1:
			var dims []ops.SliceDim
			for range b.next() % 4 {
				dims = append(dims, dim())
			}
			outs = append(outs, ops.StridedSlice(pa, dims...))
		case 2:
			outs = append(outs, ops.Slice(pa, b.ints(-1, 4), b.ints(-2, 5)))
		case 3:
			outs = append(outs, ops.Concat([]any{pa, pb}, b.next()%7-3))
		case 4:
			outs = append(outs, ops.Stack([]any{pa, pb}, b.next()%7-3))
		case 5:
			outs = append(outs, ops.Tile(pa, b.ints(-1, 4)...))
		case 6:
			outs = append(outs, ops.ExpandDims(pa, b.next()%9-4), ops.Squeeze(pa, b.ints(-4, 8)...))
		case 7:
			outs = append(outs, ops.Gather(pa, ix), ops.OneHot(ix, b.next()%5-1))
		case 8:
			outs = append(outs, ops.Split(pa, b.next()%4, b.next()%7-3)...)
		case 9:
			outs = append(outs, ops.Unstack(pa, b.next()%7-3)...)
		case 10:
			outs = append(outs, ops.Where(ops.Greater(pa, 0), pa, pb), ops.ReduceMax(pa, b.ints(-5, 10)...))
		default:
			outs = append(outs, ops.SparseSoftmaxCrossEntropyWithLogits(ix, pa), ops.InTopK(pa, ix, 1))
		}
		for _, out := range outs {
			if err := out.Node().Err(); err != nil {
				var ge *graph.Error
				if gErr := g.Err(); gErr == nil || !errors.As(gErr, &ge) {
					t.Fatalf("%s failed with %v but g.Err() is %v", out.Node().Op().Type(), err, gErr)
				}
				if out.Shape().Known() {
					t.Fatalf("a failed %s has shape %s", out.Node().Op().Type(), out.Shape())
				}
				continue
			}
			if sa.FullyDefined() && sb.FullyDefined() && !out.Shape().FullyDefined() {
				t.Fatalf("%s of fully defined %s, %s has shape %s", out.Node().Op().Type(), sa, sb, out.Shape())
			}
		}
	})
}
