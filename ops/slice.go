package ops

import (
	"fmt"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// A mover is an op whose every output element is one input element:
// transposes, slices, tiles. Its kernel and its gradient (the gradient
// of each output element added back where it came from) come from its
// index map alone.
type mover interface {
	graph.Op
	// index returns, for input shape in and output shape out (as Infer
	// gave them), the flat input index of each output element.
	index(in, out []int) []int
}

func runMover(m mover, in []*nd.Array, out *nd.Array) error {
	x := in[0]
	if a, ok := m.(affineMover); ok {
		base, strides := a.affine(x.Shape(), out.Shape())
		switch d := out.Data().(type) {
		case []float32:
			takeAffine(d, x.Float32s(), out.Shape(), base, strides)
		case []float64:
			takeAffine(d, x.Float64s(), out.Shape(), base, strides)
		case []int64:
			takeAffine(d, x.Int64s(), out.Shape(), base, strides)
		case []bool:
			takeAffine(d, x.Bools(), out.Shape(), base, strides)
		}
		return nil
	}
	idx := m.index(x.Shape(), out.Shape())
	switch d := out.Data().(type) {
	case []float32:
		take(d, x.Float32s(), idx)
	case []float64:
		take(d, x.Float64s(), idx)
	case []int64:
		take(d, x.Int64s(), idx)
	case []bool:
		take(d, x.Bools(), idx)
	}
	return nil
}

// take sets dst[i] = src[idx[i]].
func take[T any](dst, src []T, idx []int) {
	for i, j := range idx {
		dst[i] = src[j]
	}
}

// An affineMover is a mover whose index map is affine: its kernel then
// copies row by row without building the map.
type affineMover interface {
	mover
	// affine returns the map's base offset and per output dim stride.
	affine(in, out []int) (base int, strides []int)
}

// takeAffine fills dst, of shape out, from src at base + Σ pos[d]·strides[d].
func takeAffine[T any](dst, src []T, out []int, base int, strides []int) {
	affineRows(out, base, strides, func(d, off, n, step int) {
		if step == 1 {
			copy(dst[d:d+n], src[off:off+n])
			return
		}
		for i := range n {
			dst[d+i] = src[off+i*step]
		}
	})
}

func moveGrad(m mover, n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(moveGradOp{m}, dy, n.Inputs()[0])}
}

// moveGradOp adds dy's elements into an array of x's shape where the
// mover took them from.
type moveGradOp struct{ m mover }

func (g moveGradOp) Type() string { return g.m.Type() + "Grad" }

func (moveGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[1].Shape(), nil
}

func (g moveGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	dy, x := in[0], in[1]
	if a, ok := g.m.(affineMover); ok {
		base, strides := a.affine(x.Shape(), dy.Shape())
		switch d := out.Data().(type) {
		case []float32:
			addAffine(d, dy.Float32s(), dy.Shape(), base, strides)
		case []float64:
			addAffine(d, dy.Float64s(), dy.Shape(), base, strides)
		}
		return nil
	}
	acc := make([]float64, out.Len())
	for i, j := range g.m.index(x.Shape(), dy.Shape()) {
		acc[j] += dy.Flat(i)
	}
	for i, v := range acc {
		out.SetFlat(i, v)
	}
	return nil
}

// addAffine is takeAffine's adjoint: dst (zeroed first) gets each
// element of src, of shape out, added where the affine map took it from.
func addAffine[T float32 | float64](dst, src []T, out []int, base int, strides []int) {
	clear(dst)
	affineRows(out, base, strides, func(d, off, n, step int) {
		for i := range n {
			dst[off+i*step] += src[d+i]
		}
	})
}

// affine is the index map out → in of an array viewed with the given
// base offset and, per output dim, the input stride of a step along it.
func affine(out []int, base int, strides []int) []int {
	idx := make([]int, nd.NumElements(out))
	affineRows(out, base, strides, func(dst, off, n, step int) {
		for i := range n {
			idx[dst+i] = off + i*step
		}
	})
	return idx
}

// affineRows calls f for each row (run along the last dim) of an affine
// map: the row's first output index, its first input index, its length
// and its input step. A scalar is one row of one element.
func affineRows(out []int, base int, strides []int, f func(dst, off, n, step int)) {
	total := nd.NumElements(out)
	if total == 0 {
		return
	}
	if len(out) == 0 {
		f(0, base, 1, 0)
		return
	}
	last := len(out) - 1
	n, step := out[last], strides[last]
	pos := make([]int, last)
	off := base
	for dst := 0; dst < total; dst += n {
		f(dst, off, n, step)
		for k := last - 1; k >= 0; k-- {
			pos[k]++
			off += strides[k]
			if pos[k] < out[k] {
				break
			}
			off -= strides[k] * pos[k]
			pos[k] = 0
		}
	}
}

// rowStrides is the row-major stride of each dim of shape.
func rowStrides(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for d := len(shape) - 1; d >= 0; d-- {
		st[d] = s
		s *= shape[d]
	}
	return st
}

// transposeOp permutes the dims (tf.transpose).
type transposeOp struct{ perm []int }

func (transposeOp) Type() string { return "Transpose" }

// TFOps is 2: tf.transpose made a Const of the permutation.
func (transposeOp) TFOps() int { return 2 }

func (t transposeOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	s := in[0].Shape()
	if !s.Known() {
		return in[0].DType(), graph.UnknownShape, nil
	}
	perm := t.perm
	if perm == nil {
		for i := range s {
			perm = append([]int{i}, perm...)
		}
	}
	if len(perm) != len(s) {
		return in[0].DType(), nil, errors.Errorf("Dimension must be %d but is %d for 'Transpose' (op: 'Transpose') with input shapes: %s, [%d]", len(s), len(perm), s.Brackets(), len(perm))
	}
	seen := make([]bool, len(s))
	out := make(graph.Shape, len(s))
	for i, p := range perm {
		if p < 0 || p >= len(s) || seen[p] {
			return in[0].DType(), nil, errors.Errorf("%v is not a permutation of 0..%d", t.perm, len(s)-1)
		}
		seen[p], out[i] = true, s[p]
	}
	return in[0].DType(), out, nil
}

func (t transposeOp) resolved(rank int) []int {
	if t.perm != nil {
		return t.perm
	}
	perm := make([]int, rank)
	for i := range perm {
		perm[i] = rank - 1 - i
	}
	return perm
}

func (t transposeOp) affine(in, out []int) (int, []int) {
	st := rowStrides(in)
	strides := make([]int, len(out))
	for i, p := range t.resolved(len(in)) {
		strides[i] = st[p]
	}
	return 0, strides
}

func (t transposeOp) index(in, out []int) []int {
	base, strides := t.affine(in, out)
	return affine(out, base, strides)
}

func (t transposeOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	return runMover(t, in, out)
}

func (t transposeOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	perm := t.resolved(len(n.Inputs()[0].Shape()))
	inv := make([]int, len(perm))
	for i, p := range perm {
		inv[p] = i
	}
	return []*graph.Tensor{node(transposeOp{perm: inv}, dy)}
}

// Transpose permutes x's dims: output dim i is input dim perm[i]; with
// no perm, the dims reverse (tf.transpose(x) and tf.transpose(x, perm)).
func Transpose(x any, perm ...int) *graph.Tensor {
	return node(transposeOp{perm: axesOrNil(perm)}, tensor(x, 0))
}

// SliceDim is how StridedSlice slices one dim, Python's x[i] (At),
// x[b:e] (Span), x[b:] (SpanFrom), x[:e] (SpanTo) or x[:] (All), with a
// step set by Step: x[::2] is ops.All.Step(2).
type SliceDim struct {
	Begin, End, Stride int
	// BeginAll and EndAll stand for an omitted bound (TF's begin_mask
	// and end_mask bits); Shrink for an index, which drops the dim (TF's
	// shrink_axis_mask).
	BeginAll, EndAll, Shrink bool
}

// All is Python's ':', the whole dim.
var All = SliceDim{Stride: 1, BeginAll: true, EndAll: true}

// At is Python's x[i]: element i (negative counts from the end), the dim
// dropped.
func At(i int) SliceDim { return SliceDim{Begin: i, End: i + 1, Stride: 1, Shrink: true} }

// Span is Python's b:e (negative bounds count from the end).
func Span(b, e int) SliceDim { return SliceDim{Begin: b, End: e, Stride: 1} }

// SpanFrom is Python's b:.
func SpanFrom(b int) SliceDim { return SliceDim{Begin: b, Stride: 1, EndAll: true} }

// SpanTo is Python's :e.
func SpanTo(e int) SliceDim { return SliceDim{End: e, Stride: 1, BeginAll: true} }

// Step returns s with step k (Python's b:e:k).
func (s SliceDim) Step(k int) SliceDim { s.Stride = k; return s }

// resolve gives the first index, step and count of s on a dim of n, as
// Python's slice.indices and TF's StridedSlice do.
func (s SliceDim) resolve(n int) (start, step, count int, err error) {
	if s.Shrink {
		i := s.Begin
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return 0, 0, 0, errors.Errorf("slice index %d of dimension of size %d out of bounds.", s.Begin, n)
		}
		return i, 1, 1, nil
	}
	if s.Stride == 0 {
		return 0, 0, 0, errors.New("strides[i] must be non-zero")
	}
	lo, hi := 0, n // clamp range of a bound
	if s.Stride < 0 {
		lo, hi = -1, n-1
	}
	bound := func(v int, all bool, def int) int {
		if all {
			return def
		}
		if v < 0 {
			v += n
		}
		return min(max(v, lo), hi)
	}
	if s.Stride > 0 {
		b, e := bound(s.Begin, s.BeginAll, 0), bound(s.End, s.EndAll, n)
		return b, s.Stride, max(0, (e-b+s.Stride-1)/s.Stride), nil
	}
	b, e := bound(s.Begin, s.BeginAll, n-1), bound(s.End, s.EndAll, -1)
	return b, s.Stride, max(0, (b-e-s.Stride-1)/-s.Stride), nil
}

func (s SliceDim) String() string {
	if s.Shrink {
		return fmt.Sprint(s.Begin)
	}
	b, e := "", ""
	if !s.BeginAll {
		b = fmt.Sprint(s.Begin)
	}
	if !s.EndAll {
		e = fmt.Sprint(s.End)
	}
	if s.Stride != 1 {
		return fmt.Sprintf("%s:%s:%d", b, e, s.Stride)
	}
	return b + ":" + e
}

// stridedOp slices x by one SliceDim per leading dim, the rest whole.
// name is TF's op: StridedSlice, or Slice for tf.slice.
type stridedOp struct {
	name string
	dims []SliceDim
}

func (s stridedOp) Type() string { return s.name }

// TFOps is 4 for StridedSlice (Consts of begin, end and strides), 3 for
// Slice (begin and size).
func (s stridedOp) TFOps() int {
	if s.name == "Slice" {
		return 3
	}
	return 4
}

func (s stridedOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[0].Shape()
	if !x.Known() {
		return in[0].DType(), graph.UnknownShape, nil
	}
	if len(s.dims) > len(x) {
		return in[0].DType(), nil, errors.Errorf("Index out of range using input dim %d; input has only %d dims for '%s' (op: '%s') with input shapes: %s", len(x), len(x), s.name, s.name, x.Brackets())
	}
	out := graph.Shape{}
	for d, n := range x {
		sd := s.dim(d)
		if n == graph.None {
			if !sd.Shrink {
				out = append(out, graph.None)
			}
			continue
		}
		_, _, count, err := sd.resolve(n)
		if s.name == "Slice" && err == nil && (sd.Begin > n || !sd.EndAll && sd.End > n) {
			// tf.slice does not clamp as Python's slices do
			err = errors.Errorf("Expected size[%d] in [0, %d], but got %d", d, max(n-sd.Begin, 0), sd.End-sd.Begin)
		}
		if err != nil {
			return in[0].DType(), nil, errors.Wrapf(err, "%s of %s, dim %d", s.name, x.Brackets(), d)
		}
		if !sd.Shrink {
			out = append(out, count)
		}
	}
	return in[0].DType(), out, nil
}

func (s stridedOp) dim(d int) SliceDim {
	if d < len(s.dims) {
		return s.dims[d]
	}
	return All
}

func (s stridedOp) affine(in, out []int) (int, []int) {
	st := rowStrides(in)
	base, strides := 0, []int{}
	for d, n := range in {
		start, step, _, _ := s.dim(d).resolve(n) // Infer checked the dims
		base += start * st[d]
		if !s.dim(d).Shrink {
			strides = append(strides, step*st[d])
		}
	}
	return base, strides
}

func (s stridedOp) index(in, out []int) []int {
	base, strides := s.affine(in, out)
	return affine(out, base, strides)
}

func (s stridedOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	return runMover(s, in, out)
}

func (s stridedOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor { return moveGrad(s, n, dy) }

// StridedSlice is Python's x[...] on a tensor (TF's StridedSlice), one
// SliceDim per leading dim: x[:, 1:3] is
//
//	ops.StridedSlice(x, ops.All, ops.Span(1, 3))
//
// and x[-1] is ops.StridedSlice(x, ops.At(-1)).
func StridedSlice(x any, dims ...SliceDim) *graph.Tensor {
	return node(stridedOp{name: "StridedSlice", dims: append([]SliceDim{}, dims...)}, tensor(x, 0))
}

// Slice takes size[i] elements of dim i from begin[i]; a size of -1
// takes the rest (tf.slice).
func Slice(x any, begin, size []int) *graph.Tensor {
	t := tensor(x, 0)
	dims, err := sliceDims(begin, size)
	if err != nil {
		return invalid(err, t.Graph())
	}
	return node(stridedOp{name: "Slice", dims: dims}, t)
}

// sliceDims turns tf.slice's begin and size into SliceDims.
func sliceDims(begin, size []int) ([]SliceDim, error) {
	if len(begin) != len(size) {
		return nil, errors.Errorf("Expected begin and size arguments to be 1-D tensors of the same size, got %d and %d", len(begin), len(size))
	}
	dims := make([]SliceDim, len(begin))
	for i, b := range begin {
		switch {
		case b < 0 || size[i] < -1:
			return nil, errors.Errorf("Expected begin[%d] >= 0 and size[%d] >= -1, got %d and %d", i, i, b, size[i])
		case size[i] == -1:
			dims[i] = SpanFrom(b)
		default:
			dims[i] = Span(b, b+size[i])
		}
	}
	return dims, nil
}

// Unstack splits x along axis into its rank-reduced slices (tf.unstack):
// a tensor per index, the dim known statically.
func Unstack(x any, axis int) []*graph.Tensor {
	t := tensor(x, 0)
	s := t.Shape()
	ax, err := staticAxis(s, axis, "Unstack")
	if err != nil {
		return []*graph.Tensor{invalid(err, t.Graph())}
	}
	out := make([]*graph.Tensor, s[ax])
	for i := range out {
		out[i] = node(stridedOp{name: "StridedSlice", dims: append(allDims(ax), At(i))}, t)
	}
	return out
}

// Split splits x along axis into num equal pieces (tf.split(x, num, axis)).
func Split(x any, num, axis int) []*graph.Tensor {
	t := tensor(x, 0)
	s := t.Shape()
	ax, err := staticAxis(s, axis, "Split")
	if err == nil && (num <= 0 || s[ax]%num != 0) {
		err = errors.Errorf("Dimension size must be evenly divisible by %d but is %d", num, s[ax])
	}
	if err != nil {
		return []*graph.Tensor{invalid(err, t.Graph())}
	}
	k := s[ax] / num
	out := make([]*graph.Tensor, num)
	for i := range out {
		out[i] = node(stridedOp{name: "StridedSlice", dims: append(allDims(ax), Span(i*k, (i+1)*k))}, t)
	}
	return out
}

func allDims(n int) []SliceDim {
	out := make([]SliceDim, n)
	for i := range out {
		out[i] = All
	}
	return out
}

// staticAxis resolves axis of shape s, whose dim there must be known.
func staticAxis(s graph.Shape, axis int, op string) (int, error) {
	if !s.Known() || axis < -len(s) || axis >= len(s) {
		return 0, errors.Errorf("%s: axis %d out of range for shape %s", op, axis, s.Brackets())
	}
	ax := (axis + len(s)) % len(s)
	if s[ax] == graph.None {
		return 0, errors.Errorf("%s: dim %d of shape %s must be known", op, ax, s.Brackets())
	}
	return ax, nil
}

// tileOp repeats x multiples[i] times along dim i (tf.tile).
type tileOp struct{ multiples []int }

func (tileOp) Type() string { return "Tile" }

// TFOps is 2: tf.tile made a Const of the multiples.
func (tileOp) TFOps() int { return 2 }

func (t tileOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	s := in[0].Shape()
	if !s.Known() {
		return in[0].DType(), graph.UnknownShape, nil
	}
	if len(t.multiples) != len(s) {
		return in[0].DType(), nil, errors.Errorf("Expected multiples argument to be a vector of length %d but got length %d", len(s), len(t.multiples))
	}
	out := s.Clone()
	for i, m := range t.multiples {
		if m < 0 {
			return in[0].DType(), nil, errors.Errorf("Expected multiples[%d] >= 0, but got %d", i, m)
		}
		if out[i] != graph.None {
			out[i] *= m
		}
	}
	return in[0].DType(), out, nil
}

func (t tileOp) index(in, out []int) []int {
	idx := make([]int, nd.NumElements(out))
	st, ost := rowStrides(in), rowStrides(out)
	for i := range idx {
		j := 0
		for d := range out {
			j += (i / ost[d] % out[d] % in[d]) * st[d]
		}
		idx[i] = j
	}
	return idx
}

func (t tileOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	return runMover(t, in, out)
}

func (t tileOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor { return moveGrad(t, n, dy) }

// Tile repeats x multiples[i] times along each dim i (tf.tile).
func Tile(x any, multiples ...int) *graph.Tensor {
	return node(tileOp{multiples: append([]int{}, multiples...)}, tensor(x, 0))
}
