//go:build !amd64

package gemm

const hasAVX2FMA = false

func kernel6x16(k int, a, b, c *float32, ldc int, acc bool) {
	panic("gemm: no assembly kernel on this architecture")
}
