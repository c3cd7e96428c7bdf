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
	switch {
	case cpufeat.AVX512F:
		return avx512Blocks
	case cpufeat.AVX2FMA:
		return avx2Blocks
	}
	return goBlocks
}

// uniformAVX512 is uniforms on 16n words. It needs AVX-512F.
//
//go:noescape
func uniformAVX512(dst *float32, src *uint32, n int)

// blocksAVX2 is blocksAVX512 on 8n blocks, four to a YMM register, two
// registers at a time (the 16 YMM registers hold no more). It needs
// AVX2.
//
//go:noescape
func blocksAVX2(dst *uint32, n int, c0, c1, c2, c3, k0, k1 uint32)

// uniformAVX2 is uniforms on 8n words. It needs AVX2.
//
//go:noescape
func uniformAVX2(dst *float32, src *uint32, n int)
