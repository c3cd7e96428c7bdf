//go:build !amd64

package philox

func bestBlocks() int { return goBlocks }

func blocksAVX512(dst *uint32, n int, c0, c1, c2, c3, k0, k1 uint32) {
	panic("philox: no assembly on this architecture")
}

func uniformAVX512(dst *float32, src *uint32, n int) {
	panic("philox: no assembly on this architecture")
}

func blocksAVX2(dst *uint32, n int, c0, c1, c2, c3, k0, k1 uint32) {
	panic("philox: no assembly on this architecture")
}

func uniformAVX2(dst *float32, src *uint32, n int) {
	panic("philox: no assembly on this architecture")
}
