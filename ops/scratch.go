package ops

import (
	"sync"

	"gonum.org/v1/gonum/blas/gonum"

	gemm32 "github.com/tf1go/tf1go/ops/internal/gemm"
)

// scratchable are the element types of kernels' scratch slices.
type scratchable interface{ float32 | float64 | int }

// The pools recycle kernels' scratch slices (as *[]T), so that a
// training step in its steady state allocates none.
var (
	scratch32, scratch64, scratchInts sync.Pool
	packs                             = sync.Pool{New: func() any { return new(gemm32.PackedB) }}
)

func scratchPool[T scratchable]() *sync.Pool {
	switch any(T(0)).(type) {
	case float32:
		return &scratch32
	case float64:
		return &scratch64
	}
	return &scratchInts
}

// getScratch returns a slice of n elements (of any contents) to give
// back with putScratch.
func getScratch[T scratchable](n int) *[]T {
	s, _ := scratchPool[T]().Get().(*[]T)
	if s == nil {
		s = new([]T)
	}
	if cap(*s) < n {
		*s = make([]T, n)
	}
	*s = (*s)[:n]
	return s
}

func putScratch[T scratchable](s *[]T) { scratchPool[T]().Put(s) }

// fixedB is the right operand op(B), k×n, of several products that run
// at once (a convolution's filter times each chunk of windows): packed
// once when float32.
type fixedB[T float32 | float64] struct {
	transB bool
	k, n   int
	b      []T
	ldb    int
	packed *gemm32.PackedB
}

func newFixedB[T float32 | float64](transB bool, k, n int, b []T, ldb int) fixedB[T] {
	f := fixedB[T]{transB: transB, k: k, n: n, b: b, ldb: ldb}
	if b32, ok := any(b).([]float32); ok {
		f.packed = packs.Get().(*gemm32.PackedB)
		f.packed.Pack(transB, k, n, b32, ldb)
	}
	return f
}

// release gives the packing space back.
func (f fixedB[T]) release() {
	if f.packed != nil {
		packs.Put(f.packed)
	}
}

// mul computes C = op(A)·op(B), or C += op(A)·op(B) when add, for op(A)
// m×k, on the calling goroutine.
func (f fixedB[T]) mul(transA bool, m int, a []T, lda int, c []T, ldc int, add bool) {
	if f.packed != nil {
		gemm32.SgemmPacked(transA, m, any(a).([]float32), lda, f.packed, any(c).([]float32), ldc, add)
		return
	}
	beta := 0.0
	if add {
		beta = 1
	}
	gonum.Implementation{}.Dgemm(blasTrans(transA), blasTrans(f.transB), m, f.n, f.k, 1, any(a).([]float64), lda, any(f.b).([]float64), f.ldb, beta, any(c).([]float64), ldc)
}
