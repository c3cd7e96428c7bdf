//go:build !amd64

package gemm

const (
	hasAVX2FMA = false
	hasAsmCopy = false
)

func kernel6x16(k int, a *float32, rs, ps int, b, c *float32, ldc int, acc bool) {
	panic("gemm: no assembly kernel on this architecture")
}

func scatter16(dst *float32, ds int, src *float32, n int) { panic("unreachable") }
func scatter6(dst *float32, ds int, src *float32, n int)  { panic("unreachable") }
func transpose16(dst, src *float32, lds, n int)           { panic("unreachable") }
