//go:build unix

// Package cputime reads the CPU time this process has used, for
// benchmarks on shared machines: work per CPU-second measures the code
// better than work per wall-second, which also counts time spent
// descheduled by other processes.
package cputime

import "syscall"

// Seconds is the CPU time (user + system) of all the process's threads,
// or 0 where the OS does not say.
func Seconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
