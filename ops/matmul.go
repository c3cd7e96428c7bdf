package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
	gemm32 "github.com/tf1go/tf1go/ops/internal/gemm"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// matMulOp multiplies two matrices, either transposed (tf.matmul).
type matMulOp struct{ transA, transB bool }

func (matMulOp) Type() string { return "MatMul" }

func (m matMulOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	a, b := in[0], in[1]
	if err := requireFloat(a, b); err != nil {
		return a.DType(), nil, err
	}
	sa, sb := a.Shape(), b.Shape()
	for _, s := range []graph.Shape{sa, sb} {
		if s.Known() && len(s) != 2 {
			return a.DType(), nil, errors.Errorf("Shape must be rank 2 but is rank %d", len(s))
		}
	}
	rows, inA, inB, cols := graph.None, graph.None, graph.None, graph.None
	if sa.Known() {
		rows, inA = sa[0], sa[1]
		if m.transA {
			rows, inA = inA, rows
		}
	}
	if sb.Known() {
		inB, cols = sb[0], sb[1]
		if m.transB {
			inB, cols = cols, inB
		}
	}
	if inA >= 0 && inB >= 0 && inA != inB {
		return a.DType(), nil, errors.Errorf("Dimensions must be equal, but are %d and %d", inA, inB)
	}
	return a.DType(), graph.Shape{rows, cols}, nil
}

func (m matMulOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	a, b := in[0], in[1]
	k := a.Dim(1)
	if m.transA {
		k = a.Dim(0)
	}
	gemm(m.transA, m.transB, out.Dim(0), out.Dim(1), k, a, b, out)
	return nil
}

// Rows (opkit.RowProduct) readies the float32 product for blocks of
// rows: op(B) packed once, each block of at least want elements (and
// never one that gemm would sum another way than the whole product)
// computed by SgemmPacked.
func (m matMulOp) Rows(in []*nd.Array, want int) opkit.RowBlocks {
	a, b := in[0], in[1]
	rows, k := a.Dim(0), a.Dim(1)
	if m.transA {
		rows, k = k, rows
	}
	cols := b.Dim(1)
	if m.transB {
		cols = b.Dim(0)
	}
	per := gemm32.BlockRows(rows, cols, k, want/max(cols, 1))
	blocks := max(1, rows/per) // each at least per rows, the rows spread evenly
	fb := newFixedB(m.transB, k, cols, b.Float32s(), b.Dim(1))
	ad, lda := a.Float32s(), a.Dim(1)
	return opkit.RowBlocks{
		Rows: rows, Cols: cols, Blocks: blocks,
		Block: func(q int, use func(i0, i1 int, vals []float32)) {
			i0, i1 := q*rows/blocks, (q+1)*rows/blocks
			off := i0 * lda
			if m.transA {
				off = i0
			}
			dst := getScratch[float32]((i1 - i0) * cols)
			defer putScratch(dst)
			fb.mul(m.transA, i1-i0, ad[off:], lda, *dst, cols, false)
			use(i0, i1, *dst)
		},
		Done: fb.release,
	}
}

// gemm computes out = op(a)·op(b) for row-major a, b, out.
func gemm(transA, transB bool, rows, cols, k int, a, b, out *nd.Array) {
	lda, ldb := a.Dim(1), b.Dim(1)
	switch out.DType() {
	case nd.Float32:
		gemm32.Sgemm(transA, transB, rows, cols, k, a.Float32s(), lda, b.Float32s(), ldb, out.Float32s(), cols)
	case nd.Float64:
		gonum.Implementation{}.Dgemm(blasTrans(transA), blasTrans(transB), rows, cols, k, 1, a.Float64s(), lda, b.Float64s(), ldb, 0, out.Float64s(), cols)
	}
}

func blasTrans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

func (m matMulOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	a, b := n.Inputs()[0], n.Inputs()[1]
	var da, db *graph.Tensor
	switch {
	case !m.transA && !m.transB:
		da, db = matmul(dy, b, false, true), matmul(a, dy, true, false)
	case !m.transA && m.transB:
		da, db = matmul(dy, b, false, false), matmul(dy, a, true, false)
	case m.transA && !m.transB:
		da, db = matmul(b, dy, false, true), matmul(a, dy, false, false)
	default:
		da, db = matmul(b, dy, true, true), matmul(dy, a, true, true)
	}
	return []*graph.Tensor{da, db}
}

func matmul(a, b *graph.Tensor, ta, tb bool) *graph.Tensor {
	return node(matMulOp{transA: ta, transB: tb}, a, b)
}

// MatMul is the matrix product a·b (tf.matmul).
func MatMul(a, b any) *graph.Tensor {
	ta, tb := operands(a, b)
	return matmul(ta, tb, false, false)
}

// MatMulT is the matrix product with either side transposed
// (tf.matmul(a, b, transpose_a=ta, transpose_b=tb)).
func MatMulT(a, b any, transposeA, transposeB bool) *graph.Tensor {
	ta, tb := operands(a, b)
	return matmul(ta, tb, transposeA, transposeB)
}
