//go:build unix

package gemm

import "syscall"

// cpuSeconds is the CPU time (user + system) this process has used: on a
// shared machine, flops per CPU-second measure the code better than flops
// per wall-second, which also count time spent descheduled.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
