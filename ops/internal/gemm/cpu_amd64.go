package gemm

// cpuid executes CPUID with the given leaf and sub-leaf.
func cpuid(eax, ecx uint32) (a, b, c, d uint32)

// xgetbv reads extended control register 0 (XCR0).
func xgetbv() (eax, edx uint32)

// kernel6x16 computes the 6×16 tile C = A·Bp (or C += A·Bp when acc)
// over k steps: element (r, p) of the 6-row A panel is at a[r·rs + p·ps]
// (rs = 1, ps = 6 when packed; in place, rs and ps are A's strides), Bp is
// a packed 16-column panel, and ldc is C's row stride, all in elements.
// It needs AVX2 and FMA.
//
//go:noescape
func kernel6x16(k int, a *float32, rs, ps int, b, c *float32, ldc int, acc bool)

// kernel12x32 computes the 12×32 tile C = A·Bp (or C += A·Bp when acc)
// over k steps from two 6-row A panels and two packed 16-column B panels:
// element (r, p) of A is at a0[r·rs + p·ps] for r < 6 and a1[(r-6)·rs +
// p·ps] for the rest; Bp's columns 0-15 are the panel at b and columns
// 16-31 the panel bs elements further on. It needs AVX-512F.
//
//go:noescape
func kernel12x32(k int, a0, a1 *float32, rs, ps int, b *float32, bs int, c *float32, ldc int, acc bool)

// kernel6x32 is kernel12x32 for one 6-row A panel: the rows that are
// left over under the 12-row tiles.
//
//go:noescape
func kernel6x32(k int, a *float32, rs, ps int, b *float32, bs int, c *float32, ldc int, acc bool)

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

// detectAVX512 reports whether the CPU has AVX-512F besides AVX2 and FMA
// and the OS saves the opmask and all 32 ZMM registers (XCR0 bits 5-7).
func detectAVX512() bool {
	if !detectAVX2FMA() {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&0xe6 != 0xe6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<16) != 0 // AVX512F
}

// bestKernel is the fastest micro-kernel this CPU runs.
func bestKernel() int {
	switch {
	case detectAVX512():
		return avx512Kernel
	case detectAVX2FMA():
		return avx2Kernel
	}
	return goKernel
}

// hasAsmCopy: the packing copies need only SSE2, which every amd64 CPU has.
const hasAsmCopy = true

// scatter16 deals n runs of 16 floats from src to dst, ds floats apart:
// dst[q·ds+j] = src[16q+j]. SSE2 only.
//
//go:noescape
func scatter16(dst *float32, ds int, src *float32, n int)

// scatter6 is scatter16 for runs of 6 floats.
//
//go:noescape
func scatter6(dst *float32, ds int, src *float32, n int)

// transpose16 packs 16 rows of src, lds floats apart, by columns, 8
// columns at a time for n times: dst[16p+j] = src[j·lds+p] for j < 16,
// p < 8n. It needs AVX.
//
//go:noescape
func transpose16(dst, src *float32, lds, n int)
