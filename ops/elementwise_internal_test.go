package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tf1go/tf1go/internal/opkit"
)

// TestEval32Exact: every op with a float32 kernel gives exactly its
// float64 Eval rounded to float32, on random values of every magnitude
// and on zeros of both signs, infinities, NaN and subnormals.
func TestEval32Exact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	special := []float32{0, float32(math.Copysign(0, -1)), 1, -1, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e-45, -3e-39, math.MaxFloat32, 0.1}
	const n = 20000
	args32 := [][]float32{make([]float32, n), make([]float32, n)}
	for i := range n {
		for a := range args32 {
			if i < len(special)*len(special) {
				args32[a][i] = special[[]int{i % len(special), i / len(special)}[a]]
			} else {
				args32[a][i] = math.Float32frombits(r.Uint32())
			}
		}
	}
	args64 := [][]float64{make([]float64, n), make([]float64, n)}
	for a := range args32 {
		for i, v := range args32[a] {
			args64[a][i] = float64(v)
		}
	}
	ops := []opkit.Elementwise{logOp, expOp, squareOp, sqrtOp, sigmoidOp, logSigmoidOp, tanhOp, reluOp, absOp, signOp, negOp,
		sqrtGrad, sigmoidGrad, logSigmoidGrad, tanhGrad, reluGrad, addOp, subOp, mulOp, divOp, biasAddOp{}}
	with := 0
	for _, op := range ops {
		k := op.(opkit.Float32Kernel).Eval32()
		if k == nil {
			continue
		}
		with++
		want, got := make([]float64, n), make([]float32, n)
		op.Eval(want, args64)
		k(got, args32)
		for i := range n {
			w := float32(want[i])
			if math.Float32bits(got[i]) != math.Float32bits(w) && !(w != w && got[i] != got[i]) {
				t.Fatalf("%s(%v, %v): float32 kernel %v, float64 rounded %v", op.Type(), args32[0][i], args32[1][i], got[i], w)
			}
		}
	}
	if with != 10 {
		t.Fatalf("%d ops have float32 kernels, want 10 (Square, Sqrt, Relu, Neg, ReluGrad, Add, Sub, Mul, RealDiv, BiasAdd)", with)
	}
}
