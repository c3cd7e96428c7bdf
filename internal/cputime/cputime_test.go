package cputime

import (
	"runtime"
	"testing"
)

func TestSecondsGrows(t *testing.T) {
	t0 := Seconds()
	if t0 == 0 && runtime.GOOS == "windows" {
		t.Skip("CPU time not read on this OS")
	}
	x := 0.0
	for i := range 50_000_000 {
		x += float64(i)
	}
	if t1 := Seconds(); !(t1 > t0) || x == 0 {
		t.Fatalf("CPU time did not grow: %v then %v", t0, t1)
	}
}
