package train

// adamSSE is adam32Go on 4n elements, four lanes at a time (SSE, which
// every amd64 CPU has); each lane does adam32Go's operations in its
// order, each rounded to float32, so the bits are the same.
//
//go:noescape
func adamSSE(w, m, v, grad *float32, n int, c1, c2, alpha, eps float32)

// adam32Block is adam32Go with the vector kernel on all but the last
// len(w) mod 4 elements.
func adam32Block(w, m, v, g []float32, k adamConsts) {
	n := len(w) / 4
	if n > 0 {
		_, _, _ = m[4*n-1], v[4*n-1], g[4*n-1]
		adamSSE(&w[0], &m[0], &v[0], &g[0], n, k.c1, k.c2, k.alpha, k.eps)
	}
	adam32Go(w[4*n:], m[4*n:], v[4*n:], g[4*n:], k)
}
