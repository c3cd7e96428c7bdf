package philox

import (
	"math"

	"github.com/tf1go/tf1go/internal/par"
)

// Uint32ToFloat is TF's uniform float32 in [0, 1) from one word: the low
// 23 bits as the mantissa of a number in [1, 2), minus 1.
func Uint32ToFloat(x uint32) float32 {
	return math.Float32frombits(127<<23|x&0x7fffff) - 1
}

// Uint64ToDouble is TF's uniform float64 in [0, 1) from two words: the
// low 20 bits of x0 and all of x1 as the mantissa.
func Uint64ToDouble(x0, x1 uint32) float64 {
	man := uint64(x0&0xfffff)<<32 | uint64(x1)
	return math.Float64frombits(1023<<52|man) - 1
}

// BoxMullerFloat is TF's BoxMullerFloat: two standard normals from two
// words. It follows TF 0.x's C++ (random_distributions.h of 2016) in
// which step rounds to float32: the angle 2.0f * M_PI * u is computed in
// double and rounded; sqrt(-2.0f * log(u1)) is computed in double (the
// code called the C library's double log and sqrt; later TF versions
// call float ones) and rounded; sine and cosine are sincosf's, float32.
func BoxMullerFloat(x0, x1 uint32) (float32, float32) {
	const epsilon = 1.0e-7 // do not send a really small number to log
	u1 := Uint32ToFloat(x0)
	if u1 < epsilon {
		u1 = epsilon
	}
	v1 := float32(2 * math.Pi * float64(Uint32ToFloat(x1)))
	u2 := float32(math.Sqrt(-2 * math.Log(float64(u1))))
	sin, cos := math.Sincos(float64(v1))
	return float32(sin) * u2, float32(cos) * u2
}

// single is TF's SingleSampleAdapter: a generator's blocks one word at a
// time.
type single struct {
	gen  *Generator
	buf  [4]uint32
	used int
}

func (s *single) next() uint32 {
	if s.used == 0 {
		s.buf = s.gen.Next()
	}
	x := s.buf[s.used]
	s.used = (s.used + 1) % 4
	return x
}

// truncatedNormal is TF's TruncatedNormalDistribution for float32: four
// values of magnitude below 2, taking Box–Muller pairs in order and
// dropping the rest.
func truncatedNormal(s *single) [4]float32 {
	var out [4]float32
	n := 0
	for {
		f0, f1 := BoxMullerFloat(s.next(), s.next())
		for _, f := range [2]float32{f0, f1} {
			if f > -2 && f < 2 {
				out[n] = f
				n++
				if n == len(out) {
					return out
				}
			}
		}
	}
}

// fillGrain is how many values one goroutine fills at a time: the
// fills split their output across goroutines in pieces of whole blocks
// (or groups), each drawing from the generator skipped to its first
// block, so the values are the serial fill's.
const fillGrain = 4096

// FillTruncatedNormal fills out from g as TF's FillPhiloxRandom does for
// TruncatedNormalDistribution over SingleSampleAdapter: element group i
// (elements 4i..4i+3) draws from g skipped 256·i blocks, so each group's
// values do not depend on how many draws the others rejected.
func FillTruncatedNormal(g Generator, out []float32) {
	const (
		group = 4                            // values per group
		skip  = group * samplesPerOutput / 4 // blocks per group: 4 words a block
	)
	par.For((len(out)+group-1)/group, fillGrain/group, func(i0, i1 int) {
		for i := i0; i < i1; i++ {
			gen := g
			gen.Skip(uint64(i) * skip)
			v := truncatedNormal(&single{gen: &gen})
			copy(out[i*group:], v[:])
		}
	})
}

// FillUniform fills out from g as TF's FillPhiloxRandom does for
// UniformDistribution<float>: one block per four values, in order.
func FillUniform(g Generator, out []float32) {
	par.For((len(out)+3)/4, fillGrain/4, func(b0, b1 int) {
		r := newBlockRun(g, b0, b1)
		for i, w := 4*b0, r.next(); len(w) > 0; i, w = i+len(w), r.next() {
			uniforms(impl, out[i:min(i+len(w), len(out))], w)
		}
	})
}

// FillUniform64 fills out from g as TF's UniformDistribution<double>
// does: one block per two values.
func FillUniform64(g Generator, out []float64) {
	par.For((len(out)+1)/2, fillGrain/2, func(b0, b1 int) {
		r := newBlockRun(g, b0, b1)
		for i, w := 2*b0, r.next(); len(w) > 0; i, w = i+len(w)/2, r.next() {
			dst := out[i:min(i+len(w)/2, len(out))]
			for j := range dst {
				dst[j] = Uint64ToDouble(w[2*j], w[2*j+1])
			}
		}
	})
}
