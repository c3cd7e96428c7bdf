package gemm

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// setRows writes op(B) of o (not transposed) into pb through Rows, the
// panels in random order, the columns past n of the last one as NaN.
func setRows(rng *rand.Rand, pb *PackedB, o *operands) Rows {
	r := pb.Rows(o.k, o.n)
	for _, q := range rng.Perm((o.n + nr - 1) / nr) {
		j := q * nr
		for p := 0; p < o.k; {
			t := r.Panel(p, j)
			for i := 0; i < len(t)/nr; i++ {
				for l := range nr {
					t[i*nr+l] = float32(math.NaN())
					if j+l < o.n {
						t[i*nr+l] = o.b[(p+i)*o.ldb+j+l]
					}
				}
			}
			p += len(t) / nr
		}
	}
	return r
}

// TestRows: op(B) written panel by panel through Rows multiplies to exactly
// what SgemmPacked gives for it packed by Pack (random operands; with
// add, small integers), for every kernel, both op(A)s, one block and
// several in K and N, ragged edges; NaN in the panels' padding does not
// reach C.
func TestRows(t *testing.T) {
	defer setBlocking(kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs)
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(19, 20))
		for _, bl := range [][3]int{{256, 144, 4080}, {5, 24, 64}} {
			setBlocking(bl[0], bl[1], bl[2], 0, math.MaxInt32) // SgemmPacked packed whenever n > 1
			for _, transA := range []bool{false, true} {
				for _, s := range [][3]int{{64, 800, 196}, {32, 25, 300}, {13, 33, 7}, {7, 70, 11}, {1, 2, 1}, {6, 17, 16}} {
					for _, integer := range []bool{false, true} {
						var packed, rows PackedB
						o := newOperands(rng, transA, false, s[0], s[1], s[2], 1, integer)
						packed.Pack(false, o.k, o.n, o.b, o.ldb)
						r := setRows(rng, &rows, o)
						want := slices.Clone(o.c)
						SgemmPacked(transA, o.m, o.a, o.lda, &packed, want, o.ldc, false)
						r.Mul(transA, o.m, o.a, o.lda, o.c, o.ldc, false)
						if !slices.Equal(o.c, want) {
							t.Fatalf("%s: Rows.Mul differs from SgemmPacked", o)
						}
						if !integer {
							continue
						}
						r.Mul(transA, o.m, o.a, o.lda, o.c, o.ldc, true)
						for i, w := range want {
							if i%o.ldc < o.n && o.c[i] != w+w {
								t.Fatalf("%s: add: C[%d] = %v, want %v", o, i, o.c[i], w+w)
							}
						}
					}
				}
			}
		}
	})
}

// TestRowsTiny: products SgemmPacked sums in order from op(B) unpacked
// (tiny ones, n = 1) and empty ones come out right from the packed rows,
// with the blocking and the tiny-product bound of the package and with
// small blocks in K and N.
func TestRowsTiny(t *testing.T) {
	defer setBlocking(kcBlock, mcBlock, ncBlock, smallMACs, parallelMACs)
	withKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		var pb PackedB
		for _, bl := range [][3]int{{kcBlock, mcBlock, ncBlock}, {5, 24, 32}} {
			setBlocking(bl[0], bl[1], bl[2], smallMACs, parallelMACs)
			for _, s := range [][3]int{{35, 1, 2}, {2, 1, 35}, {4, 4, 4}, {1, 1, 1}, {3, 5, 0}, {2, 40, 11}, {1, 1, 3000}} {
				for _, transA := range []bool{false, true} {
					o := newOperands(rng, transA, false, s[0], s[1], s[2], 1, true)
					setRows(rng, &pb, o).Mul(transA, o.m, o.a, o.lda, o.c, o.ldc, false)
					o.verify(t, true)
				}
			}
		}
	})
}

func TestRowsOutsidePanics(t *testing.T) {
	var pb PackedB
	r := pb.Rows(3, 20)
	for _, c := range [][2]int{{3, 0}, {-1, 0}, {0, -16}, {0, 32}, {0, 8}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Panel(%d, %d) of 3x20 rows did not panic", c[0], c[1])
				}
			}()
			r.Panel(c[0], c[1])
		}()
	}
}

// TestRowsLeavesPackedOperand: a PackedB reused for Rows after Pack
// never writes into the operand Pack was given, even for a tiny product
// that reads op(B) unpacked.
func TestRowsLeavesPackedOperand(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	b := make([]float32, 64*64)
	for i := range b {
		b[i] = float32(i)
	}
	want := slices.Clone(b)
	var pb PackedB
	pb.Pack(false, 64, 64, b, 64)
	o := newOperands(rng, false, false, 2, 3, 4, 0, true)
	setRows(rng, &pb, o).Mul(false, o.m, o.a, o.lda, o.c, o.ldc, false)
	o.verify(t, true)
	if !slices.Equal(b, want) {
		t.Fatal("Rows.Mul wrote into the operand of an earlier Pack")
	}
}
