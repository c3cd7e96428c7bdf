//go:build !unix

package main

// peakRSSMB is 0: this OS's peak RSS is not read.
func peakRSSMB() float64 { return 0 }
