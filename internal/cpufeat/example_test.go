package cpufeat_test

import (
	"fmt"

	"github.com/tf1go/tf1go/internal/cpufeat"
)

// A kernel picks the widest vector code the machine runs; each feature
// implies the narrower ones, whatever the CPU.
func Example() {
	lanes := 4 // SSE, on every amd64 CPU
	switch {
	case cpufeat.AVX512F:
		lanes = 16
	case cpufeat.AVX:
		lanes = 8
	}
	fmt.Println(lanes >= 4, !cpufeat.AVX512F || cpufeat.AVX2FMA, !cpufeat.AVX2FMA || cpufeat.AVX)
	// Output: true true true
}
