package ops

import (
	"math"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// concatOp joins its inputs along an existing axis (tf.concat, TF's
// ConcatV2) or stacks them along a new one (tf.stack, TF's Pack).
type concatOp struct {
	axis  int
	stack bool
}

func (c concatOp) Type() string {
	if c.stack {
		return "Pack"
	}
	return "ConcatV2"
}

// TFOps is 2 for tf.concat, which made a Const of the axis.
func (c concatOp) TFOps() int {
	if c.stack {
		return 1
	}
	return 2
}

func (c concatOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	dt := in[0].DType()
	var out graph.Shape
	for i, t := range in {
		if t.DType() != dt {
			return dt, nil, errors.Errorf("%s: input %d has type %s that does not match type %s of input 0", c.Type(), i, dtName(t.DType()), dtName(dt))
		}
		s := t.Shape()
		if !s.Known() {
			continue
		}
		if out == nil {
			out = s.Clone()
			if c.stack {
				out = append(graph.Shape{1}, out...) // the new dim goes at axis, below
			}
			continue
		}
		if c.stack && !s.IsCompatibleWith(out[1:]) {
			return dt, nil, errors.Errorf("Shapes of all inputs must match: values[0].shape = %s != values[%d].shape = %s", out[1:].Brackets(), i, s.Brackets())
		}
		if !c.stack {
			if len(s) != len(out) {
				return dt, nil, errors.Errorf("Shape must be rank %d but is rank %d for 'ConcatV2' (op: 'ConcatV2') with input shapes: %s", len(out), len(s), s.Brackets())
			}
			ax, err := concatAxis(c.axis, len(out))
			if err != nil {
				return dt, nil, err
			}
			for d := range s {
				switch {
				case d == ax && (out[d] == graph.None || s[d] == graph.None):
					out[d] = graph.None
				case d == ax:
					out[d] += s[d]
				case out[d] == graph.None:
					out[d] = s[d]
				case s[d] != graph.None && s[d] != out[d]:
					return dt, nil, errors.Errorf("Dimension %d in both shapes must be equal, but are %d and %d. Shapes are %s and %s.", d, out[d], s[d], out.Brackets(), s.Brackets())
				}
			}
		}
	}
	if out == nil {
		return dt, graph.UnknownShape, nil
	}
	ax, err := concatAxis(c.axis, len(out))
	if err != nil {
		return dt, nil, err
	}
	if c.stack {
		out = append(append(out[1:ax+1:ax+1], len(in)), out[ax+1:]...)
	}
	return dt, out, nil
}

// concatAxis resolves a concat axis against the output's rank.
func concatAxis(axis, rank int) (int, error) {
	if axis < -rank || axis >= rank {
		return 0, errors.Errorf("axis %d is out of range [%d, %d)", axis, -rank, rank)
	}
	return (axis + rank) % rank, nil
}

// chunks calls f(k, off, n) for each run of n output elements, starting
// at off, that input k's elements off.. fill, in output order.
func (c concatOp) chunks(in [][]int, out []int, f func(k, outOff, inOff, n int)) {
	ax, _ := concatAxis(c.axis, len(out))
	outer := nd.NumElements(out[:ax])
	sizes := make([]int, len(in))
	for k, s := range in {
		sizes[k] = nd.NumElements(s) / max(outer, 1)
	}
	pos := 0
	for o := 0; o < outer; o++ {
		for k, n := range sizes {
			f(k, pos, o*n, n)
			pos += n
		}
	}
}

func shapes(in []*nd.Array) [][]int {
	out := make([][]int, len(in))
	for i, a := range in {
		out[i] = a.Shape()
	}
	return out
}

func (c concatOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	c.chunks(shapes(in), out.Shape(), func(k, outOff, inOff, n int) {
		copyRun(out, outOff, in[k], inOff, n)
	})
	return nil
}

// copyRun copies n elements of src from srcOff to dst at dstOff; the two
// have one dtype.
func copyRun(dst *nd.Array, dstOff int, src *nd.Array, srcOff, n int) {
	switch d := dst.Data().(type) {
	case []float32:
		copy(d[dstOff:dstOff+n], src.Float32s()[srcOff:])
	case []float64:
		copy(d[dstOff:dstOff+n], src.Float64s()[srcOff:])
	case []int64:
		copy(d[dstOff:dstOff+n], src.Int64s()[srcOff:])
	case []bool:
		copy(d[dstOff:dstOff+n], src.Bools()[srcOff:])
	}
}

func (c concatOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	out := make([]*graph.Tensor, len(n.Inputs()))
	for k := range out {
		out[k] = node(concatGradOp{concat: c, k: k}, append([]*graph.Tensor{dy}, n.Inputs()...)...)
	}
	return out
}

// concatGradOp is input k's part of a concat's gradient dy: its inputs
// are dy and the concat's inputs.
type concatGradOp struct {
	concat concatOp
	k      int
}

func (concatGradOp) Type() string { return "ConcatGrad" }

func (c concatGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[1+c.k].Shape(), nil
}

func (c concatGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	dy := in[0]
	c.concat.chunks(shapes(in[1:]), dy.Shape(), func(k, outOff, inOff, n int) {
		if k == c.k {
			copyRun(out, inOff, dy, outOff, n)
		}
	})
	return nil
}

func tensors(values []any) []*graph.Tensor {
	ts := make([]*graph.Tensor, len(values))
	for i, v := range values {
		ts[i] = tensor(v, 0)
	}
	return ts
}

// Concat joins values along axis (tf.concat(values, axis)).
func Concat(values []any, axis int) *graph.Tensor {
	if len(values) == 0 {
		return invalid(errors.New("ConcatV2 needs at least one value"), nil)
	}
	return node(concatOp{axis: axis}, tensors(values)...)
}

// Stack stacks values of one shape along a new axis (tf.stack).
func Stack(values []any, axis int) *graph.Tensor {
	if len(values) == 0 {
		return invalid(errors.New("Pack needs at least one value"), nil)
	}
	return node(concatOp{axis: axis, stack: true}, tensors(values)...)
}

// gatherOp picks slices of params along axis 0 by index (tf.gather,
// TF's Gather; tf.nn.embedding_lookup).
type gatherOp struct{}

func (gatherOp) Type() string { return "Gather" }

func (gatherOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	p, ix := in[0], in[1]
	if ix.DType() != graph.Int64 {
		return p.DType(), nil, errors.Errorf("Value passed to parameter 'indices' has DataType %s not in list of allowed values: int32, int64", dtName(ix.DType()))
	}
	ps, is := p.Shape(), ix.Shape()
	if !ps.Known() || !is.Known() {
		return p.DType(), graph.UnknownShape, nil
	}
	if len(ps) == 0 {
		return p.DType(), nil, errors.New("Shape must be at least rank 1 but is rank 0 for 'Gather'")
	}
	return p.DType(), append(is.Clone(), ps[1:]...), nil
}

// rowsOf checks the indices against params' first dim and returns them
// with the size of a row.
func rowsOf(params, indices *nd.Array) ([]int64, int, error) {
	n := params.Dim(0)
	ix := indices.Int64s()
	for i, v := range ix {
		if v < 0 || int(v) >= n {
			return nil, 0, errors.Errorf("indices[%d] = %d is not in [0, %d)", i, v, n)
		}
	}
	return ix, params.Len() / max(n, 1), nil
}

func (gatherOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	ix, row, err := rowsOf(in[0], in[1])
	if err != nil {
		return err
	}
	for i, v := range ix {
		for j := 0; j < row; j++ {
			out.SetFlat(i*row+j, in[0].Flat(int(v)*row+j))
		}
	}
	return nil
}

func (gatherOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(gatherGradOp{}, dy, n.Inputs()[1], n.Inputs()[0]), nil}
}

// gatherGradOp adds each row of dy into the params row it was gathered
// from (TF's IndexedSlices, made dense). Inputs: dy, indices, params.
type gatherGradOp struct{}

func (gatherGradOp) Type() string { return "UnsortedSegmentSum" }

func (gatherGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[2].Shape(), nil
}

func (gatherGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	dy := in[0]
	ix, row, err := rowsOf(in[2], in[1])
	if err != nil {
		return err
	}
	acc := make([]float64, out.Len())
	for i, v := range ix {
		for j := 0; j < row; j++ {
			acc[int(v)*row+j] += dy.Flat(i*row + j)
		}
	}
	for i, v := range acc {
		out.SetFlat(i, v)
	}
	return nil
}

// Gather picks params' rows (slices along axis 0) by int64 index
// (tf.gather(params, indices)); an index out of range is an error at Run.
func Gather(params, indices any) *graph.Tensor {
	return node(gatherOp{}, tensor(params, 0), tensor(indices, graph.Int64))
}

// EmbeddingLookup is tf.nn.embedding_lookup with one params tensor: the
// rows of params named by ids. TF builds it as a Gather, as this does.
func EmbeddingLookup(params, ids any) *graph.Tensor { return Gather(params, ids) }

// oneHotOp turns int64 indices into float32 one-hot vectors along a new
// last axis (tf.one_hot).
type oneHotOp struct {
	depth   int
	on, off float64
}

func (oneHotOp) Type() string { return "OneHot" }

// TFOps is 4: tf.one_hot made Consts of depth, on_value and off_value.
func (oneHotOp) TFOps() int { return 4 }

func (o oneHotOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if in[0].DType() != graph.Int64 {
		return graph.Float32, nil, errors.Errorf("Value passed to parameter 'indices' has DataType %s not in list of allowed values: uint8, int32, int64", dtName(in[0].DType()))
	}
	if o.depth < 0 {
		return graph.Float32, nil, errors.Errorf("depth must be non-negative, got: %d", o.depth)
	}
	s := in[0].Shape()
	if !s.Known() {
		return graph.Float32, graph.UnknownShape, nil
	}
	return graph.Float32, append(s.Clone(), o.depth), nil
}

func (o oneHotOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	for i, v := range in[0].Int64s() {
		for j := 0; j < o.depth; j++ {
			x := o.off
			if int64(j) == v {
				x = o.on
			}
			out.SetFlat(i*o.depth+j, x)
		}
	}
	return nil
}

// OneHot is a float32 tensor with a new last axis of depth: onOff[0]
// (default 1) at each index, onOff[1] (default 0) elsewhere; an index
// outside [0, depth) gives a row of off values (tf.one_hot).
func OneHot(indices any, depth int, onOff ...float64) *graph.Tensor {
	op := oneHotOp{depth: depth, on: 1}
	if len(onOff) > 0 {
		op.on = onOff[0]
	}
	if len(onOff) > 1 {
		op.off = onOff[1]
	}
	return node(op, tensor(indices, graph.Int64))
}

// reshapeLike is a reshape whose output shape depends on the input's
// alone (ExpandDims, Squeeze): its kernel copies, its gradient reshapes
// back.
type reshapeLike struct{}

func (reshapeLike) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	out.CopyFrom(in[0])
	return nil
}

func (reshapeLike) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(reshapeOp{like: true}, dy, n.Inputs()[0])}
}

// expandDimsOp inserts a dim of 1 at axis (tf.expand_dims).
type expandDimsOp struct {
	reshapeLike
	axis int
}

func (expandDimsOp) Type() string { return "ExpandDims" }

// TFOps is 2: tf.expand_dims made a Const of the axis.
func (expandDimsOp) TFOps() int { return 2 }

func (e expandDimsOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	s := in[0].Shape()
	if !s.Known() {
		return in[0].DType(), graph.UnknownShape, nil
	}
	ax, err := concatAxis(e.axis, len(s)+1)
	if err != nil {
		return in[0].DType(), nil, errors.Errorf("Tried to expand dim index %d for tensor with %d dimensions.", e.axis, len(s))
	}
	return in[0].DType(), append(append(s[:ax:ax], 1), s[ax:]...), nil
}

// ExpandDims inserts a dim of 1 at axis; -1 appends one (tf.expand_dims).
func ExpandDims(x any, axis int) *graph.Tensor {
	return node(expandDimsOp{axis: axis}, tensor(x, 0))
}

// squeezeOp drops dims of 1 (tf.squeeze).
type squeezeOp struct {
	reshapeLike
	axes []int
}

func (squeezeOp) Type() string { return "Squeeze" }

func (q squeezeOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	s := in[0].Shape()
	if !s.Known() {
		return in[0].DType(), graph.UnknownShape, nil
	}
	if q.axes == nil && !s.FullyDefined() {
		return in[0].DType(), graph.UnknownShape, nil // which dims are 1 is known only when fed
	}
	drop := make([]bool, len(s))
	for _, a := range q.axes {
		ax, err := concatAxis(a, len(s))
		if err != nil {
			return in[0].DType(), nil, err
		}
		if s[ax] != 1 && s[ax] != graph.None {
			return in[0].DType(), nil, errors.Errorf("Can not squeeze dim[%d], expected a dimension of 1, got %d", ax, s[ax])
		}
		drop[ax] = true
	}
	out := graph.Shape{}
	for i, d := range s {
		if (q.axes == nil && d != 1) || (q.axes != nil && !drop[i]) {
			out = append(out, d)
		}
	}
	return in[0].DType(), out, nil
}

// Squeeze drops the given dims of 1, or every dim of 1 (tf.squeeze).
// A None dim among the given ones must be 1 when fed.
func Squeeze(x any, axes ...int) *graph.Tensor {
	return node(squeezeOp{axes: axesOrNil(axes)}, tensor(x, 0))
}

// shapeOp gives x's shape (tf.shape) or, with size set, its number of
// elements (tf.size), as int64.
type shapeOp struct{ size bool }

func (s shapeOp) Type() string {
	if s.size {
		return "Size"
	}
	return "Shape"
}

func (s shapeOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if s.size {
		return graph.Int64, graph.Shape{}, nil
	}
	x := in[0].Shape()
	if !x.Known() {
		return graph.Int64, graph.Shape{graph.None}, nil
	}
	return graph.Int64, graph.Shape{len(x)}, nil
}

func (s shapeOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	if s.size {
		out.SetFlat(0, float64(in[0].Len()))
		return nil
	}
	for i, d := range in[0].Shape() {
		out.SetFlat(i, float64(d))
	}
	return nil
}

// Shape is x's shape as an int64 vector, computed at Run, so a None dim
// gives the fed size (tf.shape, with out_type int64).
func Shape(x any) *graph.Tensor { return node(shapeOp{}, tensor(x, 0)) }

// Size is x's number of elements as an int64 scalar (tf.size).
func Size(x any) *graph.Tensor { return node(shapeOp{size: true}, tensor(x, 0)) }

// fillOp fills a shape with its scalar input (tf.fill), or, with like
// set, the shape of its input with value (tf.zeros_like, tf.ones_like).
type fillOp struct {
	dims  []int
	like  bool
	value float64
}

func (f fillOp) Type() string {
	switch {
	case !f.like:
		return "Fill"
	case f.value == 0:
		return "ZerosLike"
	}
	return "OnesLike"
}

// TFOps is 2 for tf.fill, which made a Const of the dims.
func (f fillOp) TFOps() int {
	if f.like {
		return 1
	}
	return 2
}

func (f fillOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	if f.like {
		return in[0].DType(), in[0].Shape(), nil
	}
	if s := in[0].Shape(); s.Known() && len(s) != 0 {
		return in[0].DType(), nil, errors.Errorf("value must be a scalar, got shape %s", s.Brackets())
	}
	return in[0].DType(), graph.Shape(append([]int{}, f.dims...)), checkDims(f.dims)
}

func (f fillOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	v := f.value
	if !f.like {
		v = in[0].Flat(0)
	}
	for i := 0; i < out.Len(); i++ {
		out.SetFlat(i, v)
	}
	return nil
}

// Fill's gradient is the sum of dy (TF's); ZerosLike and OnesLike have
// none.
func (f fillOp) Grad(_ *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	if f.like {
		return []*graph.Tensor{nil}
	}
	return []*graph.Tensor{ReduceSum(dy)}
}

// Fill is a tensor of shape dims filled with the scalar value, of the
// value's dtype (tf.fill(dims, value)).
func Fill(dims []int, value any) *graph.Tensor {
	return node(fillOp{dims: append([]int{}, dims...)}, tensor(value, 0))
}

// ZerosLike is a tensor of x's dtype and shape filled with 0
// (tf.zeros_like).
func ZerosLike(x any) *graph.Tensor { return node(fillOp{like: true}, tensor(x, 0)) }

// OnesLike is a tensor of x's dtype and shape filled with 1
// (tf.ones_like).
func OnesLike(x any) *graph.Tensor { return node(fillOp{like: true, value: 1}, tensor(x, 0)) }

// rangeOp is start, start+delta, ... up to limit (tf.range).
type rangeOp struct {
	start, limit, delta float64
	dt                  graph.DType
}

func (rangeOp) Type() string { return "Range" }

// TFOps is 4: tf.range made Consts of start, limit and delta.
func (rangeOp) TFOps() int { return 4 }

func (r rangeOp) Infer([]*graph.Tensor) (graph.DType, graph.Shape, error) {
	if r.delta == 0 {
		return r.dt, nil, errors.New("Requires delta != 0")
	}
	if (r.delta > 0 && r.start > r.limit) || (r.delta < 0 && r.start < r.limit) {
		return r.dt, nil, errors.Errorf("Requires start <= limit when delta > 0: %g/%g", r.start, r.limit)
	}
	n := math.Ceil(math.Abs((r.limit - r.start) / r.delta))
	if n > math.MaxInt32 {
		return r.dt, nil, errors.Errorf("Requires a range of at most %d elements, got %g", math.MaxInt32, n)
	}
	return r.dt, graph.Shape{int(n)}, nil
}

func (r rangeOp) Compute(_ *graph.Env, _ []*nd.Array, out *nd.Array) error {
	for i := 0; i < out.Len(); i++ {
		out.SetFlat(i, r.start+float64(i)*r.delta)
	}
	return nil
}

// Range is start, start+delta, ... while below limit (above, for a
// negative delta), as tf.range(start, limit, delta): int64 when all
// three are whole numbers (TF's int32 from Python ints), else float32.
func Range(start, limit, delta float64) *graph.Tensor {
	dt := graph.Float32
	if start == math.Trunc(start) && limit == math.Trunc(limit) && delta == math.Trunc(delta) {
		dt = graph.Int64
	}
	return node(rangeOp{start: start, limit: limit, delta: delta, dt: dt})
}
