package philox

import "github.com/tf1go/tf1go/internal/par"

// FillNormal fills out from g as TF's FillPhiloxRandom does for
// NormalDistribution<float>: one block per four values, two Box–Muller
// pairs from its words in order.
func FillNormal(g Generator, out []float32) {
	par.For((len(out)+3)/4, fillGrain/4, func(b0, b1 int) {
		r := newBlockRun(g, b0, b1)
		for i, w := 4*b0, r.next(); len(w) > 0; i, w = i+len(w), r.next() {
			dst := out[i:min(i+len(w), len(out))]
			for j := 0; j < len(dst); j += 2 {
				f0, f1 := BoxMullerFloat(w[j], w[j+1])
				dst[j] = f0
				if j+1 < len(dst) {
					dst[j+1] = f1
				}
			}
		}
	})
}

// Normal fills out as one run of TF's float32 RandomStandardNormal kernel
// does: it reserves len(out)·256 blocks and draws from them.
func (s *Stream) Normal(out []float32) {
	FillNormal(s.ReserveRandomOutputs(len(out)), out)
}
