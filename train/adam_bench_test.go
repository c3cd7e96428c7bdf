package train

import (
	"testing"

	"github.com/tf1go/tf1go/internal/cputime"
	"github.com/tf1go/tf1go/nd"
)

// BenchmarkAdamKernel is Adam's update of the lecture CNN's largest
// variable, fc1's 3136×1024 weights, with each vector kernel this CPU
// runs and with the Go loop; cpu-ns/op is the CPU time of all goroutines per update.
func BenchmarkAdamKernel(b *testing.B) {
	defer func(l int) { adamLanes = l }(adamLanes)
	widest := adamLanes
	for _, c := range []struct {
		name  string
		lanes int
	}{{"avx", 8}, {"sse", 4}, {"go", 0}} {
		if c.lanes <= widest {
			adamLanes = c.lanes
			b.Run(c.name, benchAdam)
		}
	}
}

func benchAdam(b *testing.B) {
	n := 3136 * 1024
	in := []*nd.Array{nd.New(nd.Float32, n), nd.New(nd.Float32, n), nd.New(nd.Float32, n)}
	for _, v := range []float32{0.9, 0.999, 1e-4, 0.9, 0.999, 1e-8} {
		in = append(in, nd.FromFloat32s([]float32{v}, 1))
	}
	g := nd.New(nd.Float32, n)
	for i := range g.Float32s() {
		g.Float32s()[i] = float32(i%17) - 8
	}
	in = append(in, g)
	b.ReportAllocs()
	cpu0 := cputime.Seconds()
	for b.Loop() {
		if err := (applyAdam{}).Compute(nil, in, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cputime.Seconds()-cpu0)*1e9/float64(b.N), "cpu-ns/op")
}
