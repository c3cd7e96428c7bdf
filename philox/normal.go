package philox

import "github.com/tf1go/tf1go/internal/par"

// FillNormal fills out from g as TF's FillPhiloxRandom does for
// NormalDistribution<float>: one block per four values, two Box–Muller
// pairs from its words in order.
func FillNormal(g Generator, out []float32) {
	par.For((len(out)+3)/4, fillGrain/4, func(b0, b1 int) {
		gen := g
		gen.Skip(uint64(b0))
		for i := 4 * b0; i < min(4*b1, len(out)); i += 4 {
			b := gen.Next()
			f0, f1 := BoxMullerFloat(b[0], b[1])
			f2, f3 := BoxMullerFloat(b[2], b[3])
			copy(out[i:], []float32{f0, f1, f2, f3})
		}
	})
}

// Normal fills out as one run of TF's float32 RandomStandardNormal kernel
// does: it reserves len(out)·256 blocks and draws from them.
func (s *Stream) Normal(out []float32) {
	FillNormal(s.ReserveRandomOutputs(len(out)), out)
}
