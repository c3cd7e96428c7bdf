package ops

import (
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// The kernels of the new programs' training steps at their sizes: the
// MNIST batch's loss and its gradient, and the slices, concats and
// gathers of a TF1 model's input pipeline, called directly.
//
//	go test -run '^$' -bench 'Xent|Strided|Concat|Gather' -benchmem ./ops/

func BenchmarkSparseXent(b *testing.B) {
	logits := randFloat32s(1, 100, 10)
	labels := nd.New(graph.Int64, 100)
	for i := range labels.Int64s() {
		labels.Int64s()[i] = int64(i % 10)
	}
	b.Run("loss [100,10]", func(b *testing.B) {
		benchKernel(b, xentOp{sparse: true}, nd.New(graph.Float32, 100), labels, logits)
	})
	b.Run("gradient [100,10]", func(b *testing.B) {
		benchKernel(b, xentGradOp{xentOp{sparse: true}}, nd.New(graph.Float32, 100, 10), labels, logits, randFloat32s(2, 100))
	})
}

func BenchmarkStridedSlice(b *testing.B) {
	x := randFloat32s(3, 100, 784)
	op := stridedOp{name: "StridedSlice", dims: []SliceDim{All, Span(100, 684)}}
	b.Run("x[:, 100:684] of [100,784]", func(b *testing.B) { benchKernel(b, op, nd.New(graph.Float32, 100, 584), x) })
	b.Run("transpose [100,784]", func(b *testing.B) {
		benchKernel(b, transposeOp{perm: []int{1, 0}}, nd.New(graph.Float32, 784, 100), x)
	})
}

func BenchmarkConcat(b *testing.B) {
	x, y := randFloat32s(4, 100, 392), randFloat32s(5, 100, 392)
	benchKernel(b, concatOp{axis: 1}, nd.New(graph.Float32, 100, 784), x, y)
}

func BenchmarkGather(b *testing.B) {
	params := randFloat32s(6, 1000, 64)
	ids := nd.New(graph.Int64, 100)
	for i := range ids.Int64s() {
		ids.Int64s()[i] = int64(i * 7 % 1000)
	}
	benchKernel(b, gatherOp{}, nd.New(graph.Float32, 100, 64), params, ids)
}
