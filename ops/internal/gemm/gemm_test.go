package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// operands makes op(A) m×k, op(B) k×n and C m×n with the given extra
// stride padding. C is filled with NaN, and its padding with a sentinel.
type operands struct {
	transA, transB bool
	m, n, k        int
	a, b, c        []float32
	lda, ldb, ldc  int
}

const sentinel = 12345

func newOperands(rng *rand.Rand, transA, transB bool, m, n, k, pad int, integer bool) *operands {
	o := &operands{transA: transA, transB: transB, m: m, n: n, k: k}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	o.lda, o.ldb, o.ldc = ac+pad, bc+pad, n+pad
	fill := func(rows, ld int) []float32 {
		s := make([]float32, rows*ld)
		for i := range s {
			if integer {
				s[i] = float32(rng.IntN(9) - 4)
			} else {
				s[i] = rng.Float32()*2 - 1
			}
		}
		return s
	}
	o.a, o.b = fill(ar, o.lda), fill(br, o.ldb)
	o.c = make([]float32, m*o.ldc)
	for i := range o.c {
		if i%o.ldc < n {
			o.c[i] = float32(math.NaN())
		} else {
			o.c[i] = sentinel
		}
	}
	return o
}

// dense returns op(A) as m×k and op(B)ᵀ as n×k in float64, so that every
// reference dot product runs over two contiguous rows.
func (o *operands) dense() (a, bt []float64) {
	a, bt = make([]float64, o.m*o.k), make([]float64, o.n*o.k)
	for i := range o.m {
		for p := range o.k {
			if o.transA {
				a[i*o.k+p] = float64(o.a[p*o.lda+i])
			} else {
				a[i*o.k+p] = float64(o.a[i*o.lda+p])
			}
		}
	}
	for j := range o.n {
		for p := range o.k {
			if o.transB {
				bt[j*o.k+p] = float64(o.b[j*o.ldb+p])
			} else {
				bt[j*o.k+p] = float64(o.b[p*o.ldb+j])
			}
		}
	}
	return a, bt
}

func (o *operands) run() {
	Sgemm(o.transA, o.transB, o.m, o.n, o.k, o.a, o.lda, o.b, o.ldb, o.c, o.ldc)
}

// verify compares C with a float64 reference: exactly when exact (small
// integers, whose sums float32 holds exactly in any order), else within
// 1e-6·sqrt(k) of Σ|a·b| (the usual float32 GEMM bound; cancellation
// makes a bound relative to |C| itself meaningless). It returns the worst
// error relative to Σ|a·b|.
func (o *operands) verify(t *testing.T, exact bool) float64 {
	t.Helper()
	worst := 0.0
	tol := 1e-6 * math.Sqrt(float64(o.k))
	a, bt := o.dense()
	for i := range o.m {
		ai := a[i*o.k : (i+1)*o.k]
		for j := range o.ldc {
			got := o.c[i*o.ldc+j]
			if j >= o.n {
				if got != sentinel {
					t.Fatalf("%s: C[%d,%d] in the stride padding changed to %v", o, i, j, got)
				}
				continue
			}
			var sum, abs float64
			for p, y := range bt[j*o.k : (j+1)*o.k] {
				sum += ai[p] * y
				abs += math.Abs(ai[p] * y)
			}
			d := math.Abs(float64(got) - sum)
			if exact && d != 0 || !(d <= tol*abs) { // !(<=) also catches NaN
				t.Fatalf("%s: C[%d,%d] = %v, want %v (Σ|ab| = %v)", o, i, j, got, sum, abs)
			}
			if abs > 0 {
				worst = max(worst, d/abs)
			}
		}
	}
	return worst
}

func (o *operands) String() string {
	return fmt.Sprintf("transA=%v transB=%v m=%d n=%d k=%d lda=%d ldb=%d ldc=%d kernel=%s",
		o.transA, o.transB, o.m, o.n, o.k, o.lda, o.ldb, o.ldc, kernelNames[kernel])
}

var sizes = []int{1, 3, 17, 35, 100, 784, 1000, 1024, 3136}

// shapes lists (m, n, k) triples: every combination of sizes up to maxMACs
// multiply-adds, and the logistic regression's tiny products.
func shapes(maxMACs int) [][3]int {
	var out [][3]int
	for _, m := range sizes {
		for _, n := range sizes {
			for _, k := range sizes {
				if m*n*k <= maxMACs {
					out = append(out, [3]int{m, n, k})
				}
			}
		}
	}
	return append(out, [3]int{35, 1, 2}, [3]int{2, 1, 35}, [3]int{35, 2, 1})
}

// withKernel runs f with every micro-kernel the CPU runs (the portable
// Go one, with the Go packing copies, everywhere), saying which it skips.
func withKernel(t *testing.T, f func(t *testing.T)) {
	saved, savedCopy := kernel, useAsmCopy
	defer func() { kernel, useAsmCopy = saved, savedCopy }()
	for k := avx512Kernel; k >= goKernel; k-- {
		name := kernelNames[k]
		if k > best {
			t.Run(name, func(t *testing.T) { t.Skipf("this CPU lacks %s (best kernel here: %s)", name, kernelNames[best]) })
			continue
		}
		kernel, useAsmCopy = k, k != goKernel && hasAsmCopy
		t.Run(name, f)
	}
}

var transposes = [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}}

func TestTable(t *testing.T) {
	maxMACs := 1 << 21
	if testing.Short() {
		maxMACs = 1 << 19
	}
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		worst := 0.0
		for _, tr := range transposes {
			for _, s := range shapes(maxMACs) {
				if kernel == goKernel && s[0]*s[1]*s[2] > 1<<20 {
					continue // the Go kernel is slow; smaller shapes cover it
				}
				pad := 0
				if (s[0]+s[1]+s[2])%2 == 1 {
					pad = 5
				}
				o := newOperands(rng, tr[0], tr[1], s[0], s[1], s[2], pad, false)
				o.run()
				worst = max(worst, o.verify(t, false))
			}
		}
		t.Logf("worst error / Σ|ab|: %.3g", worst)
	})
}

// TestLectureShapes checks the benchmarks' products (the lecture's layers
// and convolutions) with their own transposes, up to 2e8 multiply-adds.
func TestLectureShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("large products")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, s := range benchShapes {
		if s.m*s.n*s.k > 2e8 {
			continue
		}
		o := newOperands(rng, s.transA, s.transB, s.m, s.n, s.k, 0, false)
		o.run()
		o.verify(t, false)
	}
}

// TestExact uses small integers, for which every order of summation is
// exact, so any misplaced, missing or doubled term shows.
func TestExact(t *testing.T) {
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, tr := range transposes {
			for _, s := range shapes(1 << 20) {
				o := newOperands(rng, tr[0], tr[1], s[0], s[1], s[2], 3, true)
				o.run()
				o.verify(t, true)
			}
		}
	})
}

// TestBlocking shrinks the blocks so that small products cross every
// block boundary (several K blocks accumulating, several M and N blocks,
// ragged edges) and forces the packed and the parallel paths.
func TestBlocking(t *testing.T) {
	defer setBlocking(kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs)
	defer setThreads(3)()
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 6))
		for _, bl := range [][3]int{{1, 6, 16}, {5, 12, 32}, {7, 13, 40}, {64, 30, 48}} {
			for _, par := range []int{math.MaxInt32, 1} {
				setBlocking(bl[0], bl[1], bl[2], 0, par)
				for _, tr := range transposes {
					for _, s := range [][3]int{{1, 1, 1}, {6, 16, 5}, {7, 17, 9}, {35, 33, 20}, {13, 100, 17}, {100, 3, 29}} {
						o := newOperands(rng, tr[0], tr[1], s[0], s[1], s[2], 2, true)
						o.run()
						o.verify(t, true)
					}
				}
			}
		}
	})
}

func setBlocking(kc, mc, nc, small, par int) {
	kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs = kc, mc, nc, small, par
}

// setThreads sets the goroutines per product and returns a func that
// restores the old value.
func setThreads(t int) func() {
	old := threads
	threads = t
	return func() { threads = old }
}

// TestRandom compares random shapes, transposes, strides and blockings
// with the float64 reference.
func TestRandom(t *testing.T) {
	defer setBlocking(kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs)
	defer setThreads(threads)()
	n := 300
	if testing.Short() {
		n = 60
	}
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 8))
		for range n {
			setBlocking(1+rng.IntN(300), 6+rng.IntN(150), 16+rng.IntN(500), rng.IntN(5000), 1+rng.IntN(1<<16))
			threads = 1 + rng.IntN(4)
			dim := func() int {
				if rng.IntN(4) == 0 {
					return 1 + rng.IntN(3)
				}
				return 1 + rng.IntN(130)
			}
			o := newOperands(rng, rng.IntN(2) == 1, rng.IntN(2) == 1, dim(), dim(), dim(), rng.IntN(4), rng.IntN(2) == 1)
			o.run()
			exact := o.a[0] == float32(int(o.a[0])) // integer operands
			o.verify(t, exact)
		}
	})
}

// TestEmpty covers zero dimensions: nothing to do, or (k = 0) C = 0.
func TestEmpty(t *testing.T) {
	c := []float32{1, 2, 3, 4, 5, 6}
	Sgemm(false, false, 0, 3, 4, nil, 4, make([]float32, 12), 3, nil, 3)
	Sgemm(false, false, 2, 0, 4, make([]float32, 8), 4, nil, 1, c, 3)
	if c[0] != 1 {
		t.Fatal("n = 0 wrote C")
	}
	Sgemm(false, false, 2, 2, 0, nil, 1, nil, 2, c, 3)
	if want := []float32{0, 0, 3, 0, 0, 6}; fmt.Sprint(c) != fmt.Sprint(want) {
		t.Fatalf("k = 0: C = %v, want %v", c, want)
	}
}

func TestShortOperandPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a short C")
		}
	}()
	Sgemm(false, false, 2, 2, 2, make([]float32, 4), 2, make([]float32, 4), 2, make([]float32, 3), 2)
}

// TestConcurrent runs products from several goroutines at once (the pool
// of packing buffers and the parallel split must not mix them up).
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(9, uint64(g)))
			for range 4 {
				o := newOperands(rng, g%2 == 1, g%4 >= 2, 60+rng.IntN(150), 60+rng.IntN(150), 60+rng.IntN(300), 1, true)
				o.run()
				o.verify(t, true)
			}
		}()
	}
	wg.Wait()
}

// TestSmallNoAlloc: the lecture's tiny products must not allocate.
func TestSmallNoAlloc(t *testing.T) {
	a, b, c := make([]float32, 70), make([]float32, 2), make([]float32, 35)
	if n := testing.AllocsPerRun(100, func() { Sgemm(false, false, 35, 1, 2, a, 2, b, 1, c, 1) }); n != 0 {
		t.Fatalf("35x2·2x1 allocates %v times", n)
	}
	a, b, c = make([]float32, 100*784), make([]float32, 784*64), make([]float32, 100*64)
	Sgemm(false, false, 100, 64, 784, a, 784, b, 64, c, 64) // fill the pool
	if n := testing.AllocsPerRun(20, func() { Sgemm(false, false, 100, 64, 784, a, 784, b, 64, c, 64) }); n > 1 {
		t.Fatalf("100x784·784x64 allocates %v times", n)
	}
}

// TestSmallSequential: the unpacked path sums each element in order over
// k with a rounding after every product and every addition, bit for bit
// what gonum's loops give on such sizes (the lecture's tiny, chaotic
// optimizations print losses that show any other order).
func TestSmallSequential(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, tr := range transposes {
		for _, s := range [][3]int{{35, 1, 2}, {2, 1, 35}, {35, 2, 1}, {12, 1, 5}, {5, 1, 12}, {4, 4, 4}, {6, 7, 5}, {100, 1, 300}, {7, 1, 1000}, {65, 2, 2}, {2, 2, 65}, {8, 8, 16}} {
			o := newOperands(rng, tr[0], tr[1], s[0], s[1], s[2], 1, false)
			o.run()
			a, bt := o.dense()
			for i := range o.m {
				for j := range o.n {
					var sum float32
					for p := range o.k {
						sum += float32(float32(a[i*o.k+p]) * float32(bt[j*o.k+p]))
					}
					if got := o.c[i*o.ldc+j]; got != sum {
						t.Fatalf("%s: C[%d,%d] = %v, want the in-order sum %v", o, i, j, got, sum)
					}
				}
			}
		}
	}
}

// TestRagged sweeps every M and N edge of the 12×32 and 6×16 tiles (and
// K from one step up past the 4-step unrolling) on the packed path, with
// blocks small enough that whole and partial tiles mix within a block.
func TestRagged(t *testing.T) {
	defer setBlocking(kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs)
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(15, 16))
		for _, bl := range [][3]int{{256, 144, 4080}, {4, 24, 64}} {
			setBlocking(bl[0], bl[1], bl[2], 0, math.MaxInt32)
			for _, tr := range transposes {
				for m := 1; m <= 26; m++ {
					for n := 1; n <= 70; n += 1 + n/8 {
						for _, k := range []int{1, 3, 9} {
							o := newOperands(rng, tr[0], tr[1], m, n, k, m%3, true)
							o.run()
							o.verify(t, true)
						}
					}
				}
			}
		}
	})
}

// TestPacked: SgemmPacked gives every element exactly Sgemm's sum
// (random operands), and with add that sum plus C's old value (small
// integers, where the K blocks' order cannot show), for every kernel,
// transpose and path (tiny products, n = 1, packed blocks).
func TestPacked(t *testing.T) {
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(17, 18))
		var pb PackedB
		for _, integer := range []bool{false, true} {
			for _, tr := range transposes {
				for _, s := range [][3]int{{35, 1, 2}, {4, 4, 4}, {1, 1, 1}, {13, 33, 7}, {196, 64, 800}, {100, 40, 300}, {7, 2, 1000}} {
					o := newOperands(rng, tr[0], tr[1], s[0], s[1], s[2], 1, integer)
					o.run()
					want := slices.Clone(o.c)
					pb.Pack(tr[1], o.k, o.n, o.b, o.ldb)
					got := slices.Clone(o.c)
					for i := range got {
						if i%o.ldc < o.n {
							got[i] = float32(math.NaN())
						}
					}
					SgemmPacked(tr[0], o.m, o.a, o.lda, &pb, got, o.ldc, false)
					if !slices.Equal(got, want) {
						t.Fatalf("%s: SgemmPacked differs from Sgemm", o)
					}
					if !integer {
						continue
					}
					SgemmPacked(tr[0], o.m, o.a, o.lda, &pb, got, o.ldc, true)
					for i := range got {
						if w := want[i] + want[i]; i%o.ldc < o.n && got[i] != w {
							t.Fatalf("%s: add: C[%d] = %v, want %v", o, i, got[i], w)
						}
					}
				}
			}
		}
	})
}

// TestDirectSameBits checks that reading A in place (plain or
// transposed) gives every element of C the bits packing A gives.
func TestDirectSameBits(t *testing.T) {
	defer func(saved int) { directPanels = saved }(directPanels)
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(19, 20))
		for _, transA := range []bool{false, true} {
			for _, s := range [][3]int{{196, 64, 800}, {800, 64, 196}, {35, 40, 300}, {25, 32, 700}} {
				o := newOperands(rng, transA, false, s[0], s[1], s[2], 1, false)
				inPlaceSameBits(t, o, "A", &directPanels, 4)
			}
		}
	})
}

// inPlaceSameBits runs o with the threshold *limit at 0 (the operand
// always packed) and at on (read in place where it applies) and fails
// unless C is right and has the same bits both ways.
func inPlaceSameBits(t *testing.T, o *operands, operand string, limit *int, on int) {
	t.Helper()
	*limit = 0
	o.run()
	packed := slices.Clone(o.c)
	*limit = on
	o.run()
	o.verify(t, false)
	if !slices.Equal(o.c, packed) {
		t.Fatalf("%s: %s read in place gives other bits than %s packed", o, operand, operand)
	}
}

// TestDirectBSameBits checks that reading B in place gives every element
// of C the bits packing B gives, on every M edge of the tiles, K blocks
// that accumulate, and B rows longer than C's (a column block of B).
func TestDirectBSameBits(t *testing.T) {
	defer func(saved int) { directBRows = saved }(directBRows)
	defer setBlocking(kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs)
	defer setThreads(threads)()
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, bl := range [][3]int{{256, 144, 1024}, {7, 24, 64}} {
			for _, par := range []int{math.MaxInt32, 1} {
				setBlocking(bl[0], bl[1], bl[2], 0, par)
				threads = 2
				for m := 1; m <= 70; m += 1 + m/10 {
					for _, n := range []int{32, 64, 160} {
						for _, k := range []int{1, 3, 9, 300} {
							o := newOperands(rng, m%2 == 1, false, m, n, k, m%3*7, false)
							inPlaceSameBits(t, o, "B", &directBRows, 70)
						}
					}
				}
			}
		}
	})
}

// TestBlockRowsSameBits: SgemmPacked on blocks of BlockRows rows (the
// last one longer) gives every element Sgemm's bits on the whole
// product, for products Sgemm sums in plain loops, n = 1, products
// whose small blocks would fall to the plain loops, and large ones.
func TestBlockRowsSameBits(t *testing.T) {
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(23, 24))
		var pb PackedB
		for _, s := range [][4]int{{35, 1, 2, 8}, {7, 3, 20, 2}, {100, 10, 50, 1}, {601, 256, 30, 64}, {3136, 64, 50, 100}, {5, 40, 300, 1}} {
			for _, transA := range []bool{false, true} {
				o := newOperands(rng, transA, false, s[0], s[1], s[2], 1, false)
				o.run()
				want := slices.Clone(o.c)
				per := BlockRows(o.m, o.n, o.k, s[3])
				blocks := max(1, o.m/per)
				pb.Pack(false, o.k, o.n, o.b, o.ldb)
				got := make([]float32, len(o.c))
				copy(got, o.c)
				for q := range blocks {
					i0, i1 := q*o.m/blocks, (q+1)*o.m/blocks
					off := i0 * o.lda
					if transA {
						off = i0
					}
					a := o.a[off:]
					SgemmPacked(transA, i1-i0, a, o.lda, &pb, got[i0*o.ldc:], o.ldc, false)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%s in blocks of %d rows: other bits than Sgemm", o, per)
				}
			}
		}
	})
}
