// Package gemm is a float32 matrix multiply for row-major matrices, blocked
// and packed in the BLIS/GotoBLAS way around register-tile micro-kernels
// chosen at run time: a 12×32 AVX-512 one on amd64 CPUs that have
// AVX-512F (and whose OS saves the ZMM registers), a 6×16 AVX2+FMA one on
// those with AVX2 only, portable Go everywhere else. A is packed in 6-row
// panels and B in 16-column panels whatever the kernel; the 12×32 kernel
// reads two of each, and the edges it leaves are done in 6×16 tiles.
//
// Loop nest for one product (one goroutine's share of it):
//
//	for jc over N in steps of nc:        B block kc×nc lives in L2
//	  for pc over K in steps of kc:      pack B[pc:,jc:] into 16-column panels
//	    for ic over M in steps of mc:    pack A[ic:,pc:] into 6-row panels (L2)
//	      for ir over the block's rows in steps of 12: (A panels in L1)
//	        for jr over the block's columns in steps of 32:
//	          micro-kernel: C[ic+ir:+12, jc+jr:+32] (+)= Ap·Bp
//
// (the edges, and the 6×16 kernels, go a column of tiles at a time: see
// macro).
//
// The first K block stores into C and later ones add to it, so C's old
// contents never matter (beta = 0). Panels are zero-padded to whole tiles;
// tiles hanging over C's edge are computed into a scratch tile and the
// valid part copied out. Two variations serve narrow products such as
// im2col convolutions (n = 32 or 64): an A block that only a few B panels
// use is read in place by the kernel, which takes A's strides, instead of
// being packed; and when B packed for all of K is small, it is packed once
// and the pc loop moves inside the ic loop, so that each block of C stays
// in cache until it is done. A third serves short, wide products such as
// a fully connected layer's forward pass on a batch (m = 50, a weight
// matrix of 3136×1024): the AVX-512 kernels read a B that only a few rows
// of tiles use in place, 32 columns of a row per k step, rather than
// copying all of it into panels for so little use.
//
// Products of at least 2·parallelMACs multiply-adds are cut along M (or N
// when C is wider than tall) into about 4 chunks per goroutine, handed out
// through an atomic counter to up to GOMAXPROCS goroutines; the operand
// every chunk needs whole is packed once and shared. Tiny products (and
// n = 1) run plain loops, with no packing and no allocation, that round
// like gonum's (and TensorFlow 1's non-FMA builds): in order over k,
// without FMA. The blocked path uses FMA and sums each K block apart.
package gemm

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/tf1go/tf1go/internal/par"
)

const (
	mr = 6  // micro-tile rows (rows of a packed A panel)
	nr = 16 // micro-tile columns (columns of a packed B panel)
)

// Micro-kernels, slowest first.
const (
	goKernel     = iota // kernelGo, 6×16
	avx2Kernel          // kernel6x16, 6×16
	avx512Kernel        // kernel12x32, 12×32, with kernel6x16 for the edges
)

// kernelNames name the kernels for tests and benchmarks.
var kernelNames = [...]string{goKernel: "go", avx2Kernel: "avx2", avx512Kernel: "avx512"}

// Blocking parameters (vars so that benchmarks can tune them).
var (
	kcBlock = 256  // depth of packed panels: kc·16·4 B = 16 KiB B panel in L1
	mcBlock = 144  // rows of A per block: mc·kc·4 B = 144 KiB in L2
	ncBlock = 1024 // columns of B per block: kc·nc·4 B = 1 MiB in L2

	// directPanels: A blocks used by at most this many 16-column B panels
	// are read in place rather than packed.
	directPanels = 4
	// directTBytes: a transposed A read in place takes at most this.
	directTBytes = 1 << 20
	// directBRows: with the AVX-512 kernels, a B (not transposed, whole
	// 32-column tiles) used by products of at most this many rows is read
	// in place rather than packed.
	directBRows = 64
	// bAllBytes: when B packed for all of K takes at most this, it is
	// packed once and C's blocks are finished one at a time.
	bAllBytes = 256 << 10
)

var (
	// smallMACs: products with m·n·k at or below this, or with n = 1
	// (where a 16-column tile would be mostly padding), skip packing and
	// sum in order (see small). Up to here that costs at most about a
	// microsecond more than packing would.
	smallMACs = 1024
	// parallelMACs: products with m·n·k at least twice this use several
	// goroutines, at most one per parallelMACs.
	parallelMACs = 1 << 19
)

// threads, if positive, overrides GOMAXPROCS as the most goroutines one
// product uses (a test hook).
var threads = 0

// best is the fastest kernel the CPU runs; kernel is the one in use and
// useAsmCopy selects the assembly packing copies (tests lower them to
// exercise every kernel and the portable Go code).
var (
	best       = bestKernel()
	kernel     = best
	useAsmCopy = hasAsmCopy
)

// tile returns the rows and columns of the largest micro-tile in use:
// the units in which M and N are best cut.
func tile() (rows, cols int) {
	if kernel == avx512Kernel {
		return 2 * mr, 2 * nr
	}
	return mr, nr
}

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
	p := problem{transA, transB, m, n, k, a, lda, b, ldb, c, ldc, false}
	macs := int64(m) * int64(n) * int64(k) // no overflow where int is 32 bits
	if macs <= int64(smallMACs) || n == 1 {
		p.small()
		return
	}
	if macs >= 2*int64(parallelMACs) {
		t := threads
		if t <= 0 {
			t = runtime.GOMAXPROCS(0)
		}
		if t = int(min(int64(t), macs/int64(parallelMACs))); t > 1 && p.parallel(t) {
			return
		}
	}
	p.blocked(nil, nil)
}

func check(name string, s []float32, rows, cols, ld int) {
	if rows < 0 || cols < 0 || ld < 0 || rows > 1 && ld < cols {
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
	add            bool // C += op(A)·op(B) rather than C =
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

// geometry returns the block sizes for p: K and M cut into near-equal
// blocks of at most kcBlock and mcBlock, N into blocks of ncBlock. They
// depend on k, m and n only, so sub-problems that keep two of them share
// their packing layout for the shared operand.
func (p problem) geometry() (kcMax, mcMax, ncMax int) {
	tr, tc := tile()
	kcMax = split(p.k, kcBlock, 1)
	mcMax = split(roundUp(p.m, mr), max(mcBlock/tr*tr, mr), tr)
	ncMax = min(max(ncBlock/tc*tc, nr), roundUp(p.n, nr))
	return
}

// split cuts total into the fewest blocks of at most size and returns the
// common block size, so that the last block is not a sliver.
func split(total, size, unit int) int {
	blocks := (total + size - 1) / size
	return min(size, roundUp((total+blocks-1)/blocks, unit))
}

func roundUp(x, to int) int { return (x + to - 1) / to * to }

// parallel runs p in about 4t chunks and reports whether it did. It
// splits C's rows (or columns, when C is wider than tall) into chunks
// that par.Chunks hands out one at a time to its goroutines, so that a
// goroutine slowed by other work on its core takes fewer. The operand every chunk needs whole (B when
// splitting rows, A when splitting columns) is packed once up front and
// shared.
func (p problem) parallel(t int) bool {
	splitM := p.m >= p.n
	if splitM && p.m < 2*mr || !splitM && p.n < 2*nr {
		splitM = !splitM
	}
	tr, tc := tile()
	unit, total := tc, p.n
	if splitM {
		unit, total = tr, p.m
	}
	if total < 2*unit {
		return false
	}
	chunk := roundUp((total+4*t-1)/(4*t), unit)
	chunks := (total + chunk - 1) / chunk

	kcMax, mcMax, _ := p.geometry()
	var preA, preB []float32
	buf := pool.Get().(*buffers)
	if splitM {
		buf.b = p.packAllB(buf.b)
		preB = buf.b
	} else {
		buf.a = grow(buf.a, roundUp(p.m, mr)*p.k)
		preA = buf.a
		for ic := 0; ic < p.m; ic += mcMax {
			mc := min(mcMax, p.m-ic)
			for pc := 0; pc < p.k; pc += kcMax {
				packA(preA[ic*p.k+pc*roundUp(mc, mr):], p.a, p.lda, p.transA, ic, mc, pc, min(kcMax, p.k-pc))
			}
		}
	}

	par.Chunks(chunks, 1, func(_, i, _ int) {
		lo, hi := i*chunk, min(total, (i+1)*chunk)
		if splitM {
			p.rows(lo, hi).blocked(nil, preB)
		} else {
			p.cols(lo, hi).blocked(preA, nil)
		}
	})
	pool.Put(buf)
	return true
}

// packAllB packs all of op(B) into buf (grown as needed) in the layout
// blocked takes as preB: block (pc, jc) at jc·k + pc·nc.
func (p problem) packAllB(buf []float32) []float32 {
	kcMax, _, ncMax := p.geometry()
	buf = grow(buf, p.k*roundUp(p.n, ncMax))
	for jc := 0; jc < p.n; jc += ncMax {
		for pc := 0; pc < p.k; pc += kcMax {
			packB(buf[jc*p.k+pc*ncMax:], p.b, p.ldb, p.transB, pc, min(kcMax, p.k-pc), jc, min(ncMax, p.n-jc))
		}
	}
	return buf
}

// PackedB is op(B) packed once for several products by SgemmPacked, such
// as a convolution's filter times each chunk of its windows. The zero
// value is ready for Pack; Pack reuses its space.
type PackedB struct {
	transB bool
	k, n   int
	b      []float32 // the operand itself, for products too small to pack
	ldb    int
	data   []float32
	kernel int // the kernel whose geometry data is packed for
}

// Pack packs op(B), k×n (B is k×n, or n×k if transB, with row stride
// ldb). B must not change while pb is in use.
func (pb *PackedB) Pack(transB bool, k, n int, b []float32, ldb int) {
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	check("B", b, br, bc, ldb)
	pb.transB, pb.k, pb.n, pb.b, pb.ldb, pb.kernel = transB, k, n, b, ldb, kernel
	if n > 1 && k > 0 {
		pb.data = problem{transB: transB, m: 1, n: n, k: k, b: b, ldb: ldb}.packAllB(pb.data)
	}
}

// SgemmPacked computes C = op(A)·op(B), or C += op(A)·op(B) when add, for
// op(B) packed by pb.Pack, on the calling goroutine alone (for callers
// that run several products at once). op(A) is m×k (A is m×k, or k×m if
// transA). Each element of C gets exactly the sum Sgemm gives it.
func SgemmPacked(transA bool, m int, a []float32, lda int, pb *PackedB, c []float32, ldc int, add bool) {
	ar, ac := m, pb.k
	if transA {
		ar, ac = pb.k, m
	}
	check("A", a, ar, ac, lda)
	check("C", c, m, pb.n, ldc)
	if pb.kernel != kernel {
		panic("gemm: B packed for another kernel")
	}
	if m == 0 || pb.n == 0 {
		return
	}
	p := problem{transA, pb.transB, m, pb.n, pb.k, a, lda, pb.b, pb.ldb, c, ldc, add}
	switch {
	case pb.k == 0:
		if !add {
			for i := range m {
				clear(c[i*ldc : i*ldc+pb.n])
			}
		}
	case int64(m)*int64(pb.n)*int64(pb.k) <= int64(smallMACs) || pb.n == 1:
		p.small()
	default:
		p.blocked(nil, pb.data)
	}
}

// BlockRows returns how many rows, at least want, the blocks of an
// m×n product over k must have for SgemmPacked on each block to give
// every element the bits Sgemm gives it on the whole product: all m
// when Sgemm sums the whole in plain loops (see small), else enough
// that no block falls to them (the blocked path's sums depend on k
// only).
func BlockRows(m, n, k, want int) int {
	macs := int64(m) * int64(n) * int64(k)
	switch {
	case n == 1: // plain loops, whatever the rows
		return max(want, 1)
	case macs <= int64(smallMACs):
		return max(m, 1)
	}
	return max(want, int(int64(smallMACs)/(int64(n)*int64(k)))+1)
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

// blocked runs the blocked loop nest on the calling goroutine. preA, if
// not nil, holds all of op(A) packed (block (ic, pc) at ic·k + pc·mc),
// and preB all of op(B) (block (pc, jc) at jc·k + pc·nc), as parallel
// leaves them; the rest it packs itself.
func (p problem) blocked(preA, preB []float32) {
	kcMax, mcMax, ncMax := p.geometry()
	// An A block shared by only a few B panels is not worth packing: the
	// kernel reads it in place (except a last partial panel of rows). If
	// A is transposed, each k step touches a new row of it, which pays
	// only while all of A is in cache (a convolution's windows of one
	// image, just laid out), not when it streams from memory.
	direct := preA == nil && ncMax/nr <= directPanels && (!p.transA || p.m*p.k*4 <= directTBytes)
	// A B that few rows of tiles use is not worth packing either: the
	// AVX-512 kernels read its rows in place, 32 columns at a time.
	directB := preB == nil && kernel == avx512Kernel && !p.transB && p.n%(2*nr) == 0 && p.m <= directBRows
	// When B for all of K is packed at once (it fits in about half of L2,
	// or parallel packed it), finish each block of C's rows over all of
	// K while it is in cache.
	bAll := !directB && (preB != nil || p.k*ncMax*4 <= bAllBytes)
	buf := pool.Get().(*buffers)
	switch {
	case preA != nil:
	case direct:
		buf.a = grow(buf.a, mr*kcMax)
	default:
		buf.a = grow(buf.a, mcMax*kcMax)
	}
	switch {
	case preB != nil || directB:
	case bAll:
		buf.b = grow(buf.b, p.k*ncMax)
	default:
		buf.b = grow(buf.b, kcMax*ncMax)
	}
	blockA := func(ic, mc, pc, kc int) panels {
		if preA != nil {
			return panels{packed: preA[ic*p.k+pc*roundUp(mc, mr):]}
		}
		return p.prepA(buf.a, ic, mc, pc, kc, direct)
	}
	kern := kernel
	for jc := 0; jc < p.n; jc += ncMax {
		nc := min(ncMax, p.n-jc)
		c := p.c[jc:]
		if bAll {
			bp := buf.b
			if preB != nil {
				bp = preB[jc*p.k:]
			} else {
				for pc := 0; pc < p.k; pc += kcMax {
					packB(bp[pc*ncMax:], p.b, p.ldb, p.transB, pc, min(kcMax, p.k-pc), jc, nc)
				}
			}
			for ic := 0; ic < p.m; ic += mcMax {
				mc := min(mcMax, p.m-ic)
				for pc := 0; pc < p.k; pc += kcMax {
					kc := min(kcMax, p.k-pc)
					macro(mc, nc, kc, blockA(ic, mc, pc, kc), bpanels{src: bp[pc*ncMax:]}, c[ic*p.ldc:], p.ldc, pc > 0 || p.add, kern)
				}
			}
			continue
		}
		for pc := 0; pc < p.k; pc += kcMax {
			kc := min(kcMax, p.k-pc)
			bp := bpanels{src: buf.b}
			if directB {
				bp = bpanels{src: p.b[pc*p.ldb+jc:], ld: p.ldb}
			} else {
				packB(buf.b, p.b, p.ldb, p.transB, pc, kc, jc, nc)
			}
			for ic := 0; ic < p.m; ic += mcMax {
				mc := min(mcMax, p.m-ic)
				macro(mc, nc, kc, blockA(ic, mc, pc, kc), bp, c[ic*p.ldc:], p.ldc, pc > 0 || p.add, kern)
			}
		}
	}
	pool.Put(buf)
}

// panels tells the macro-kernel where the 6-row panels of an mc×kc block
// of op(A) are: the first direct rows in place in src, panel q starting
// at src[off+q·step] with element (r, p) rs·r + ps·p further on; the rest
// packed, at packed[(q-direct/6)·6·kc].
type panels struct {
	src               []float32
	off, step, rs, ps int
	direct            int
	packed            []float32
}

// prepA readies rows [ic, ic+mc) and columns [pc, pc+kc) of op(A): packs
// them all, or if direct only the last partial panel.
func (p problem) prepA(buf []float32, ic, mc, pc, kc int, direct bool) panels {
	if !direct {
		packA(buf, p.a, p.lda, p.transA, ic, mc, pc, kc)
		return panels{packed: buf}
	}
	pa := panels{src: p.a, direct: mc / mr * mr, packed: buf}
	if p.transA { // op(A)(i, q) = a[q*lda+i]
		pa.off, pa.step, pa.rs, pa.ps = pc*p.lda+ic, mr, 1, p.lda
	} else {
		pa.off, pa.step, pa.rs, pa.ps = ic*p.lda+pc, mr*p.lda, p.lda, 1
	}
	if pa.direct < mc {
		packA(buf, p.a, p.lda, p.transA, ic+pa.direct, mc-pa.direct, pc, kc)
	}
	return pa
}

// panel returns the A panel of rows [ir, ir+6) of a kc-deep block and
// its strides.
func (pa panels) panel(ir, kc int) (a []float32, rs, ps int) {
	if ir < pa.direct {
		off := pa.off + ir/mr*pa.step
		return pa.src[off : off+(mr-1)*pa.rs+(kc-1)*pa.ps+1], pa.rs, pa.ps
	}
	off := (ir - pa.direct) * kc
	return pa.packed[off : off+mr*kc], 1, mr
}

// bpanels tells the macro-kernel where a kc×nc block of op(B) is: packed
// in 16-column panels at src (panel q at src[q·16·kc]), or, if ld > 0, in
// place, element (p, j) at src[p·ld + j] (for the AVX-512 kernels only,
// and only in whole 32-column tiles).
type bpanels struct {
	src []float32
	ld  int
}

// pair returns the 32 columns of B from jr on as kernel12x32 and
// kernel6x32 take them: where they start, the second 16 columns' offset
// and one k step.
func (bp bpanels) pair(jr, kc int) (b []float32, bs, bk int) {
	if bp.ld > 0 {
		return bp.src[jr : jr+(kc-1)*bp.ld+2*nr], nr, bp.ld
	}
	return bp.src[jr*kc : (jr+2*nr)*kc], nr * kc, nr
}

// macro multiplies an mc×kc block of op(A) by a kc×nc block of B into C
// (which starts at the block's corner), adding if acc. With the AVX-512
// kernels, C's columns in whole 32-column tiles go to kernel12x32 (two A
// panels, both in place or both packed) and the rows left over to
// kernel6x32; the columns left over (B packed) go to kernel6x16.
//
// The 12×32 tiles go a row of tiles at a time: the two A panels stay in
// L1 while the B block (at most 1 MiB: kcBlock·ncBlock) streams past from
// L2, and C is written along its rows, which the prefetchers follow (a C
// written once, with a short k, is mostly the cost of those writes).
// Going a column of tiles at a time, the B panels in L1 and A's block
// streaming from L2, measured up to 40% slower on the lecture's shapes.
func macro(mc, nc, kc int, pa panels, bb bpanels, c []float32, ldc int, acc bool, kern int) {
	var tile [mr * 2 * nr]float32
	j32 := 0 // columns done in 32-column tiles
	if kern == avx512Kernel {
		j32 = nc / (2 * nr) * 2 * nr
		i12 := mc / (2 * mr) * 2 * mr
		if pa.direct > 0 {
			i12 = min(i12, pa.direct/(2*mr)*2*mr)
		}
		for ir := 0; ir < i12; ir += 2 * mr {
			a0, rs, ps := pa.panel(ir, kc)
			a1, _, _ := pa.panel(ir+mr, kc)
			for jr := 0; jr < j32; jr += 2 * nr {
				b, bs, bk := bb.pair(jr, kc)
				cc := c[ir*ldc+jr : (ir+2*mr-1)*ldc+jr+2*nr]
				kernel12x32(kc, &a0[0], &a1[0], rs, ps, &b[0], bs, bk, &cc[0], ldc, acc)
			}
		}
		for jr := 0; jr < j32; jr += 2 * nr {
			b, bs, bk := bb.pair(jr, kc)
			for ir := i12; ir < mc; ir += mr {
				a, rs, ps := pa.panel(ir, kc)
				if h := min(mr, mc-ir); h < mr {
					kernel6x32(kc, &a[0], rs, ps, &b[0], bs, bk, &tile[0], 2*nr, false)
					store(c[ir*ldc+jr:], ldc, tile[:], 2*nr, h, 2*nr, acc)
					continue
				}
				cc := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+2*nr]
				kernel6x32(kc, &a[0], rs, ps, &b[0], bs, bk, &cc[0], ldc, acc)
			}
		}
	}
	asm := kern != goKernel
	for jr := j32; jr < nc; jr += nr {
		w := min(nr, nc-jr)
		b := bb.src[jr*kc : (jr+nr)*kc]
		for ir := 0; ir < mc; ir += mr {
			h := min(mr, mc-ir)
			a, rs, ps := pa.panel(ir, kc)
			if h == mr && w == nr {
				cc := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+nr]
				if asm {
					kernel6x16(kc, &a[0], rs, ps, &b[0], &cc[0], ldc, acc)
				} else {
					kernelGo(kc, a, rs, ps, b, cc, ldc, acc)
				}
				continue
			}
			if asm {
				kernel6x16(kc, &a[0], rs, ps, &b[0], &tile[0], nr, false)
			} else {
				kernelGo(kc, a, rs, ps, b, tile[:], nr, false)
			}
			store(c[ir*ldc+jr:], ldc, tile[:], nr, h, w, acc)
		}
	}
}

// store copies (or adds, if acc) the h×w corner of a scratch tile with
// row stride ts into C.
func store(c []float32, ldc int, tile []float32, ts, h, w int, acc bool) {
	for r := range h {
		dst := c[r*ldc : r*ldc+w]
		src := tile[r*ts : r*ts+w]
		if acc {
			for j, v := range src {
				dst[j] += v
			}
		} else {
			copy(dst, src)
		}
	}
}

// packA packs rows [i0, i0+mc) and columns [p0, p0+kc) of op(A) into
// 6-row panels: panel q holds element (i0+6q+r, p0+p) at q·6·kc + 6p + r,
// rows past mc zero.
func packA(dst, a []float32, lda int, trans bool, i0, mc, p0, kc int) {
	ir := 0
	if np := mc / mr; trans && useAsmCopy && np > 0 {
		// op(A)(i, p) = a[p*lda+i]: stream along A's rows, dealing six
		// values to each panel.
		_ = dst[np*mr*kc-1] // the last element scatter6 writes
		for p := range kc {
			row := a[(p0+p)*lda+i0:][:np*mr]
			scatter6(&dst[p*mr], mr*kc, &row[0], np)
		}
		ir = np * mr
	}
	for ; ir < mc; ir += mr {
		d := dst[ir*kc : (ir+mr)*kc]
		h := min(mr, mc-ir)
		i := i0 + ir
		switch {
		case trans: // op(A)(i, p) = a[p*lda+i]
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
	jr := 0
	if np := nc / nr; !trans && useAsmCopy && np > 0 {
		// op(B)(p, j) = b[p*ldb+j]: stream along B's rows (a column walk
		// would touch a new page every row), dealing 16 values to each
		// panel.
		_ = dst[np*nr*kc-1] // the last element scatter16 writes
		for p := range kc {
			row := b[(p0+p)*ldb+j0:][:np*nr]
			scatter16(&dst[p*nr], nr*kc, &row[0], np)
		}
		jr = np * nr
	}
	for ; jr < nc; jr += nr {
		d := dst[jr*kc : (jr+nr)*kc]
		w := min(nr, nc-jr)
		j := j0 + jr
		switch {
		case !trans: // op(B)(p, j) = b[p*ldb+j]
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
			// op(B)(p, j) = b[j*ldb+p]: transpose 16 rows of B.
			_ = b[(j+nr-1)*ldb+p0+kc-1]
			p8 := 0
			if kernel != goKernel { // transpose16 needs AVX
				if p8 = kc / 8 * 8; p8 > 0 {
					transpose16(&d[0], &b[j*ldb+p0], ldb, p8/8)
				}
			}
			for c := 0; c < nr; c += 4 {
				s0 := b[(j+c)*ldb+p0:][:kc]
				s1 := b[(j+c+1)*ldb+p0:][:kc]
				s2 := b[(j+c+2)*ldb+p0:][:kc]
				s3 := b[(j+c+3)*ldb+p0:][:kc]
				for p := p8; p < kc; p++ {
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
