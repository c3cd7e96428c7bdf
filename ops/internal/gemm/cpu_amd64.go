package gemm

import "github.com/tf1go/tf1go/internal/cpufeat"

// kernel6x16 computes the 6×16 tile C = A·Bp (or C += A·Bp when acc)
// over k steps: element (r, p) of the 6-row A panel is at a[r·rs + p·ps]
// (rs = 1, ps = 6 when packed; in place, rs and ps are A's strides), Bp is
// a packed 16-column panel, and ldc is C's row stride, all in elements.
// It needs AVX2 and FMA.
//
//go:noescape
func kernel6x16(k int, a *float32, rs, ps int, b, c *float32, ldc int, acc bool)

// kernel12x32 computes the 12×32 tile C = A·B (or C += A·B when acc)
// over k steps from two 6-row A panels and 32 columns of B: element (r,
// p) of A is at a0[r·rs + p·ps] for r < 6 and a1[(r-6)·rs + p·ps] for the
// rest; element (p, j) of B at b[p·bk + j] for j < 16 and b[bs + p·bk +
// j-16] for the rest (two packed 16-column panels: bs = 16·k, bk = 16; B
// in place: bs = 16, bk = B's row stride). It needs AVX-512F.
//
//go:noescape
func kernel12x32(k int, a0, a1 *float32, rs, ps int, b *float32, bs, bk int, c *float32, ldc int, acc bool)

// kernel6x32 is kernel12x32 for one 6-row A panel: the rows that are
// left over under the 12-row tiles.
//
//go:noescape
func kernel6x32(k int, a *float32, rs, ps int, b *float32, bs, bk int, c *float32, ldc int, acc bool)

// bestKernel is the fastest micro-kernel this CPU runs.
func bestKernel() int {
	switch {
	case cpufeat.AVX512F:
		return avx512Kernel
	case cpufeat.AVX2FMA:
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
