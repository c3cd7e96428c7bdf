package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// TestKeepArgmax: the pool that keeps its argmax and its gradient give
// the plain pair's results bit for bit (ties included: small integers;
// a NaN and a -0), for 2×2 pools, odd sizes with padded edges, windows
// that leave edges or gaps uncovered, and overlapping windows;
// the gradient fused with ReluGrad gives ReluGrad's of the plain one
// (windows whose max is 0 or negative, dy of -0 included).
func TestKeepArgmax(t *testing.T) {
	for _, dt := range []nd.DType{nd.Float32, nd.Float64} {
		for _, tc := range []struct {
			x              []int
			ksize, strides []int
			padding        string
		}{
			{[]int{3, 8, 6, 5}, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME"},
			{[]int{2, 7, 5, 3}, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME"},
			{[]int{2, 9, 9, 4}, []int{1, 3, 3, 1}, []int{1, 2, 2, 1}, "VALID"},
			{[]int{1, 6, 7, 2}, []int{1, 3, 2, 1}, []int{1, 1, 2, 1}, "SAME"},
			{[]int{2, 6, 4, 9}, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "VALID"},
			{[]int{2, 7, 5, 8}, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "VALID"},
			{[]int{1, 8, 7, 6}, []int{1, 2, 2, 1}, []int{1, 3, 3, 1}, "SAME"},
			{[]int{2, 7, 9, 3}, []int{1, 3, 2, 1}, []int{1, 3, 2, 1}, "SAME"},
		} {
			r := rand.New(rand.NewPCG(1, 2))
			x := nd.New(dt, tc.x...)
			for i := range x.Len() {
				x.SetFlat(i, float64(r.IntN(4)-1))
			}
			x.SetFlat(1, math.NaN())
			x.SetFlat(tc.x[3]+2, math.Copysign(0, -1))
			pool := maxPoolOp{ksize: tc.ksize, strides: tc.strides, padding: tc.padding}
			_, ys, err := pool.Infer([]*graph.Tensor{graph.Const(x)})
			if err != nil {
				t.Fatal(err)
			}
			dy := nd.New(dt, ys...)
			for i := range dy.Len() {
				dy.SetFlat(i, r.Float64()-0.5)
			}
			dy.SetFlat(0, math.Copysign(0, -1))
			kp, kg, ok := pool.KeepArgmax(maxPoolGradOp{pool})
			if !ok {
				t.Fatal("not paired")
			}
			run := func(p, g graph.Op) (*nd.Array, *nd.Array) {
				y, dx := nd.New(dt, ys...), nd.New(dt, tc.x...)
				if err := p.(graph.Kernel).Compute(nil, []*nd.Array{x}, y); err != nil {
					t.Fatal(err)
				}
				if err := g.(graph.Kernel).Compute(nil, []*nd.Array{x, dy}, dx); err != nil {
					t.Fatal(err)
				}
				return y, dx
			}
			y0, dx0 := run(pool, maxPoolGradOp{pool})
			y1, dx1 := run(kp, kg)
			if !sameFlat(y0, y1) || !sameFlat(dx0, dx1) {
				t.Fatalf("%s %v: kept-argmax pool differs", dt, tc)
			}
			fused, ok := kg.(maxPoolGradKeepOp).FuseReluGrad(reluGrad)
			if !ok {
				t.Fatal("ReluGrad not fused")
			}
			_, dx2 := run(kp, fused)
			for i := range dx0.Len() {
				dx0.SetFlat(i, reluGradient(x.Flat(i), dx0.Flat(i)))
			}
			if !sameFlat(dx0, dx2) {
				t.Fatalf("%s %v: MaxPoolGrad+ReluGrad differs from ReluGrad of MaxPoolGrad", dt, tc)
			}
		}
	}
	other := maxPoolOp{ksize: []int{1, 3, 3, 1}, strides: []int{1, 2, 2, 1}, padding: "SAME"}
	pool := maxPoolOp{ksize: []int{1, 2, 2, 1}, strides: []int{1, 2, 2, 1}, padding: "SAME"}
	if _, _, ok := pool.KeepArgmax(maxPoolGradOp{other}); ok {
		t.Fatal("paired a pool with another pool's gradient")
	}
	_, kg, _ := pool.KeepArgmax(maxPoolGradOp{pool})
	if _, ok := kg.(maxPoolGradKeepOp).FuseReluGrad(sigmoidGrad); ok {
		t.Fatal("fused a gradient other than ReluGrad")
	}
}

func sameFlat(a, b *nd.Array) bool {
	for i := range a.Len() {
		if math.Float64bits(a.Flat(i)) != math.Float64bits(b.Flat(i)) {
			return false
		}
	}
	return a.Len() == b.Len()
}

// TestVectorKernels: the SSE max of four and ReLU gradient give their
// Go loops' bits, NaN and signed zeros included, at every length (the
// vector body and the tail).
func TestVectorKernels(t *testing.T) {
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -1, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 2, 1e-45}
	kernels := []struct {
		name       string
		args       int
		simd, loop func(dst []float32, in [][]float32)
	}{
		{"max4", 4, func(d []float32, in [][]float32) { max4(d, in[0], in[1], in[2], in[3]) },
			func(d []float32, in [][]float32) { max4Go(d, in[0], in[1], in[2], in[3]) }},
		{"reluGrad", 2, func(d []float32, in [][]float32) { reluGradient32(d, in[0], in[1]) },
			func(d []float32, in [][]float32) { reluGradGo(d, in[0], in[1]) }},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range kernels {
		for n := range 40 {
			in := make([][]float32, k.args)
			for a := range in {
				in[a] = make([]float32, n)
				for i := range in[a] {
					in[a][i] = vals[r.IntN(len(vals))]
				}
			}
			got, want := make([]float32, n), make([]float32, n)
			k.simd(got, in)
			k.loop(want, in)
			for i := range n {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
					t.Fatalf("%s n=%d [%d]: of %v = %v, want %v", k.name, n, i, in, got[i], want[i])
				}
			}
		}
	}
}

// TestColumnSums: a float32 [rows, cols] summed to [cols] (a bias
// gradient, 16 columns at a time in SSE, the rest in Go) gives the
// serial float64 sums' bits, for every column count 0-50.
func TestColumnSums(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, rows := range []int{1, 2, 7, 300, 5000} { // 5000: chunks of 16 columns
		for cols := range 51 {
			x := make([]float32, rows*cols)
			for i := range x {
				x[i] = float32(r.NormFloat64() * math.Exp(8*r.NormFloat64()))
			}
			got, want := make([]float64, cols), make([]float64, cols)
			sumInto(got, x, []int{rows, cols}, []int{1, cols})
			for i, v := range x {
				want[i%cols] += float64(v)
			}
			for j := range cols {
				if math.Float64bits(got[j]) != math.Float64bits(want[j]) {
					t.Fatalf("%d×%d: column %d sums to %v, want %v", rows, cols, j, got[j], want[j])
				}
			}
		}
	}
}

// TestMax2x2Arg: the SSE 2×2 max with argmax gives the Go loop's values
// and indices (the first max; NaN, ties and signed zeros included) for
// every channel count 1-40.
func TestMax2x2Arg(t *testing.T) {
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -1, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 2}
	r := rand.New(rand.NewPCG(7, 8))
	for cs := 1; cs <= 40; cs++ {
		const w, at = 3, 5 // two rows of three pixels, the window at pixel 1, offset 5
		row := w * cs
		x := make([]float32, at+2*row)
		for i := range x {
			x[i] = vals[r.IntN(len(vals))]
		}
		got, want := make([]float32, cs), make([]float32, cs)
		gotArg, wantArg := make([]int, cs), make([]int, cs)
		max2x2Arg(x, at+cs, cs, row, got, gotArg)
		max2x2ArgGo(x, at+cs, cs, row, want, wantArg, 0)
		for c := range cs {
			if math.Float32bits(got[c]) != math.Float32bits(want[c]) || gotArg[c] != wantArg[c] {
				t.Fatalf("%d channels [%d]: max %v at %d, want %v at %d", cs, c, got[c], gotArg[c], want[c], wantArg[c])
			}
		}
	}
}
