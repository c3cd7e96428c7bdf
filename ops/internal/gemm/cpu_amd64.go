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
