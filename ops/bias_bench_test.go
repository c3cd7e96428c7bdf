package ops

import (
	"testing"

	"github.com/tf1go/tf1go/internal/cputime"
)

// BenchmarkBiasGrad times the lecture CNN's bias gradients (BiasAdd's
// Grad: dy summed over every axis but the last), as sumInto's column
// sums of a [rows, cols] float32 dy; cpu-ns/op as benchKernel's.
//
//	go test -run '^$' -bench BiasGrad -benchmem ./ops/
func BenchmarkBiasGrad(b *testing.B) {
	for _, c := range []struct {
		name       string
		rows, cols int
	}{
		{"conv1 [39200,32]", 39200, 32},
		{"conv2 [9800,64]", 9800, 64},
		{"fc1 [50,1024]", 50, 1024},
	} {
		dy := randFloat32s(6, c.rows, c.cols).Float32s()
		acc := make([]float64, c.cols)
		dims, kept := []int{c.rows, c.cols}, []int{1, c.cols}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cputime.Seconds()
			for b.Loop() {
				clear(acc)
				sumInto(acc, dy, dims, kept)
			}
			b.ReportMetric((cputime.Seconds()-cpu0)*1e9/float64(b.N), "cpu-ns/op")
		})
	}
}
