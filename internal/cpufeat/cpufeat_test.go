package cpufeat

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestDetect checks the CPUID/XGETBV probe against the Linux kernel's
// view of the CPU (which drops the features whose state it does not save).
func TestDetect(t *testing.T) {
	t.Logf("GOARCH=%s AVX=%v AVX2FMA=%v AVX512F=%v", runtime.GOARCH, AVX, AVX2FMA, AVX512F)
	if runtime.GOARCH != "amd64" {
		if AVX || AVX2FMA || AVX512F {
			t.Fatalf("features reported on %s", runtime.GOARCH)
		}
		return
	}
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("no /proc/cpuinfo to check against: %v", err)
	}
	var flags []string
	for line := range strings.Lines(string(info)) {
		if strings.HasPrefix(line, "flags") {
			flags = strings.Fields(line)
			break
		}
	}
	has := func(f ...string) bool {
		for _, x := range f {
			if !slices.Contains(flags, x) {
				return false
			}
		}
		return true
	}
	for _, c := range []struct {
		name      string
		got, want bool
	}{
		{"AVX", AVX, has("avx")},
		{"AVX2FMA", AVX2FMA, has("avx", "avx2", "fma")},
		{"AVX512F", AVX512F, has("avx", "avx2", "fma", "avx512f")},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, /proc/cpuinfo says %v", c.name, c.got, c.want)
		}
	}
}
