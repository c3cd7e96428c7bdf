// Package gemm is a float32 matrix multiply for row-major matrices, blocked
// and packed in the BLIS/GotoBLAS way around a 6×16 register-tile
// micro-kernel: AVX2+FMA assembly on amd64 CPUs that have it, portable Go
// everywhere else.
//
// Loop nest for one product (one goroutine's share of it):
//
//	for jc over N in steps of nc:        B block kc×nc lives in L3
//	  for pc over K in steps of kc:      pack B[pc:,jc:] into 16-column panels
//	    for ic over M in steps of mc:    pack A[ic:,pc:] into 6-row panels (L2)
//	      for jr over the block's columns in steps of 16: (B panel in L1)
//	        for ir over the block's rows in steps of 6:
//	          micro-kernel: C[ic+ir:+6, jc+jr:+16] (+)= Ap·Bp
//
// The first K block stores into C and later ones add to it, so C's old
// contents never matter (beta = 0). Panels are zero-padded to whole tiles;
// tiles hanging over C's edge are computed into a scratch tile and the
// valid part copied out. Large products are split over GOMAXPROCS
// goroutines along M or N, whichever repacks less; small ones run a plain
// loop with no packing and no allocation.
package gemm

import (
	"fmt"
	"runtime"
	"sync"
)

const (
	mr = 6  // micro-tile rows
	nr = 16 // micro-tile columns
)

// Blocking parameters (vars so that benchmarks can tune them).
var (
	kcBlock = 256  // depth of packed panels: kc·16·4 B = 16 KiB B panel in L1
	mcBlock = 120  // rows of A per block: mc·kc·4 B = 120 KiB in L2
	ncBlock = 3072 // columns of B per block: kc·nc·4 B = 3 MiB in L3
)

var (
	// smallMACs: products with m·n·k at or below this skip packing.
	smallMACs = 4096
	// parallelMACs: products with m·n·k at or above this use several
	// goroutines; each one gets at least this much work.
	parallelMACs = 1 << 19
)

// useAsm selects the assembly micro-kernel; tests turn it off to exercise
// the Go one.
var useAsm = hasAVX2FMA

// Sgemm computes C = op(A)·op(B) for row-major float32 matrices, where
// op(A) is m×k (A is m×k, or k×m if transA), op(B) is k×n (B is k×n, or
// n×k if transB) and C is m×n. lda, ldb and ldc are the row strides. C
// need not be initialised; it must not overlap A or B.
func Sgemm(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	check("A", a, ar, ac, lda)
	check("B", b, br, bc, ldb)
	check("C", c, m, n, ldc)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		for i := range m {
			clear(c[i*ldc : i*ldc+n])
		}
		return
	}
	p := problem{transA, transB, m, n, k, a, lda, b, ldb, c, ldc}
	macs := m * n * k
	if macs <= smallMACs {
		p.small()
		return
	}
	if macs >= 2*parallelMACs {
		if t := min(runtime.GOMAXPROCS(0), macs/parallelMACs); t > 1 && p.parallel(t) {
			return
		}
	}
	p.blocked()
}

func check(name string, s []float32, rows, cols, ld int) {
	if rows < 0 || cols < 0 || ld < max(1, cols) {
		panic(fmt.Sprintf("gemm: bad %s shape %dx%d with stride %d", name, rows, cols, ld))
	}
	if rows > 0 && cols > 0 && len(s) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("gemm: %s has %d elements, %dx%d with stride %d needs %d", name, len(s), rows, cols, ld, (rows-1)*ld+cols))
	}
}

type problem struct {
	transA, transB bool
	m, n, k        int
	a              []float32
	lda            int
	b              []float32
	ldb            int
	c              []float32
	ldc            int
}

// rows returns the sub-problem of C's rows [i0, i1).
func (p problem) rows(i0, i1 int) problem {
	q := p
	q.m = i1 - i0
	if p.transA {
		q.a = p.a[i0:]
	} else {
		q.a = p.a[i0*p.lda:]
	}
	q.c = p.c[i0*p.ldc:]
	return q
}

// cols returns the sub-problem of C's columns [j0, j1).
func (p problem) cols(j0, j1 int) problem {
	q := p
	q.n = j1 - j0
	if p.transB {
		q.b = p.b[j0*p.ldb:]
	} else {
		q.b = p.b[j0:]
	}
	q.c = p.c[j0:]
	return q
}

// parallel splits p over t goroutines along M or N, in whole tiles, and
// reports whether it did. Every goroutine packs its own copy of the
// operand it shares, so the split goes along the dimension whose shared
// operand is smaller: splitting M repacks B (k·n), splitting N repacks A
// (m·k).
func (p problem) parallel(t int) bool {
	splitM := p.m >= p.n
	if splitM && p.m < 2*mr || !splitM && p.n < 2*nr {
		splitM = !splitM
	}
	unit, total := nr, p.n
	if splitM {
		unit, total = mr, p.m
	}
	tiles := (total + unit - 1) / unit
	t = min(t, tiles)
	if t < 2 {
		return false
	}
	var wg sync.WaitGroup
	for w := range t {
		lo := tiles * w / t * unit
		hi := min(total, tiles*(w+1)/t*unit)
		var q problem
		if splitM {
			q = p.rows(lo, hi)
		} else {
			q = p.cols(lo, hi)
		}
		if w == t-1 {
			q.blocked()
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.blocked()
		}()
	}
	wg.Wait()
	return true
}

// buffers are one goroutine's packing space, recycled through a pool.
type buffers struct{ a, b []float32 }

var pool = sync.Pool{New: func() any { return new(buffers) }}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// blocked runs the packed loop nest on the calling goroutine.
func (p problem) blocked() {
	kcMax, mcMax, ncMax := kcBlock, mcBlock/mr*mr, ncBlock/nr*nr
	kcMax = min(kcMax, p.k)
	mcMax = min(mcMax, roundUp(p.m, mr))
	ncMax = min(ncMax, roundUp(p.n, nr))
	buf := pool.Get().(*buffers)
	buf.a = grow(buf.a, mcMax*kcMax)
	buf.b = grow(buf.b, kcMax*ncMax)
	asm := useAsm
	for jc := 0; jc < p.n; jc += ncMax {
		nc := min(ncMax, p.n-jc)
		for pc := 0; pc < p.k; pc += kcMax {
			kc := min(kcMax, p.k-pc)
			packB(buf.b, p.b, p.ldb, p.transB, pc, kc, jc, nc)
			for ic := 0; ic < p.m; ic += mcMax {
				mc := min(mcMax, p.m-ic)
				packA(buf.a, p.a, p.lda, p.transA, ic, mc, pc, kc)
				macro(mc, nc, kc, buf.a, buf.b, p.c[ic*p.ldc+jc:], p.ldc, pc > 0, asm)
			}
		}
	}
	pool.Put(buf)
}

func roundUp(x, to int) int { return (x + to - 1) / to * to }

// macro multiplies a packed mc×kc block of A by a packed kc×nc block of
// B into C (which starts at the block's corner), adding if acc.
func macro(mc, nc, kc int, ap, bp, c []float32, ldc int, acc, asm bool) {
	var tile [mr * nr]float32
	for jr := 0; jr < nc; jr += nr {
		w := min(nr, nc-jr)
		b := bp[jr*kc : (jr+nr)*kc]
		for ir := 0; ir < mc; ir += mr {
			h := min(mr, mc-ir)
			a := ap[ir*kc : (ir+mr)*kc]
			if h == mr && w == nr {
				cc := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+nr]
				if asm {
					kernel6x16(kc, &a[0], &b[0], &cc[0], ldc, acc)
				} else {
					kernelGo(kc, a, b, cc, ldc, acc)
				}
				continue
			}
			if asm {
				kernel6x16(kc, &a[0], &b[0], &tile[0], nr, false)
			} else {
				kernelGo(kc, a, b, tile[:], nr, false)
			}
			for r := range h {
				dst := c[(ir+r)*ldc+jr : (ir+r)*ldc+jr+w]
				src := tile[r*nr : r*nr+w]
				if acc {
					for j, v := range src {
						dst[j] += v
					}
				} else {
					copy(dst, src)
				}
			}
		}
	}
}

// packA packs rows [i0, i0+mc) and columns [p0, p0+kc) of op(A) into
// 6-row panels: panel q holds element (i0+6q+r, p0+p) at q·6·kc + 6p + r,
// rows past mc zero.
func packA(dst, a []float32, lda int, trans bool, i0, mc, p0, kc int) {
	for ir := 0; ir < mc; ir += mr {
		d := dst[ir*kc : (ir+mr)*kc]
		h := min(mr, mc-ir)
		i := i0 + ir
		switch {
		case trans: // op(A)(i, p) = a[p*lda+i]: rows of the panel are contiguous
			for p := range kc {
				s := a[(p0+p)*lda+i:]
				dd := d[p*mr : p*mr+mr]
				if h == mr {
					copy(dd, s[:mr])
				} else {
					copy(dd, s[:h])
					clear(dd[h:])
				}
			}
		case h == mr:
			r0 := a[i*lda+p0:][:kc]
			r1 := a[(i+1)*lda+p0:][:kc]
			r2 := a[(i+2)*lda+p0:][:kc]
			r3 := a[(i+3)*lda+p0:][:kc]
			r4 := a[(i+4)*lda+p0:][:kc]
			r5 := a[(i+5)*lda+p0:][:kc]
			for p := range kc {
				dd := (*[mr]float32)(d[p*mr:])
				dd[0], dd[1], dd[2], dd[3], dd[4], dd[5] = r0[p], r1[p], r2[p], r3[p], r4[p], r5[p]
			}
		default:
			clear(d)
			for r := range h {
				row := a[(i+r)*lda+p0:][:kc]
				for p, v := range row {
					d[p*mr+r] = v
				}
			}
		}
	}
}

// packB packs rows [p0, p0+kc) and columns [j0, j0+nc) of op(B) into
// 16-column panels: panel q holds element (p0+p, j0+16q+j) at
// q·16·kc + 16p + j, columns past nc zero.
func packB(dst, b []float32, ldb int, trans bool, p0, kc, j0, nc int) {
	for jr := 0; jr < nc; jr += nr {
		d := dst[jr*kc : (jr+nr)*kc]
		w := min(nr, nc-jr)
		j := j0 + jr
		switch {
		case !trans: // op(B)(p, j) = b[p*ldb+j]: rows of the panel are contiguous
			for p := range kc {
				s := b[(p0+p)*ldb+j:]
				dd := d[p*nr : p*nr+nr]
				if w == nr {
					copy(dd, s[:nr])
				} else {
					copy(dd, s[:w])
					clear(dd[w:])
				}
			}
		case w == nr:
			for c := 0; c < nr; c += 4 {
				s0 := b[(j+c)*ldb+p0:][:kc]
				s1 := b[(j+c+1)*ldb+p0:][:kc]
				s2 := b[(j+c+2)*ldb+p0:][:kc]
				s3 := b[(j+c+3)*ldb+p0:][:kc]
				for p := range kc {
					dd := (*[4]float32)(d[p*nr+c:])
					dd[0], dd[1], dd[2], dd[3] = s0[p], s1[p], s2[p], s3[p]
				}
			}
		default:
			clear(d)
			for c := range w {
				col := b[(j+c)*ldb+p0:][:kc]
				for p, v := range col {
					d[p*nr+c] = v
				}
			}
		}
	}
}
