package gemm

import "fmt"

// Rows writes op(B), k×n, into a PackedB a panel at a time, straight into
// the layout Pack gives it (packAllB's blocks of 16-column panels), for
// an operand that is built piece by piece anyway, such as a convolution's
// windows: no matrix of it is stored and then packed.
type Rows struct {
	pb     *PackedB
	kc, nc int // geometry's block depth and width for k×n
}

// Rows readies pb to hold op(B), k×n, written through the Rows it
// returns; until every element has been written, its contents are
// undefined. It reuses pb's space as Pack does; multiply with the Rows'
// Mul, not SgemmPacked.
func (pb *PackedB) Rows(k, n int) Rows {
	if k < 0 || n < 0 {
		panic(fmt.Sprintf("gemm: bad rows shape %dx%d", k, n))
	}
	// (pb.b, after Pack, is the caller's operand: never written)
	*pb = PackedB{k: k, n: n, data: pb.data, kernel: kernel}
	if k == 0 || n == 0 {
		return Rows{pb: pb}
	}
	kcMax, _, ncMax := problem{m: 1, n: n, k: k}.geometry()
	// The last panel's columns past n are left as they are: they only
	// reach columns of a tile that are not stored into C.
	pb.data = grow(pb.data, k*roundUp(n, ncMax))
	return Rows{pb: pb, kc: kcMax, nc: ncMax}
}

// PanelWidth is how many columns of op(B) a packed panel holds.
const PanelWidth = nr

// Panel returns the storage of columns j to j+15 (j a multiple of
// PanelWidth) of rows p, p+1, … of op(B), as far as the end of p's block
// of rows: element (p+i, j+l) at [16i+l]. Columns past n may be written:
// they never reach C.
func (r Rows) Panel(p, j int) []float32 {
	if p < 0 || p >= r.pb.k || j < 0 || j >= r.pb.n || j%nr != 0 {
		panic(fmt.Sprintf("gemm: no panel at (%d, %d) of %dx%d rows", p, j, r.pb.k, r.pb.n))
	}
	// block (pc, jc) at jc·k + pc·nc, its panels 16·kc apart
	pc, jc := p/r.kc*r.kc, j/r.nc*r.nc
	kc := min(r.kc, r.pb.k-pc)
	i := jc*r.pb.k + pc*r.nc + (j-jc)*kc + (p-pc)*nr
	end := pc + kc
	return r.pb.data[i : i+(end-p)*nr : i+(end-p)*nr]
}

// Mul computes C = op(A)·op(B), or C += op(A)·op(B) when add, for op(B)
// the rows written: SgemmPacked on the calling goroutine, each element of
// C getting exactly the sum it gives for op(B) packed by Pack. op(A) is
// m×k (A is m×k, or k×m if transA).
func (r Rows) Mul(transA bool, m int, a []float32, lda int, c []float32, ldc int, add bool) {
	pb := r.pb
	// SgemmPacked reads op(B) unpacked for products of at most smallMACs
	// multiply-adds or n = 1: give it op(B) wherever that can happen (a
	// copy of at most smallMACs values, or of k for n = 1).
	if pb.n == 1 || pb.k*pb.n <= smallMACs {
		pb.b, pb.ldb = make([]float32, pb.k*pb.n), pb.n
		for j := 0; j < pb.n; j += nr {
			for p := 0; p < pb.k; {
				t := r.Panel(p, j)
				for i := 0; i < len(t)/nr; i, p = i+1, p+1 {
					copy(pb.b[p*pb.n+j:(p+1)*pb.n], t[i*nr:i*nr+min(nr, pb.n-j)])
				}
			}
		}
	}
	SgemmPacked(transA, m, a, lda, pb, c, ldc, add)
}
