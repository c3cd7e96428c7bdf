package train

import "github.com/tf1go/tf1go/internal/cpufeat"

// adamSSE is adam32Go on 4n elements, four lanes at a time (SSE, which
// every amd64 CPU has); each lane does adam32Go's operations in its
// order, each rounded to float32, so the bits are the same.
//
//go:noescape
func adamSSE(w, m, v, grad *float32, n int, c1, c2, alpha, eps float32)

// adamAVX is adamSSE on 8n elements, eight lanes at a time. It needs AVX.
//
//go:noescape
func adamAVX(w, m, v, grad *float32, n int, c1, c2, alpha, eps float32)

// adamLanes is the widest vector kernel's lanes on this CPU: 8 or 4
// (tests lower it to exercise the narrower kernel). There is no 16-lane
// kernel: over the CNN's 3.3 M parameters the update is bound by memory
// bandwidth, and on data in cache a ZMM version measured no faster than
// YMM (the square root and division unit is the limit there).
var adamLanes = widestAdam()

func widestAdam() int {
	if cpufeat.AVX {
		return 8
	}
	return 4
}

// adam32Block is adam32Go with the widest vector kernel on as many
// elements as it takes, the narrower ones on what is left, and Go on the
// last len(w) mod 4.
func adam32Block(w, m, v, g []float32, k adamConsts) {
	i := 0
	for lanes := adamLanes; lanes >= 4; lanes /= 2 {
		n := (len(w) - i) / lanes
		if n == 0 {
			continue
		}
		end := i + lanes*n
		_, _, _ = m[end-1], v[end-1], g[end-1]
		switch lanes {
		case 8:
			adamAVX(&w[i], &m[i], &v[i], &g[i], n, k.c1, k.c2, k.alpha, k.eps)
		default:
			adamSSE(&w[i], &m[i], &v[i], &g[i], n, k.c1, k.c2, k.alpha, k.eps)
		}
		i = end
	}
	adam32Go(w[i:], m[i:], v[i:], g[i:], k)
}
