package ops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// windowLoopNames name windows' float32 loops in the tests' names.
var windowLoopNames = [...]string{goWindows: "go", avxWindows: "avx", avx512Windows: "avx512"}

// windowCases are geometries for im2col and col2im, each for images 1
// and 2 of a batch of 4, run with each of windows' float32 loops the CPU
// has (the others skipped, saying why): odd sizes, strides larger and
// smaller than the window, SAME padding on every edge (the odd one at
// the bottom and right), VALID windows that stop short of the last rows
// and columns, windows larger than the image, one-channel rows of up to
// 8 values (float32's two 16-byte moves), odd channel counts, and rows
// of every length mod 8 and more than 16 (whole AVX and AVX-512 pieces
// and each rest: four floats and single ones, or masked).
func windowCases(t *testing.T, test func(t *testing.T, g geom)) {
	for loops, name := range windowLoopNames {
		if loops > bestWindows {
			t.Run(name, func(t *testing.T) {
				t.Skipf("this CPU lacks %s (the best window loops here: %s)", name, windowLoopNames[bestWindows])
			})
			continue
		}
		t.Run(name, func(t *testing.T) {
			defer func(old int) { windowLoops = old }(windowLoops)
			windowLoops = loops
			for _, c := range []struct{ h, w, ch, kh, kw, sy, sx int }{
				{5, 7, 1, 5, 5, 1, 1}, {6, 5, 3, 3, 2, 2, 3}, {4, 9, 2, 4, 3, 3, 2}, {3, 3, 1, 1, 1, 1, 1},
				{7, 6, 8, 3, 3, 1, 1}, {5, 8, 17, 2, 3, 2, 2}, {9, 9, 6, 5, 5, 4, 4}, {9, 7, 1, 2, 2, 4, 3},
				{3, 2, 5, 5, 4, 1, 1}, {8, 8, 32, 5, 5, 2, 2}, {1, 11, 1, 1, 8, 1, 1}, {6, 6, 1, 3, 3, 5, 5},
				{4, 5, 16, 1, 1, 1, 1}, {5, 5, 16, 2, 2, 1, 2}, {4, 4, 7, 2, 1, 1, 1}, {5, 6, 3, 2, 4, 1, 2},
				{6, 7, 5, 3, 3, 2, 1}, {3, 9, 1, 2, 9, 1, 1}, {7, 5, 11, 3, 3, 1, 1}, {5, 4, 23, 3, 1, 2, 1},
				{4, 6, 13, 2, 3, 1, 1},
			} {
				for _, same := range []bool{true, false} {
					if !same && (c.kh > c.h || c.kw > c.w) {
						continue // no VALID window fits
					}
					g := newGeom([]int{4, c.h, c.w, c.ch}, c.kh, c.kw, []int{1, c.sy, c.sx, 1}, same)
					t.Run(fmt.Sprintf("%+v/same=%v", c, same), func(t *testing.T) { test(t, g) })
				}
			}
		})
	}
}

// eachTap calls f for every tap of the windows of images n0..n1, in
// im2col's order: its index in the rows of col and the index in x of the
// element it reads, or -1 for padding.
func eachTap(g geom, n0, n1 int, f func(i, at int)) {
	i := 0
	for n := n0; n < n1; n++ {
		for oy := range g.oh {
			for ox := range g.ow {
				for ky := range g.kh {
					for kx := range g.kw {
						for ch := range g.c {
							y, x := oy*g.sy-g.pt+ky, ox*g.sx-g.pl+kx
							at := -1
							if y >= 0 && y < g.h && x >= 0 && x < g.w {
								at = ((n*g.h+y)*g.w+x)*g.c + ch
							}
							f(i, at)
							i++
						}
					}
				}
			}
		}
	}
}

// TestIm2col: the windows laid out from a zero-padded copy of each image
// are the windows by definition, in float32 and float64.
func TestIm2col(t *testing.T) {
	t.Run("float32", func(t *testing.T) { windowCases(t, testIm2col[float32]) })
	t.Run("float64", func(t *testing.T) { windowCases(t, testIm2col[float64]) })
}

func testIm2col[T float32 | float64](t *testing.T, g geom) {
	const n0, n1 = 1, 3
	x := make([]T, g.n*g.h*g.w*g.c)
	for i := range x {
		x[i] = T(i + 1)
	}
	n := (n1 - n0) * g.oh * g.ow * g.kh * g.kw * g.c
	got := make([]T, n+16) // and 16 that im2col must leave alone
	for pass := range 2 {  // the second with the first's scratch
		for i := range got {
			got[i] = -1
		}
		im2col(got[:n], x, g, n0, n1)
		eachTap(g, n0, n1, func(i, at int) {
			want := T(0)
			if at >= 0 {
				want = x[at]
			}
			if got[i] != want {
				t.Fatalf("%T pass %d: col[%d] = %v, want %v", want, pass, i, got[i], want)
			}
		})
		for i := n; i < len(got); i++ {
			if got[i] != -1 {
				t.Fatalf("%T pass %d: col[%d] (past the rows) = %v, want it left at -1", got[i], pass, i, got[i])
			}
		}
	}
}

// TestCol2im: col2im gives each element of images n0..n1 the bits of
// adding, in window order, every tap that read it onto zero, and leaves
// the other images alone, in float32 and float64.
func TestCol2im(t *testing.T) {
	t.Run("float32", func(t *testing.T) { windowCases(t, testCol2im[float32]) })
	t.Run("float64", func(t *testing.T) { windowCases(t, testCol2im[float64]) })
}

func testCol2im[T float32 | float64](t *testing.T, g geom) {
	const n0, n1 = 1, 3
	r := rand.New(rand.NewPCG(9, 10))
	col := make([]T, (n1-n0)*g.oh*g.ow*g.kh*g.kw*g.c)
	for i := range col {
		col[i] = T(r.NormFloat64() * math.Exp(4*r.NormFloat64()))
	}
	size := g.h * g.w * g.c
	want := make([]T, g.n*size)
	for i := range want {
		if i < n0*size || i >= n1*size {
			want[i] = 7
		}
	}
	eachTap(g, n0, n1, func(i, at int) {
		if at >= 0 {
			want[at] += col[i]
		}
	})
	for pass := range 2 { // the second with the first's scratch
		got := make([]T, len(want))
		for i := range got {
			if i < n0*size || i >= n1*size {
				got[i] = 7
			}
		}
		col2im(got, col, g, n0, n1)
		for i := range got {
			if math.Float64bits(float64(got[i])) != math.Float64bits(float64(want[i])) {
				t.Fatalf("%T pass %d: x[%d] = %v, want %v", want[i], pass, i, got[i], want[i])
			}
		}
	}
}
