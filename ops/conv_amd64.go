package ops

import "github.com/tf1go/tf1go/internal/cpufeat"

// windowsAVX512 is the loop of windows, copying or adding,
// over float32 window rows, seg floats each, at col[(ox·kh+ky)·seg] and
// pad[ox·step + ky·pw] for ox < ow, ky < kh (see the assembly). It
// needs AVX-512F.
//
//go:noescape
func windowsAVX512(col, pad *float32, seg, step, pw, kh, ow int, add bool)

// hasWindowsAsm: windows takes windowsAVX512 on float32 (a variable,
// so that tests run the Go loops too).
var hasWindowsAsm = cpufeat.AVX512F
