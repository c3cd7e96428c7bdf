package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// The TensorFlow forms of the ops beyond the lecture, as tf.go holds the
// lecture's: an ExportTF method per op, an importer per TF op name.

// emitT writes n as TF op op of its inputs with the one attr T, the
// dtype of input i.
func emitT(e *tfgraph.Exporter, n *graph.Node, op string, i int) error {
	e.Emit(n, op, inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Inputs()[i])})
	return nil
}

// importT imports a TF op of n inputs of any dtype and no attrs but T.
func importT(op graph.Op, n int) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		if err := arity(c, n); err != nil {
			return nil, nil, err
		}
		return op, c.Inputs, nil
	}
}

func (l leakyReluOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "LeakyRelu", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output()), "alpha": tfpb.FloatAttr(float32(l.alpha))})
	return nil
}

func importLeakyRelu(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := floats(c, 1); err != nil {
		return nil, nil, err
	}
	alpha := 0.2 // TF's default
	if a := c.Node.Attr["alpha"]; a != nil {
		alpha = float64(a.F)
	}
	return newLeakyRelu(alpha), c.Inputs, nil
}

func (stopGradientOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	return emitT(e, n, "StopGradient", 0)
}

func (c compareOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	if c.name == "LogicalAnd" || c.name == "LogicalOr" {
		e.Emit(n, c.name, inputs(e, n), attrs{})
		return nil
	}
	return emitT(e, n, c.name, 0)
}

func importCompare(name string) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		if err := arity(c, 2); err != nil {
			return nil, nil, err
		}
		return newCompare(name, c.Inputs[0]), c.Inputs, nil
	}
}

func (logicalNotOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "LogicalNot", inputs(e, n), attrs{})
	return nil
}

func (whereOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error { return emitT(e, n, "Select", 1) }

func (r reduceExtraOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	return exportReduce(e, n, r.kind, r.axes)
}

func importReduceExtra(kind string) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		axes, err := importAxes(c)
		if err != nil {
			return nil, nil, err
		}
		return reduceExtraOp{reduceOp: reduceOp{axes: axes}, kind: kind}, c.Inputs[:1], nil
	}
}

// withConsts writes n as TF op op of its first input followed by int32
// vector constants, given as name suffix, value pairs.
func withConsts(e *tfgraph.Exporter, n *graph.Node, op string, a attrs, consts ...any) {
	in := []string{e.Input(n.Inputs()[0])}
	for i := 0; i < len(consts); i += 2 {
		v := consts[i+1].([]int)
		in = append(in, e.Int32s(n.Name()+"/"+consts[i].(string), v, len(v)))
	}
	e.Emit(n, op, in, a)
}

func (t transposeOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	x := n.Inputs()[0]
	if t.perm == nil && !x.Shape().Known() {
		return tfgraph.Unsupported(n, "reversing the dims of a tensor of unknown rank needs TF's Range op")
	}
	perm := t.resolved(len(x.Shape()))
	withConsts(e, n, "Transpose", attrs{"T": tfgraph.TypeOf(x), "Tperm": int32Type}, "perm", perm)
	return nil
}

func importTranspose(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	perm, err := constInts(c, 1)
	if err != nil {
		return nil, nil, err
	}
	return transposeOp{perm: perm}, c.Inputs[:1], nil
}

func (s stridedOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	x := n.Inputs()[0]
	if s.name == "Slice" {
		begin, size := make([]int, len(s.dims)), make([]int, len(s.dims))
		for i, d := range s.dims {
			begin[i], size[i] = d.Begin, d.End-d.Begin
			if d.EndAll {
				size[i] = -1
			}
		}
		withConsts(e, n, "Slice", attrs{"T": tfgraph.TypeOf(x), "Index": int32Type}, "begin", begin, "size", size)
		return nil
	}
	k := len(s.dims)
	begin, end, strides := make([]int, k), make([]int, k), make([]int, k)
	var bm, em, sm int64
	for i, d := range s.dims {
		begin[i], end[i], strides[i] = d.Begin, d.End, d.Stride
		if d.BeginAll {
			bm |= 1 << i
		}
		if d.EndAll {
			em |= 1 << i
		}
		if d.Shrink {
			sm |= 1 << i
		}
	}
	withConsts(e, n, "StridedSlice", attrs{"T": tfgraph.TypeOf(x), "Index": int32Type,
		"begin_mask": tfpb.IntAttr(bm), "end_mask": tfpb.IntAttr(em), "shrink_axis_mask": tfpb.IntAttr(sm),
		"ellipsis_mask": tfpb.IntAttr(0), "new_axis_mask": tfpb.IntAttr(0)}, "begin", begin, "end", end, "strides", strides)
	return nil
}

// constVectors reads constant inputs from..from+k-1 as int vectors of one
// length.
func constVectors(c *tfgraph.Context, from, k int) ([][]int, error) {
	out := make([][]int, k)
	for i := range out {
		v, err := constInts(c, from+i)
		if err != nil {
			return nil, err
		}
		if i > 0 && len(v) != len(out[0]) {
			return nil, errors.Errorf("%s: constant inputs of lengths %d and %d", c.Node.Op, len(out[0]), len(v))
		}
		out[i] = v
	}
	return out, nil
}

func importStridedSlice(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 4); err != nil {
		return nil, nil, err
	}
	if c.Int("ellipsis_mask", 0) != 0 || c.Int("new_axis_mask", 0) != 0 {
		return nil, nil, errors.New("tf1go's StridedSlice has no ellipsis (...) or new axis (tf.newaxis)")
	}
	v, err := constVectors(c, 1, 3)
	if err != nil {
		return nil, nil, err
	}
	bm, em, sm := c.Int("begin_mask", 0), c.Int("end_mask", 0), c.Int("shrink_axis_mask", 0)
	dims := make([]SliceDim, len(v[0]))
	for i := range dims {
		dims[i] = SliceDim{Begin: v[0][i], End: v[1][i], Stride: v[2][i],
			BeginAll: bm>>i&1 == 1, EndAll: em>>i&1 == 1, Shrink: sm>>i&1 == 1}
	}
	return stridedOp{name: "StridedSlice", dims: dims}, c.Inputs[:1], nil
}

func importSlice(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 3); err != nil {
		return nil, nil, err
	}
	v, err := constVectors(c, 1, 2)
	if err != nil {
		return nil, nil, err
	}
	dims, err := sliceDims(v[0], v[1])
	if err != nil {
		return nil, nil, err
	}
	return stridedOp{name: "Slice", dims: dims}, c.Inputs[:1], nil
}

func (t tileOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	withConsts(e, n, "Tile", attrs{"T": tfgraph.TypeOf(n.Inputs()[0]), "Tmultiples": int32Type}, "multiples", t.multiples)
	return nil
}

func importTile(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	m, err := constInts(c, 1)
	if err != nil {
		return nil, nil, err
	}
	return tileOp{multiples: m}, c.Inputs[:1], nil
}

func (k concatOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	a := attrs{"T": tfgraph.TypeOf(n.Output()), "N": tfpb.IntAttr(int64(len(n.Inputs())))}
	if k.stack {
		a["axis"] = tfpb.IntAttr(int64(k.axis))
		e.Emit(n, "Pack", inputs(e, n), a)
		return nil
	}
	a["Tidx"] = int32Type
	e.Emit(n, "ConcatV2", append(inputs(e, n), e.Int32s(n.Name()+"/axis", []int{k.axis})), a)
	return nil
}

func importConcat(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if len(c.Inputs) < 2 {
		return nil, nil, errors.New("ConcatV2 takes values and an axis")
	}
	axis, err := constInts(c, len(c.Inputs)-1)
	if err != nil {
		return nil, nil, err
	}
	if len(axis) != 1 {
		return nil, nil, errors.New("ConcatV2's axis must be a scalar")
	}
	return concatOp{axis: axis[0]}, c.Inputs[:len(c.Inputs)-1], nil
}

func importPack(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if len(c.Inputs) == 0 {
		return nil, nil, errors.New("Pack takes at least one value")
	}
	return concatOp{axis: int(c.Int("axis", 0)), stack: true}, c.Inputs, nil
}

func (gatherOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	p, ix := n.Inputs()[0], n.Inputs()[1]
	e.Emit(n, "Gather", inputs(e, n), attrs{"Tparams": tfgraph.TypeOf(p), "Tindices": tfgraph.TypeOf(ix), "validate_indices": tfpb.BoolAttr(true)})
	return nil
}

// importGather imports Gather and GatherV2 along axis 0.
func importGather(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if c.Node.Op == "GatherV2" {
		if err := arity(c, 3); err != nil {
			return nil, nil, err
		}
		if axis, err := constInts(c, 2); err != nil || len(axis) != 1 || axis[0] != 0 {
			return nil, nil, errors.New("tf1go gathers along a constant axis 0 only")
		}
		return gatherOp{}, c.Inputs[:2], nil
	}
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	return gatherOp{}, c.Inputs, nil
}

func (o oneHotOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	name := n.Name()
	depth := e.Const(name+"/depth", nd.Scalar(nd.Int64, float64(o.depth)), tfpb.DTInt32)
	on := e.Const(name+"/on_value", nd.Scalar(nd.Float32, o.on), tfpb.DTFloat)
	off := e.Const(name+"/off_value", nd.Scalar(nd.Float32, o.off), tfpb.DTFloat)
	e.Emit(n, "OneHot", []string{e.Input(n.Inputs()[0]), depth, on, off},
		attrs{"T": floatType, "TI": tfgraph.TypeOf(n.Inputs()[0]), "axis": tfpb.IntAttr(-1)})
	return nil
}

func importOneHot(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 4); err != nil {
		return nil, nil, err
	}
	if dt, err := c.NDType("T", true); err != nil || dt != nd.Float32 {
		return nil, nil, errors.New("tf1go's OneHot gives float32 only")
	}
	if c.Int("axis", -1) != -1 {
		return nil, nil, errors.New("tf1go's OneHot adds the last axis only")
	}
	var v [3]float64
	for i := range v {
		a, err := c.ConstInput(1 + i)
		if err != nil {
			return nil, nil, err
		}
		if a.Len() != 1 {
			return nil, nil, errors.New("OneHot's depth, on_value and off_value must be scalars")
		}
		v[i] = a.Flat(0)
	}
	return oneHotOp{depth: int(v[0]), on: v[1], off: v[2]}, c.Inputs[:1], nil
}

func (x expandDimsOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	dim := e.Int32s(n.Name()+"/dim", []int{x.axis})
	e.Emit(n, "ExpandDims", []string{e.Input(n.Inputs()[0]), dim}, attrs{"T": tfgraph.TypeOf(n.Output()), "Tdim": int32Type})
	return nil
}

func importExpandDims(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	dim, err := constInts(c, 1)
	if err != nil || len(dim) != 1 {
		return nil, nil, errors.New("ExpandDims needs a constant scalar dim")
	}
	return expandDimsOp{axis: dim[0]}, c.Inputs[:1], nil
}

func (q squeezeOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	a := attrs{"T": tfgraph.TypeOf(n.Output())}
	if q.axes != nil {
		a["squeeze_dims"] = tfpb.IntsAttr(int64s(q.axes))
	}
	e.Emit(n, "Squeeze", inputs(e, n), a)
	return nil
}

func importSqueeze(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 1); err != nil {
		return nil, nil, err
	}
	var axes []int
	if c.Node.Attr["squeeze_dims"] != nil {
		var err error
		if axes, err = c.Ints("squeeze_dims"); err != nil {
			return nil, nil, err
		}
	}
	return squeezeOp{axes: axesOrNil(axes)}, c.Inputs, nil
}

func (s shapeOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, s.Type(), inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Inputs()[0]), "out_type": tfgraph.TypeOf(n.Output())})
	return nil
}

func (f fillOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	if f.like {
		return emitT(e, n, f.Type(), 0)
	}
	dims := e.Int32s(n.Name()+"/dims", f.dims, len(f.dims))
	e.Emit(n, "Fill", []string{dims, e.Input(n.Inputs()[0])}, attrs{"T": tfgraph.TypeOf(n.Output()), "index_type": int32Type})
	return nil
}

func importFill(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	dims, err := constInts(c, 0)
	if err != nil {
		return nil, nil, err
	}
	return fillOp{dims: dims}, c.Inputs[1:], nil
}

func (r rangeOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	t := tfpb.DataTypeOf(r.dt)
	var in []string
	for i, v := range []float64{r.start, r.limit, r.delta} {
		in = append(in, e.Const(n.Name()+"/"+[]string{"start", "limit", "delta"}[i], nd.Scalar(r.dt, v), t))
	}
	e.Emit(n, "Range", in, attrs{"Tidx": tfpb.TypeAttr(t)})
	return nil
}

func importRange(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 3); err != nil {
		return nil, nil, err
	}
	dt, err := c.NDType("Tidx", false)
	if err != nil {
		return nil, nil, err
	}
	var v [3]float64
	for i := range v {
		a, err := c.ConstInput(i)
		if err != nil {
			return nil, nil, err
		}
		if a.Len() != 1 {
			return nil, nil, errors.New("Range's start, limit and delta must be scalars")
		}
		v[i] = a.Flat(0)
	}
	return rangeOp{start: v[0], limit: v[1], delta: v[2], dt: dt}, nil, nil
}

// ExportTF writes TF's inputs in TF's order, features (the logits) then
// labels.
func (x xentOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	labels, logits := n.Inputs()[0], n.Inputs()[1]
	a := attrs{"T": tfgraph.TypeOf(logits)}
	if x.sparse {
		a["Tlabels"] = tfgraph.TypeOf(labels)
	}
	e.Emit(n, x.Type(), []string{e.Input(logits), e.Input(labels)}, a)
	return nil
}

func importXent(sparse bool) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		if err := arity(c, 2); err != nil {
			return nil, nil, err
		}
		return xentOp{sparse: sparse}, []*graph.Tensor{c.Inputs[1], c.Inputs[0]}, nil
	}
}

func (o inTopKOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "InTopK", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Inputs()[1]), "k": tfpb.IntAttr(int64(o.k))})
	return nil
}

// importInTopK imports InTopK (k an attr) and InTopKV2 (k a constant).
func importInTopK(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if c.Node.Op == "InTopKV2" {
		if err := arity(c, 3); err != nil {
			return nil, nil, err
		}
		k, err := constInts(c, 2)
		if err != nil || len(k) != 1 {
			return nil, nil, errors.New("InTopKV2 needs a constant scalar k")
		}
		return inTopKOp{k: k[0]}, c.Inputs[:2], nil
	}
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	return inTopKOp{k: int(c.Int("k", 1))}, c.Inputs, nil
}

func (l2LossOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error { return emitT(e, n, "L2Loss", 0) }

func (p avgPoolOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "AvgPool", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output()), "ksize": tfpb.IntsAttr(int64s(p.ksize)),
		"strides": tfpb.IntsAttr(int64s(p.strides)), "padding": tfpb.StringAttr(p.padding)})
	return nil
}

func importAvgPool(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	op, in, err := importMaxPool(c)
	if err != nil {
		return nil, nil, err
	}
	return avgPoolOp{op.(maxPoolOp)}, in, nil
}

// ExportTF writes tf.nn.sigmoid_cross_entropy_with_logits as TF1 builds
// it: relu_logits - logits·labels + log1p(exp(neg_abs_logits)), with
// cond = logits >= 0, relu_logits = Select(cond, logits, 0) and
// neg_abs_logits = Select(cond, -logits, logits).
func (b *binaryOp) exportSigmoidXent(e *tfgraph.Exporter, n *graph.Node) error {
	name, t := n.Name(), attrs{"T": tfgraph.TypeOf(n.Output())}
	labels, logits := e.Input(n.Inputs()[0]), e.Input(n.Inputs()[1])
	zeros := e.Add(name+"/zeros_like", "ZerosLike", []string{logits}, t)
	cond := e.Add(name+"/GreaterEqual", "GreaterEqual", []string{logits, zeros}, t)
	relu := e.Add(name+"/Select", "Select", []string{cond, logits, zeros}, t)
	neg := e.Add(name+"/Neg", "Neg", []string{logits}, t)
	negAbs := e.Add(name+"/Select_1", "Select", []string{cond, neg, logits}, t)
	mul := e.Add(name+"/mul", "Mul", []string{logits, labels}, t)
	sub := e.Add(name+"/sub", "Sub", []string{relu, mul}, t)
	exp := e.Add(name+"/Exp", "Exp", []string{negAbs}, t)
	log1p := e.Add(name+"/Log1p", "Log1p", []string{exp}, t)
	e.Emit(n, "Add", []string{sub, log1p}, t)
	return nil
}

func init() {
	for _, u := range []*unaryOp{reciprocalOp, rsqrtOp, ceilOp, roundOp, eluOp, softplusOp, log1pOp} {
		tfgraph.RegisterImport(u.name, elementwise(u, 1))
	}
	tfgraph.RegisterImport("Inv", elementwise(reciprocalOp, 1)) // TF 0.x's name
	for _, b := range []*binaryOp{maximumOp, minimumOp, powOp} {
		tfgraph.RegisterImport(b.name, elementwise(b, 2))
	}
	tfgraph.RegisterImport("LeakyRelu", importLeakyRelu)
	tfgraph.RegisterImport("StopGradient", importT(stopGradientOp{}, 1))
	for name := range predicates {
		tfgraph.RegisterImport(name, importCompare(name))
	}
	tfgraph.RegisterImport("LogicalNot", importT(logicalNotOp{}, 1))
	tfgraph.RegisterImport("Select", importT(whereOp{}, 3))
	for _, kind := range []string{"Max", "Min", "Prod"} {
		tfgraph.RegisterImport(kind, importReduceExtra(kind))
	}
	tfgraph.RegisterImport("Transpose", importTranspose)
	tfgraph.RegisterImport("StridedSlice", importStridedSlice)
	tfgraph.RegisterImport("Slice", importSlice)
	tfgraph.RegisterImport("Tile", importTile)
	tfgraph.RegisterImport("ConcatV2", importConcat)
	tfgraph.RegisterImport("Pack", importPack)
	tfgraph.RegisterImport("Gather", importGather)
	tfgraph.RegisterImport("GatherV2", importGather)
	tfgraph.RegisterImport("OneHot", importOneHot)
	tfgraph.RegisterImport("ExpandDims", importExpandDims)
	tfgraph.RegisterImport("Squeeze", importSqueeze)
	tfgraph.RegisterImport("Shape", importT(shapeOp{}, 1))
	tfgraph.RegisterImport("Size", importT(shapeOp{size: true}, 1))
	tfgraph.RegisterImport("Fill", importFill)
	tfgraph.RegisterImport("ZerosLike", importT(fillOp{like: true}, 1))
	tfgraph.RegisterImport("OnesLike", importT(fillOp{like: true, value: 1}, 1))
	tfgraph.RegisterImport("Range", importRange)
	tfgraph.RegisterImport("SoftmaxCrossEntropyWithLogits", importXent(false))
	tfgraph.RegisterImport("SparseSoftmaxCrossEntropyWithLogits", importXent(true))
	tfgraph.RegisterImport("InTopK", importInTopK)
	tfgraph.RegisterImport("InTopKV2", importInTopK)
	tfgraph.RegisterImport("L2Loss", elementwise(l2LossOp{}, 1))
	tfgraph.RegisterImport("AvgPool", importAvgPool)
}
