package philox

import "github.com/tf1go/tf1go/internal/cpufeat"

// blocksAVX512 is blocks on 32n blocks, written to dst word after word:
// eight blocks to a ZMM register, one in each 64-bit lane, four
// registers at a time (two measured 25% slower: the rounds' latency was
// not hidden). It needs AVX-512F.
//
//go:noescape
func blocksAVX512(dst *uint32, n int, c0, c1, c2, c3, k0, k1 uint32)

// bestBlocks is the fastest implementation of blocks this CPU runs.
func bestBlocks() int {
	if cpufeat.AVX512F {
		return avx512Blocks
	}
	return goBlocks
}

// uniformAVX512 is uniforms on 16n words. It needs AVX-512F.
//
//go:noescape
func uniformAVX512(dst *float32, src *uint32, n int)
