//go:build !amd64

package gemm

const hasAsmCopy = false

func bestKernel() int { return goKernel }

func kernel6x16(k int, a *float32, rs, ps int, b, c *float32, ldc int, acc bool) {
	panic("gemm: no assembly kernel on this architecture")
}

func kernel12x32(k int, a0, a1 *float32, rs, ps int, b *float32, bs, bk int, c *float32, ldc int, acc bool) {
	panic("gemm: no assembly kernel on this architecture")
}

func kernel6x32(k int, a *float32, rs, ps int, b *float32, bs, bk int, c *float32, ldc int, acc bool) {
	panic("gemm: no assembly kernel on this architecture")
}

func scatter16(dst *float32, ds int, src *float32, n int) { panic("unreachable") }
func scatter6(dst *float32, ds int, src *float32, n int)  { panic("unreachable") }
func transpose16(dst, src *float32, lds, n int)           { panic("unreachable") }
