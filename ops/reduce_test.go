package ops

import (
	"runtime"
	"testing"

	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
)

// TestSumToShapes: every reduction pattern sumTo takes a fast path for
// (and the general one) gives the in-order float64 sums of the
// broadcast-index reference, bit for bit, at 1 and 3 goroutines.
func TestSumToShapes(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tc := range []struct{ dims, kept []int }{
		{[]int{10, 10}, []int{10, 1}},
		{[]int{10, 10}, []int{1, 10}},
		{[]int{50, 28, 28, 32}, []int{1, 1, 1, 32}},
		{[]int{300, 7}, []int{300, 1}},
		{[]int{2, 3, 4}, []int{1, 3, 1}},
		{[]int{2, 3, 4}, []int{2, 1, 4}},
		{[]int{5, 1, 6}, []int{1, 1, 6}},
		{[]int{4, 5}, []int{1, 1}},
		{[]int{4, 5}, []int{4, 5}},
		{[]int{1, 1}, []int{1, 1}},
	} {
		x := randFloat32s(9, tc.dims...)
		want := make([]float64, nd.NumElements(tc.kept))
		for i, j := range opkit.BroadcastIndex(tc.kept, tc.dims) {
			want[j] += float64(x.Float32s()[i])
		}
		for _, procs := range []int{1, 3} {
			runtime.GOMAXPROCS(procs)
			out := nd.New(nd.Float32, tc.kept...)
			sumTo(x, out, tc.kept, false, 1)
			for j, w := range want {
				if got := out.Float32s()[j]; got != float32(w) {
					t.Fatalf("%v to %v, GOMAXPROCS=%d: [%d] = %v, want %v", tc.dims, tc.kept, procs, j, got, float32(w))
				}
			}
		}
	}
}
