package ops

import (
	"slices"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// The TensorFlow form of every op of this package, for export (an
// ExportTF method on the op) and import (an importer registered by TF op
// name in init), side by side. docs/tf-ops.md lists them.

type attrs = tfgraph.Attrs

var (
	int32Type = tfpb.TypeAttr(tfpb.DTInt32)
	floatType = tfpb.TypeAttr(tfpb.DTFloat)
)

func inputs(e *tfgraph.Exporter, n *graph.Node) []string {
	out := make([]string, len(n.Inputs()))
	for i, t := range n.Inputs() {
		out[i] = e.Input(t)
	}
	return out
}

// arity checks that a TF node has the n data inputs its op takes.
func arity(c *tfgraph.Context, n int) error {
	if len(c.Inputs) != n {
		return errors.Errorf("%s takes %d inputs, the node has %d", c.Node.Op, n, len(c.Inputs))
	}
	return nil
}

// floats checks that a TF node has n data inputs and a float T.
func floats(c *tfgraph.Context, n int) error {
	if err := arity(c, n); err != nil {
		return err
	}
	_, err := c.NDType("T", true)
	return err
}

// elementwise imports an op of n float inputs whose tf1go op has no attrs.
func elementwise(op graph.Op, n int) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		if err := floats(c, n); err != nil {
			return nil, nil, err
		}
		return op, c.Inputs, nil
	}
}

func (u *unaryOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	x, t := inputs(e, n), tfgraph.TypeOf(n.Output())
	if u == logSigmoidOp { // TF has no LogSigmoid op: tf.log_sigmoid(x) is -softplus(-x)
		neg := e.Add(n.Name()+"/Neg", "Neg", x, attrs{"T": t})
		sp := e.Add(n.Name()+"/Softplus", "Softplus", []string{neg}, attrs{"T": t})
		e.Emit(n, "Neg", []string{sp}, attrs{"T": t})
		return nil
	}
	e.Emit(n, u.name, x, attrs{"T": t})
	return nil
}

func (b *binaryOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	if b == sigmoidXentOp { // TF has no such op: see exportSigmoidXent
		return b.exportSigmoidXent(e, n)
	}
	e.Emit(n, b.name, inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output())})
	return nil
}

func (m matMulOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "MatMul", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output()),
		"transpose_a": tfpb.BoolAttr(m.transA), "transpose_b": tfpb.BoolAttr(m.transB)})
	return nil
}

func importMatMul(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := floats(c, 2); err != nil {
		return nil, nil, err
	}
	return matMulOp{transA: c.Bool("transpose_a", false), transB: c.Bool("transpose_b", false)}, c.Inputs, nil
}

func (r reduceOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	return exportReduce(e, n, r.Type(), r.axes)
}

// exportReduce writes reduction op (Sum, Mean, Max, ...) over axes, nil
// meaning all of them, with a Const of the axes.
func exportReduce(e *tfgraph.Exporter, n *graph.Node, op string, axes []int) error {
	x := n.Inputs()[0]
	if axes == nil {
		if !x.Shape().Known() {
			return tfgraph.Unsupported(n, "reducing every axis of a tensor of unknown rank needs TF's Range op")
		}
		for i := range x.Shape() {
			axes = append(axes, i)
		}
	}
	idx := e.Int32s(n.Name()+"/reduction_indices", axes, len(axes))
	e.Emit(n, op, []string{e.Input(x), idx}, attrs{"T": tfgraph.TypeOf(x), "Tidx": int32Type, "keep_dims": tfpb.BoolAttr(false)})
	return nil
}

// constInts reads constant input i as ints (a shape, axes).
func constInts(c *tfgraph.Context, i int) ([]int, error) {
	a, err := c.ConstInput(i)
	if err != nil {
		return nil, err
	}
	if a.DType() != nd.Int64 || a.Rank() > 1 {
		return nil, errors.Errorf("input %d must be an integer scalar or vector", i)
	}
	out := make([]int, a.Len())
	for j, v := range a.Int64s() {
		out[j] = int(v)
	}
	return out, nil
}

func importReduce(mean bool) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		axes, err := importAxes(c)
		if err != nil {
			return nil, nil, err
		}
		return reduceOp{mean: mean, axes: axes}, c.Inputs[:1], nil
	}
}

// importAxes reads a float reduction's constant axes.
func importAxes(c *tfgraph.Context) ([]int, error) {
	if err := floats(c, 2); err != nil {
		return nil, err
	}
	axes, err := constInts(c, 1)
	if err != nil {
		return nil, err
	}
	if c.Bool("keep_dims", false) {
		return nil, errors.New("tf1go's reductions have no keep_dims")
	}
	if len(axes) == 0 {
		return nil, errors.New("a reduction over no axes")
	}
	return axes, nil
}

func (a argMaxOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	x := n.Inputs()[0]
	dim := e.Int32s(n.Name()+"/dimension", []int{a.axis})
	e.Emit(n, a.Type(), []string{e.Input(x), dim}, attrs{"T": tfgraph.TypeOf(x), "Tidx": int32Type})
	return nil
}

// importArgMax imports ArgMax, or ArgMin with min set.
func importArgMax(min bool) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		if err := arity(c, 2); err != nil {
			return nil, nil, err
		}
		if _, err := c.NDType("T", false); err != nil {
			return nil, nil, err
		}
		if a := c.Node.Attr["output_type"]; a != nil && a.Type != tfpb.DTInt64 {
			return nil, nil, errors.Errorf("tf1go's %s gives int64, not %s", c.Node.Op, a.Type)
		}
		axis, err := constInts(c, 1)
		if err != nil {
			return nil, nil, err
		}
		if len(axis) != 1 {
			return nil, nil, errors.Errorf("%s takes one dimension", c.Node.Op)
		}
		return argMaxOp{axis: axis[0], min: min}, c.Inputs[:1], nil
	}
}

func (k castOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "Cast", inputs(e, n), attrs{"SrcT": tfgraph.TypeOf(n.Inputs()[0]), "DstT": tfgraph.TypeOf(n.Output())})
	return nil
}

func importCast(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 1); err != nil {
		return nil, nil, err
	}
	if _, err := c.NDType("SrcT", false); err != nil {
		return nil, nil, err
	}
	to, err := c.NDType("DstT", false)
	if err != nil {
		return nil, nil, err
	}
	return castOp{to: to}, c.Inputs, nil
}

func (r reshapeOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	if r.like {
		return tfgraph.Unsupported(n, "a gradient's reshape is not part of an exported graph")
	}
	x := n.Inputs()[0]
	shape := e.Int32s(n.Name()+"/shape", r.dims, len(r.dims))
	e.Emit(n, "Reshape", []string{e.Input(x), shape}, attrs{"T": tfgraph.TypeOf(x), "Tshape": int32Type})
	return nil
}

func importReshape(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 2); err != nil {
		return nil, nil, err
	}
	if _, err := c.NDType("T", false); err != nil {
		return nil, nil, err
	}
	dims, err := constInts(c, 1)
	if err != nil {
		return nil, nil, err
	}
	if a, _ := c.ConstInput(1); a.Rank() != 1 {
		return nil, nil, errors.New("Reshape's shape must be a vector")
	}
	return reshapeOp{dims: dims}, c.Inputs[:1], nil
}

func int64s(v []int) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

func (k conv2DOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "Conv2D", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output()),
		"strides": tfpb.IntsAttr(int64s(k.strides)), "padding": tfpb.StringAttr(k.padding)})
	return nil
}

// importWindow reads the attrs convolution and pooling share, refusing what
// tf1go does not compute.
func importWindow(c *tfgraph.Context) (strides []int, padding string, err error) {
	if f := c.String("data_format", "NHWC"); f != "NHWC" {
		return nil, "", errors.Errorf("tf1go computes %s in NHWC only, not %s", c.Node.Op, f)
	}
	if d, err := c.Ints("dilations"); err == nil && slices.ContainsFunc(d, func(x int) bool { return x != 1 }) {
		return nil, "", errors.New("tf1go has no dilated convolutions")
	}
	if strides, err = c.Ints("strides"); err != nil {
		return nil, "", err
	}
	return strides, c.String("padding", ""), nil
}

func importConv2D(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := floats(c, 2); err != nil {
		return nil, nil, err
	}
	strides, padding, err := importWindow(c)
	if err != nil {
		return nil, nil, err
	}
	return conv2DOp{strides: strides, padding: padding}, c.Inputs, nil
}

func (p maxPoolOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "MaxPool", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output()), "ksize": tfpb.IntsAttr(int64s(p.ksize)),
		"strides": tfpb.IntsAttr(int64s(p.strides)), "padding": tfpb.StringAttr(p.padding)})
	return nil
}

func importMaxPool(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := floats(c, 1); err != nil {
		return nil, nil, err
	}
	strides, padding, err := importWindow(c)
	if err != nil {
		return nil, nil, err
	}
	ksize, err := c.Ints("ksize")
	if err != nil {
		return nil, nil, err
	}
	return maxPoolOp{ksize: ksize, strides: strides, padding: padding}, c.Inputs, nil
}

func (biasAddOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "BiasAdd", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output())})
	return nil
}

func importBiasAdd(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if f := c.String("data_format", "NHWC"); f != "NHWC" {
		return nil, nil, errors.Errorf("tf1go computes BiasAdd in NHWC only, not %s", f)
	}
	return elementwise(biasAddOp{}, 2)(c)
}

func (s softmaxOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, s.Type(), inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output())})
	return nil
}

func (identityOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	e.Emit(n, "Identity", inputs(e, n), attrs{"T": tfgraph.TypeOf(n.Output())})
	return nil
}

func importIdentity(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if err := arity(c, 1); err != nil {
		return nil, nil, err
	}
	if _, err := c.NDType("T", false); err != nil {
		return nil, nil, err
	}
	return identityOp{}, c.Inputs, nil
}

// seeds writes a random node's seeds as TF's seed and seed2 attrs.
func seeds(n *graph.Node, a attrs) attrs {
	seed, seed2 := n.Seeds()
	a["seed"], a["seed2"] = tfpb.IntAttr(seed), tfpb.IntAttr(seed2)
	return a
}

// ExportTF writes the ops TF's Python made: for tf.truncated_normal and
// tf.random_normal, shape, mean and stddev constants, the kernel's op,
// and the Mul and Add that scale and shift; for tf.random_uniform, shape,
// min and max constants, RandomUniform, and max-min, Mul and Add.
func (r randomOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	name := n.Name()
	shape := e.Int32s(name+"/shape", r.shape, len(r.shape))
	draw := func(op string) string {
		return e.Add(name+"/"+op, op, []string{shape}, seeds(n, attrs{"T": int32Type, "dtype": floatType}))
	}
	f32 := func(suffix string, v float64) string {
		return e.Const(name+"/"+suffix, nd.Scalar(nd.Float32, v), tfpb.DTFloat)
	}
	if r.name == "RandomUniform" {
		lo, hi := f32("min", r.shift), f32("max", r.shift+r.scale)
		u := draw("RandomUniform")
		width := e.Add(name+"/sub", "Sub", []string{hi, lo}, attrs{"T": floatType})
		mul := e.Add(name+"/mul", "Mul", []string{u, width}, attrs{"T": floatType})
		e.Emit(n, "Add", []string{mul, lo}, attrs{"T": floatType})
		return nil
	}
	mean, stddev := f32("mean", r.shift), f32("stddev", r.scale)
	mul := e.Add(name+"/mul", "Mul", []string{draw(r.name), stddev}, attrs{"T": floatType})
	e.Emit(n, "Add", []string{mul, mean}, attrs{"T": floatType})
	return nil
}

// importRandom imports a random op itself (TruncatedNormal,
// RandomStandardNormal: mean 0, stddev 1; RandomUniform: [0, 1)); the
// ops that scale and shift after it are imported as they are.
func importRandom(name string) tfgraph.ImportFunc {
	return func(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
		if err := arity(c, 1); err != nil {
			return nil, nil, err
		}
		if dt, err := c.NDType("dtype", true); err != nil || dt != nd.Float32 {
			return nil, nil, errors.Errorf("tf1go draws %s in float32 only", name)
		}
		shape, err := constInts(c, 0)
		if err != nil {
			return nil, nil, err
		}
		op := randomOp{name: name, shape: shape, scale: 1}
		if s := c.Int("seed2", 0); s != 0 || c.Int("seed", 0) != 0 {
			op.seed = &s
		}
		return op, nil, nil
	}
}

// ExportTF writes the mask as tf.nn.dropout builds it:
// floor(keep_prob + random_uniform(shape(x))).
func (dropoutMaskOp) ExportTF(e *tfgraph.Exporter, n *graph.Node) error {
	x, kp := n.Inputs()[0], n.Inputs()[1]
	t := tfgraph.TypeOf(x)
	shape := e.Add(n.Name()+"/Shape", "Shape", []string{e.Input(x)}, attrs{"T": t, "out_type": int32Type})
	u := e.Add(n.Name()+"/random_uniform", "RandomUniform", []string{shape}, seeds(n, attrs{"T": int32Type, "dtype": t}))
	sum := e.Add(n.Name()+"/add", "Add", []string{e.Input(kp), u}, attrs{"T": t})
	e.Emit(n, "Floor", []string{sum}, attrs{"T": t})
	return nil
}

// importFloor imports the Floor of a dropout mask, floor(keep_prob + u)
// where u is RandomUniform(Shape(x)) (scaled to [0, 1) by Mul and Add as
// tf.random_uniform writes it, or not), as Dropout's mask; any other
// Floor as Floor.
func importFloor(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	if op, in, err := importDropoutMask(c); err == nil {
		return op, in, nil
	}
	return elementwise(floorOp, 1)(c)
}

// importDropoutMask imports the Floor of a dropout mask.
func importDropoutMask(c *tfgraph.Context) (graph.Op, []*graph.Tensor, error) {
	notDropout := errors.New("not a dropout mask")
	sum, _ := c.Producer(c.Node, 0)
	if err := arity(c, 1); err != nil || sum == nil || sum.Op != "Add" {
		return nil, nil, notDropout
	}
	u, _ := c.Producer(sum, 1)
	for u != nil && (u.Op == "Add" || u.Op == "Mul") {
		u, _ = c.Producer(u, 0)
	}
	if u == nil || u.Op != "RandomUniform" {
		return nil, nil, notDropout
	}
	shape, _ := c.Producer(u, 0)
	if shape == nil || shape.Op != "Shape" {
		return nil, nil, notDropout
	}
	xDef, xIdx := c.Producer(shape, 0)
	kpDef, kpIdx := c.Producer(sum, 0)
	if xDef == nil || kpDef == nil {
		return nil, nil, notDropout
	}
	x, err := c.Tensor(xDef.Name, xIdx)
	if err != nil {
		return nil, nil, err
	}
	kp, err := c.Tensor(kpDef.Name, kpIdx)
	if err != nil {
		return nil, nil, err
	}
	return dropoutMaskOp{}, []*graph.Tensor{x, kp}, nil
}

func init() {
	for _, u := range []*unaryOp{logOp, expOp, squareOp, sqrtOp, sigmoidOp, tanhOp, reluOp, absOp, signOp, negOp} {
		tfgraph.RegisterImport(u.name, elementwise(u, 1))
	}
	for _, b := range []*binaryOp{addOp, subOp, mulOp, divOp} {
		tfgraph.RegisterImport(b.name, elementwise(b, 2))
	}
	tfgraph.RegisterImport("AddV2", elementwise(addOp, 2))
	tfgraph.RegisterImport("Div", elementwise(divOp, 2)) // Div of floats is RealDiv
	tfgraph.RegisterImport("Softmax", elementwise(softmaxOp{}, 1))
	tfgraph.RegisterImport("LogSoftmax", elementwise(softmaxOp{log: true}, 1))
	tfgraph.RegisterImport("MatMul", importMatMul)
	tfgraph.RegisterImport("Sum", importReduce(false))
	tfgraph.RegisterImport("Mean", importReduce(true))
	tfgraph.RegisterImport("ArgMax", importArgMax(false))
	tfgraph.RegisterImport("ArgMin", importArgMax(true))
	tfgraph.RegisterImport("Cast", importCast)
	tfgraph.RegisterImport("Reshape", importReshape)
	tfgraph.RegisterImport("Conv2D", importConv2D)
	tfgraph.RegisterImport("MaxPool", importMaxPool)
	tfgraph.RegisterImport("BiasAdd", importBiasAdd)
	tfgraph.RegisterImport("Identity", importIdentity)
	for _, name := range []string{"TruncatedNormal", "RandomStandardNormal", "RandomUniform"} {
		tfgraph.RegisterImport(name, importRandom(name))
	}
	tfgraph.RegisterImport("Floor", importFloor)
}
