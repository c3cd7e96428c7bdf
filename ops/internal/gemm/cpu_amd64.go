package gemm

// cpuid executes CPUID with the given leaf and sub-leaf.
func cpuid(eax, ecx uint32) (a, b, c, d uint32)

// xgetbv reads extended control register 0 (XCR0).
func xgetbv() (eax, edx uint32)

// kernel6x16 computes the 6×16 tile C = Ap·Bp (or C += Ap·Bp when acc)
// from k steps of a packed 6-row A panel and a packed 16-column B panel.
// ldc is C's row stride in elements. It needs AVX2 and FMA.
//
//go:noescape
func kernel6x16(k int, a, b, c *float32, ldc int, acc bool)

// detectAVX2FMA reports whether the CPU has AVX2 and FMA and the OS saves
// the YMM registers on context switches (OSXSAVE with XCR0 bits 1 and 2).
func detectAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0 // AVX2
}

var hasAVX2FMA = detectAVX2FMA()
