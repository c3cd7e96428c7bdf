package philox

import (
	"math/bits"
	"math/rand/v2"
	"sync"
)

// Philox4x32-10's round multipliers and Weyl key increments.
const (
	mulA = 0xD2511F53
	mulB = 0xCD9E8D57
	keyA = 0x9E3779B9
	keyB = 0xBB67AE85
)

// Generator is TF's random::PhiloxRandom: a 128-bit counter and a 64-bit
// key. The zero value is the generator with counter 0 and key 0.
type Generator struct {
	counter [4]uint32
	key     [2]uint32
}

// New returns the generator TF's PhiloxRandom(seed, seed2) is: key seed,
// counter words 2 and 3 seed2, words 0 and 1 zero.
func New(seed, seed2 uint64) Generator {
	return Generator{
		counter: [4]uint32{0, 0, uint32(seed2), uint32(seed2 >> 32)},
		key:     [2]uint32{uint32(seed), uint32(seed >> 32)},
	}
}

// Block is Philox4x32-10 itself: the four words for a counter and a key.
func Block(counter [4]uint32, key [2]uint32) [4]uint32 {
	// the words and the key in locals, so the ten rounds run in registers
	c0, c1, c2, c3 := counter[0], counter[1], counter[2], counter[3]
	k0, k1 := key[0], key[1]
	for r := 0; r < 10; r++ {
		hi0, lo0 := bits.Mul32(mulA, c0)
		hi1, lo1 := bits.Mul32(mulB, c2)
		c0, c1, c2, c3 = hi1^c1^k0, lo1, hi0^c3^k1, lo0
		k0 += keyA
		k1 += keyB
	}
	return [4]uint32{c0, c1, c2, c3}
}

// Next returns the block for the current counter and advances it by one.
func (g *Generator) Next() [4]uint32 {
	out := Block(g.counter, g.key)
	g.Skip(1)
	return out
}

// Skip advances the counter by n blocks, carrying into the upper words
// as TF's PhiloxRandom::Skip does.
func (g *Generator) Skip(n uint64) {
	lo, hi := uint32(n), uint32(n>>32)
	g.counter[0] += lo
	if g.counter[0] < lo {
		hi++
	}
	g.counter[1] += hi
	if g.counter[1] < hi {
		g.counter[2]++
		if g.counter[2] == 0 {
			g.counter[3]++
		}
	}
}

// samplesPerOutput is how many blocks TF's random kernels reserve for
// each output element (random_op.cc's multiplier, FillPhiloxRandomTask's
// kReservedSamplesPerOutput): enough for any run of rejections.
const samplesPerOutput = 256

// Stream is TF's GuardedPhiloxRandom: the generator a stateful random
// kernel keeps for its session. Each run reserves a piece of it; it is
// safe for concurrent use.
type Stream struct {
	mu  sync.Mutex
	gen Generator
}

// NewStream returns the stream of a kernel whose op has the attributes
// seed and seed2. As in TF, seeds both 0 mean "not seeded": the stream
// is keyed by seeds drawn at random.
func NewStream(seed, seed2 int64) *Stream {
	if seed == 0 && seed2 == 0 {
		seed, seed2 = int64(rand.Uint64()), int64(rand.Uint64())
	}
	return &Stream{gen: New(uint64(seed), uint64(seed2))}
}

// ReserveSamples128 returns the generator at the stream's position and
// moves the stream n blocks on (TF's ReserveSamples128).
func (s *Stream) ReserveSamples128(n uint64) Generator {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.gen
	s.gen.Skip(n)
	return g
}

// ReserveRandomOutputs reserves what a kernel filling count elements
// takes: count·256 blocks (TF's ReserveRandomOutputs(count, 256)).
func (s *Stream) ReserveRandomOutputs(count int) Generator {
	return s.ReserveSamples128(uint64(count) * samplesPerOutput)
}

// TruncatedNormal fills out as one run of TF's float32 TruncatedNormal
// kernel does: it reserves len(out)·256 blocks and draws from them.
func (s *Stream) TruncatedNormal(out []float32) {
	FillTruncatedNormal(s.ReserveRandomOutputs(len(out)), out)
}

// Uniform fills out with one run of TF's float32 RandomUniform kernel:
// values in [0, 1).
func (s *Stream) Uniform(out []float32) {
	FillUniform(s.ReserveRandomOutputs(len(out)), out)
}

// Uniform64 fills out with one run of TF's float64 RandomUniform kernel.
func (s *Stream) Uniform64(out []float64) {
	FillUniform64(s.ReserveRandomOutputs(len(out)), out)
}
