package train

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAdam32Block: each vector kernel (and the narrower ones and Go on
// what it leaves) gives adam32Go's bits on every length from 0 to 100 and
// a few large ones (the ragged tails included), on values that exercise
// rounding, zeros, negatives, subnormals and magnitudes whose squares
// overflow. A kernel the CPU lacks is skipped, saying so.
func TestAdam32Block(t *testing.T) {
	defer func(l int) { adamLanes = l }(adamLanes)
	widest := adamLanes
	for _, c := range []struct {
		name  string
		lanes int
	}{{"avx", 8}, {"sse", 4}} {
		t.Run(c.name, func(t *testing.T) {
			if c.lanes > widest {
				t.Skipf("this CPU or OS lacks %s (widest Adam kernel: %d lanes)", c.name, widest)
			}
			adamLanes = c.lanes
			checkAdam32Block(t)
		})
	}
}

func checkAdam32Block(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	val := func() float32 {
		x := r.NormFloat64()
		switch r.IntN(8) {
		case 0:
			return 0
		case 1:
			return float32(math.Copysign(0, x))
		case 2:
			return float32(x * 1e6)
		case 3:
			return float32(x * 1e-41) // subnormal
		case 4:
			return float32(x * 1e30) // its square overflows
		}
		return float32(x)
	}
	k := adamConsts{c1: 0.1, c2: 1 - float32(0.999), alpha: 1e-4 * float32(math.Sqrt(1-0.999*0.999)) / (1 - 0.9*0.9), eps: 1e-8}
	lengths := []int{1000, 4099, 1<<16 + 15}
	for n := range 101 {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		var in [2][4][]float32 // [got, want][w, m, v, g]
		for j := range 4 {
			in[0][j] = make([]float32, n)
			for i := range n {
				in[0][j][i] = val()
			}
			in[1][j] = append([]float32(nil), in[0][j]...)
		}
		for i := range in[0][2] { // v ≥ 0, as Adam keeps it
			in[0][2][i] = float32(math.Abs(float64(in[0][2][i])))
			in[1][2][i] = in[0][2][i]
		}
		adam32Block(in[0][0], in[0][1], in[0][2], in[0][3], k)
		adam32Go(in[1][0], in[1][1], in[1][2], in[1][3], k)
		for j, name := range []string{"var", "m", "v"} {
			for i := range n {
				if math.Float32bits(in[0][j][i]) != math.Float32bits(in[1][j][i]) {
					t.Fatalf("n=%d: %s[%d] = %v, want %v", n, name, i, in[0][j][i], in[1][j][i])
				}
			}
		}
	}
}
