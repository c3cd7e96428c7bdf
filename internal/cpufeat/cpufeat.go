// Package cpufeat reports, once at start-up, which vector instruction
// sets the CPU has and the operating system supports (it saves their
// registers on context switches), so that kernels with assembly for
// several widths pick the widest they may run. On other architectures
// than amd64 every feature is false.
package cpufeat

// What this CPU and OS support. Each implies the ones above it.
var (
	// AVX: the 256-bit YMM instructions (AVX, not AVX2), and the OS saves
	// the YMM registers.
	AVX = detectAVX()
	// AVX2FMA: AVX2 and FMA besides AVX.
	AVX2FMA = AVX && detectAVX2FMA()
	// AVX512F: AVX-512 Foundation besides AVX2 and FMA, and the OS saves
	// the opmask registers and all 32 ZMM registers.
	AVX512F = AVX2FMA && detectAVX512F()
)
