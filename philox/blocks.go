package philox

import "math/bits"

// The fills draw many blocks at a time. Block's ten rounds are one chain
// of dependent multiplies, so one block at a time is bound by their
// latency; several blocks computed side by side (in Go, or in vector
// lanes) keep the multiplier busy. Each block is still Block's, word
// for word.

// Implementations of blocks, fastest last; impl is the one fill uses
// (tests switch it).
const (
	goBlocks     = iota // blocksGo
	avx2Blocks          // blocksAVX2 and uniformAVX2, then the Go ones
	avx512Blocks        // blocksAVX512 and uniformAVX512, then the AVX2 ones
)

var (
	impl      = bestBlocks()
	implNames = [...]string{goBlocks: "go", avx2Blocks: "avx2", avx512Blocks: "avx512"}
)

// fill sets dst, whose length is a multiple of 4, to the blocks for g's
// next len(dst)/4 counters, word after word, and moves g past them: what
// len(dst)/4 calls of Next return.
func (g *Generator) fill(dst []uint32) {
	for len(dst) > 0 {
		// the implementations step word 0 of the counter only: cut where
		// it wraps, and let Skip carry into the upper words
		n := min(uint64(len(dst)/4), 1<<32-uint64(g.counter[0]))
		blocks(impl, g.counter, g.key, dst[:4*n])
		g.Skip(n)
		dst = dst[4*n:]
	}
}

// blocks sets dst to the blocks for the counters counter, counter+1, …
// (len(dst)/4 of them, word 0 not wrapping) with implementation im:
// its kernel on as many as it takes, the narrower ones on the rest.
func blocks(im int, counter [4]uint32, key [2]uint32, dst []uint32) {
	if n := len(dst) / 128; im >= avx512Blocks && n > 0 {
		blocksAVX512(&dst[0], n, counter[0], counter[1], counter[2], counter[3], key[0], key[1])
		counter[0] += uint32(32 * n)
		dst = dst[128*n:]
	}
	if n := len(dst) / 32; im >= avx2Blocks && n > 0 {
		blocksAVX2(&dst[0], n, counter[0], counter[1], counter[2], counter[3], key[0], key[1])
		counter[0] += uint32(8 * n)
		dst = dst[32*n:]
	}
	blocksGo(counter, key, dst)
}

// blocksGo is blocks in Go: two blocks at a time, their rounds
// interleaved (four, which spill registers, measured no faster), then
// the odd one.
func blocksGo(counter [4]uint32, key [2]uint32, dst []uint32) {
	for ; len(dst) >= 8; dst = dst[8:] {
		a0, a1, a2, a3 := counter[0], counter[1], counter[2], counter[3]
		b0, b1, b2, b3 := a0+1, a1, a2, a3
		k0, k1 := key[0], key[1]
		for range 10 {
			ahi0, alo0 := bits.Mul32(mulA, a0)
			bhi0, blo0 := bits.Mul32(mulA, b0)
			ahi1, alo1 := bits.Mul32(mulB, a2)
			bhi1, blo1 := bits.Mul32(mulB, b2)
			a0, a1, a2, a3 = ahi1^a1^k0, alo1, ahi0^a3^k1, alo0
			b0, b1, b2, b3 = bhi1^b1^k0, blo1, bhi0^b3^k1, blo0
			k0 += keyA
			k1 += keyB
		}
		d := (*[8]uint32)(dst)
		d[0], d[1], d[2], d[3] = a0, a1, a2, a3
		d[4], d[5], d[6], d[7] = b0, b1, b2, b3
		counter[0] += 2
	}
	if len(dst) == 4 {
		b := Block(counter, key)
		copy(dst, b[:])
	}
}

// blockRun draws a run of a generator's blocks a buffer at a time, for
// the fills: drawn many at once, they come from fill's fast paths.
type blockRun struct {
	gen  Generator
	left int          // blocks still to draw
	buf  [1024]uint32 // a quarter of fillGrain; 256 measured 10% slower
}

// newBlockRun returns the run of g's blocks b0 to b1-1: g skipped b0
// blocks on, then b1-b0 calls of Next.
func newBlockRun(g Generator, b0, b1 int) blockRun {
	g.Skip(uint64(b0))
	return blockRun{gen: g, left: b1 - b0}
}

// next returns the run's next blocks, four words each, or none at its
// end.
func (r *blockRun) next() []uint32 {
	n := min(r.left, len(r.buf)/4)
	r.left -= n
	w := r.buf[:4*n]
	r.gen.fill(w)
	return w
}

// uniforms sets dst[i] to Uint32ToFloat(src[i]) with implementation im,
// as blocks does.
func uniforms(im int, dst []float32, src []uint32) {
	src = src[:len(dst)]
	if n := len(dst) / 16; im >= avx512Blocks && n > 0 {
		uniformAVX512(&dst[0], &src[0], n)
		dst, src = dst[16*n:], src[16*n:]
	}
	if n := len(dst) / 8; im >= avx2Blocks && n > 0 {
		uniformAVX2(&dst[0], &src[0], n)
		dst, src = dst[8*n:], src[8*n:]
	}
	for i := range dst {
		dst[i] = Uint32ToFloat(src[i])
	}
}
