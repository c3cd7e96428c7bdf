package cpufeat

// cpuid executes CPUID with the given leaf and sub-leaf.
func cpuid(eax, ecx uint32) (a, b, c, d uint32)

// xgetbv reads extended control register 0 (XCR0).
func xgetbv() (eax, edx uint32)

// detectAVX reports whether the CPU has AVX and the OS saves the YMM
// registers (OSXSAVE with XCR0 bits 1 and 2).
func detectAVX() bool {
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(osxsave|avx) != osxsave|avx {
		return false
	}
	xcr0, _ := xgetbv()
	return xcr0&6 == 6 // XMM and YMM state enabled
}

// detectAVX2FMA reports whether the CPU has AVX2 and FMA (AVX checked
// apart).
func detectAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const fma = 1 << 12
	_, ebx7, _, _ := cpuid(7, 0)
	return ecx1&fma != 0 && ebx7&(1<<5) != 0 // AVX2
}

// detectAVX512F reports whether the CPU has AVX-512F and the OS saves the
// opmask and all 32 ZMM registers (XCR0 bits 5-7); AVX2 and FMA checked
// apart.
func detectAVX512F() bool {
	if xcr0, _ := xgetbv(); xcr0&0xe6 != 0xe6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<16) != 0 // AVX512F
}
