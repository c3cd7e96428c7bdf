package ops

import (
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/nd"
)

// TestConv2DBackpropFilterFloat32: the float32 filter gradient (windowsᵀ
// read in place by the GEMM where they fit in cache) matches the float64
// one, which the gradient checks cover, within float32 rounding (bounded
// by the same sums over |x|, |dy|), and gives the same bits whatever
// GOMAXPROCS is.
func TestConv2DBackpropFilterFloat32(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range []struct {
		name    string
		x, f    []int
		strides []int
		padding string
	}{
		{"the CNN's conv2", []int{3, 14, 14, 32}, []int{5, 5, 32, 64}, []int{1, 1, 1, 1}, "SAME"},
		{"VALID stride 2x3", []int{2, 9, 11, 16}, []int{3, 2, 16, 8}, []int{1, 2, 3, 1}, "VALID"},
		{"SAME stride 2, odd padding", []int{2, 7, 6, 48}, []int{2, 3, 48, 5}, []int{1, 2, 2, 1}, "SAME"},
		{"filter larger than input", []int{2, 3, 3, 16}, []int{5, 5, 16, 16}, []int{1, 1, 1, 1}, "SAME"},
		{"1x1, K in several blocks", []int{20, 8, 8, 16}, []int{1, 1, 16, 4}, []int{1, 1, 1, 1}, "SAME"},
		{"more chunks than groups", []int{40, 10, 10, 16}, []int{3, 3, 16, 16}, []int{1, 1, 1, 1}, "SAME"},
	} {
		t.Run(c.name, func(t *testing.T) {
			conv := conv2DOp{strides: c.strides, padding: c.padding}
			g := conv.geom(c.x, c.f)
			dyShape := []int{c.x[0], g.oh, g.ow, c.f[3]}
			grad := func(dt nd.DType, abs bool) *nd.Array {
				x, dy := randArray(dt, 31, c.x...), randArray(dt, 32, dyShape...)
				if abs {
					for _, a := range []*nd.Array{x, dy} {
						for i, v := range a.Float64s() {
							a.Float64s()[i] = math.Abs(v)
						}
					}
				}
				df := nd.New(dt, c.f...)
				if err := (conv2DBackpropFilterOp{conv}).Compute(nil, []*nd.Array{x, df, dy}, df); err != nil {
					t.Fatal(err)
				}
				return df
			}
			want, bound := grad(nd.Float64, false), grad(nd.Float64, true)
			tol := 1e-6 * math.Sqrt(float64(c.x[0]*g.oh*g.ow))
			var first []float32
			for _, procs := range []int{1, 2, 3} {
				runtime.GOMAXPROCS(procs)
				got := grad(nd.Float32, false).Float32s()
				for i, v := range got {
					if d := math.Abs(float64(v) - want.Float64s()[i]); !(d <= tol*bound.Float64s()[i]) {
						t.Fatalf("GOMAXPROCS=%d: df[%d] = %v, want %v (bound %v)", procs, i, v, want.Float64s()[i], bound.Float64s()[i])
					}
				}
				if first == nil {
					first = got
				} else if !slices.Equal(got, first) {
					t.Fatalf("GOMAXPROCS=%d: bits differ from GOMAXPROCS=1", procs)
				}
			}
		})
	}
}
