package ops

import "github.com/tf1go/tf1go/internal/cpufeat"

// windowsAsm is the loop of windows, copying or adding, over float32
// window rows, seg floats each, at col[(ox·kh+ky)·seg] and
// pad[ox·step + ky·pw] for ox < ow, ky < kh (see the assembly): with
// AVX-512F if avx512, else with AVX (not AVX2: moves and adds of floats
// are all it does).
//
//go:noescape
func windowsAsm(col, pad *float32, seg, step, pw, kh, ow int, add, avx512 bool)

// bestWindows is the fastest of windows' float32 loops this CPU runs.
var bestWindows = func() int {
	switch {
	case cpufeat.AVX512F:
		return avx512Windows
	case cpufeat.AVX:
		return avxWindows
	}
	return goWindows
}()
