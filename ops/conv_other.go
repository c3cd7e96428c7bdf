//go:build !amd64

package ops

func windowsAsm(col, pad *float32, seg, step, pw, kh, ow int, add, avx512 bool) {
	panic("unreachable")
}

// bestWindows: only the Go loops run here.
const bestWindows = goWindows
