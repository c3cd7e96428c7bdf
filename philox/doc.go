// Package philox draws TensorFlow's random numbers: the Philox4x32-10
// counter-based generator as TF's random::PhiloxRandom implements it, the
// state a stateful TF random kernel keeps between runs
// (GuardedPhiloxRandom, here Stream), and the distributions TF's
// TruncatedNormal and RandomUniform kernels draw through. Given the seeds
// TF gave an op, a tf1go program draws the numbers its TensorFlow 1
// original drew: the same words, bit for bit, turned into floats by the
// same steps, rounded to float32 where TF's C++ rounded. (TF's Box–Muller
// called the C library's log, sin and cos; Go's, rounded to float32, may
// differ from those in the last bit in rare cases.)
//
// # The generator
//
// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1,
// 2, 3", SC 2011) maps a 128-bit counter and a 64-bit key to four
// 32-bit words through ten rounds of multiply-and-xor. A Generator holds
// the counter and the key; Next returns the block for the counter and
// advances it by one, and Skip advances it by any number of blocks, so a
// stream can be cut into disjoint pieces without drawing them. New(seed,
// seed2) keys it as TF's PhiloxRandom(seed, seed2) does: the key is
// seed, the upper half of the counter is seed2.
//
// The fills compute many blocks side by side, 32 at a time in vector
// lanes where the CPU has AVX-512, 8 where it has AVX2, two at a time in
// Go elsewhere, since one block's rounds are a chain of dependent
// multiplies; every word is still Block's for its counter.
//
// # Per-run state
//
// A TF random op's kernel owns one generator for the life of its
// session, seeded from the op's attributes seed and seed2 (both 0: seeds
// drawn at random). On every run it reserves a piece of the stream, 256
// blocks per output element whatever the distribution, and fills the
// output from that piece; the next run starts where the reservation
// ended. Stream does the same: NewStream(seed, seed2), then one
// TruncatedNormal or Uniform call per run.
//
// # Distributions
//
// Uniform floats take the 23 (float32) or 52 (float64) low bits of the
// words as a mantissa in [1, 2) and subtract 1. Truncated normals come in
// groups of four: group i draws single words from its own generator,
// skipped 256·i blocks into the reservation, turns pairs of them into two
// normals by Box–Muller, and keeps those of magnitude below 2 until it
// has four. Values are written in TF's element order, so a tensor of the
// same shape receives the same numbers.
package philox
