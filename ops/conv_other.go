//go:build !amd64

package ops

func windowsAVX512(col, pad *float32, seg, step, pw, kh, ow int, add bool) { panic("unreachable") }

// hasWindowsAsm: windows takes windowsAVX512 on float32 (a variable,
// so that tests run the Go loops too).
var hasWindowsAsm = false
