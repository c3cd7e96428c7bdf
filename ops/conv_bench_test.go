package ops

import (
	"math/rand/v2"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/cputime"
	"github.com/tf1go/tf1go/nd"
)

// The kernels of the lecture's CNN (Chapter 5) at its batch of 50, in
// float32, called directly: what one training step spends in them.
//
//	go test -run '^$' -bench 'Conv2D|MaxPool' -benchmem ./ops/

func randFloat32s(seed uint64, shape ...int) *nd.Array {
	r := rand.New(rand.NewPCG(seed, 1))
	a := nd.New(graph.Float32, shape...)
	for i := range a.Float32s() {
		a.Float32s()[i] = r.Float32()*2 - 1
	}
	return a
}

// benchKernel times k; cpu-ns/op, the CPU time of all goroutines per
// call, is the figure to compare on a shared machine (and, set beside
// ns/op, shows how many cores the kernel keeps busy).
func benchKernel(b *testing.B, k graph.Kernel, out *nd.Array, in ...*nd.Array) {
	b.ReportAllocs()
	cpu0 := cputime.Seconds()
	for b.Loop() {
		if err := k.Compute(nil, in, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cputime.Seconds()-cpu0)*1e9/float64(b.N), "cpu-ns/op")
}

func BenchmarkConv2D(b *testing.B) {
	for _, c := range []struct {
		name string
		x, f []int
	}{
		{"conv1 [50,28,28,1]x[5,5,1,32]", []int{50, 28, 28, 1}, []int{5, 5, 1, 32}},
		{"conv2 [50,14,14,32]x[5,5,32,64]", []int{50, 14, 14, 32}, []int{5, 5, 32, 64}},
	} {
		conv := conv2DOp{strides: []int{1, 1, 1, 1}, padding: "SAME"}
		x, f := randFloat32s(1, c.x...), randFloat32s(2, c.f...)
		y := nd.New(graph.Float32, c.x[0], c.x[1], c.x[2], c.f[3])
		dy := randFloat32s(3, y.Shape()...)
		b.Run(c.name+"/forward", func(b *testing.B) { benchKernel(b, conv, y, x, f) })
		b.Run(c.name+"/input grad", func(b *testing.B) {
			benchKernel(b, conv2DBackpropInputOp{conv}, nd.New(graph.Float32, c.x...), x, f, dy)
		})
		b.Run(c.name+"/filter grad", func(b *testing.B) {
			benchKernel(b, conv2DBackpropFilterOp{conv}, nd.New(graph.Float32, c.f...), x, f, dy)
		})
	}
}

func BenchmarkMaxPool(b *testing.B) {
	for _, c := range []struct {
		name string
		x    []int
	}{
		{"pool1 [50,28,28,32]", []int{50, 28, 28, 32}},
		{"pool2 [50,14,14,64]", []int{50, 14, 14, 64}},
	} {
		pool := maxPoolOp{ksize: []int{1, 2, 2, 1}, strides: []int{1, 2, 2, 1}, padding: "SAME"}
		x := randFloat32s(4, c.x...)
		y := nd.New(graph.Float32, c.x[0], c.x[1]/2, c.x[2]/2, c.x[3])
		dy := randFloat32s(5, y.Shape()...)
		b.Run(c.name+"/forward", func(b *testing.B) { benchKernel(b, pool, y, x) })
		b.Run(c.name+"/grad", func(b *testing.B) {
			benchKernel(b, maxPoolGradOp{pool}, nd.New(graph.Float32, c.x...), x, dy)
		})
		// As a training step runs them: the forward pass keeping its
		// argmax, its gradient fused with the ReLU's below.
		kp, kg, _ := pool.KeepArgmax(maxPoolGradOp{pool})
		fused, _ := kg.(maxPoolGradKeepOp).FuseReluGrad(reluGrad)
		b.Run(c.name+"/forward kept", func(b *testing.B) { benchKernel(b, kp.(graph.Kernel), y, x) })
		if err := kp.(graph.Kernel).Compute(nil, []*nd.Array{x}, y); err != nil { // the argmaxes
			b.Fatal(err)
		}
		b.Run(c.name+"/grad+relu kept", func(b *testing.B) {
			benchKernel(b, fused.(graph.Kernel), nd.New(graph.Float32, c.x...), x, dy)
		})
	}
}
