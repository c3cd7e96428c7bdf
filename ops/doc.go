// Package ops holds the operations of a tf1go graph, each named after
// the TF1 function it mirrors: MatMul (tf.matmul), Add, Sub, Mul and Div
// (Python's + - * /), Neg (unary minus), Log, Exp, Square, Sqrt, Sigmoid,
// Tanh, Abs, Sign, Relu and Softmax (tf.nn.relu, tf.nn.softmax),
// LogSoftmax, ReduceSum and ReduceMean, Argmax, Equal, Cast, Reshape,
// Zeros, Ones, Constant, TruncatedNormal and Gradients, with the
// convolution family (Conv2D, MaxPool, BiasAdd, Dropout) beside them.
//
// Beyond the lecture come the rest of what TF1 programs use: more math
// (ReduceMax, ReduceMin, ReduceProd, Argmin, Maximum, Minimum, Pow,
// Reciprocal, Rsqrt, Log1p, Floor, Ceil, Round, ClipByValue, StopGradient,
// Identity), the comparisons and logical ops with Where, the shape and
// indexing ops
// (Transpose, StridedSlice for Python's x[:, 1:3], Slice, Concat, Stack,
// Unstack, Split, Tile, Gather, OneHot, ExpandDims, Squeeze, Shape, Size,
// Range, Fill, ZerosLike, OnesLike), the losses and nn ops
// (SoftmaxCrossEntropyWithLogits and its sparse form,
// SigmoidCrossEntropyWithLogits, InTopK, L2Loss, AvgPool, Elu, Softplus,
// LeakyRelu, EmbeddingLookup, ClipByGlobalNorm) and RandomNormal and
// RandomUniform, which draw TF's numbers as TruncatedNormal does.
//
// Calling an op builds a node in a graph (package graph) and computes
// nothing: it returns a *graph.Tensor whose dtype and static shape the op
// infers from its inputs'. Values flow only when a session (package
// session) runs the graph, after the compile step (package compile) has
// fixed every shape for the fed batch. That is TF1's model, graph →
// compile → session; this package is the vocabulary of the first stage.
//
// # Operands
//
// Operands are of type any: a *graph.Tensor, a *graph.Variable, an
// *nd.Array (a constant of its own dtype), or a Go number or nested slice.
// As with Python's operators, a Go number on either side of an arithmetic
// op takes the other side's dtype, so the lecture's 1-t, p-0.5 and
// t*log(p) are
//
//	ops.Sub(1, t)
//	ops.Sub(p, 0.5)
//	ops.Mul(t, ops.Log(p))
//
// Go values in other places become float32 constants, as Python floats
// do. A constant made without a graph (ops.Zeros(784, 10), the 1 above)
// is free: it joins the graph of the first op that uses it.
//
// # Broadcasting
//
// Add, Sub, Mul, Div and Equal broadcast as numpy and TF do: shapes are
// aligned from the right and a dim of 1 stretches, so a bias of shape
// [10] adds to a batch of shape [None, 10]. BroadcastShape is the rule on
// static shapes; a None dim stays None unless the other side fixes it.
// Gradients sum back over the stretched dims.
//
// # One op, one place
//
// Each op's shape rule (Infer), gradient (Grad) and kernel (Compute, or
// Eval for an elementwise op) sit together in one file. Elementwise ops
// share an Eval the compile step calls for single ops and for fused
// chains alike (the contract lives in an internal package, out of this
// API); every gradient is checked against finite differences in this
// package's tests. Log also knows its numerically stable forms (of a
// Softmax, a Sigmoid, 1 minus a Sigmoid), which the compile step applies
// unless a session is made with compile.Options{NoStabilize: true}.
//
// How each op appears in a TensorFlow graph (its TF op name and
// attributes, for writing .meta files and reading TensorFlow's) is kept
// for all the ops together in tf.go (the lecture's) and tf_beyond.go
// (the others), tables of export methods and importers, so that they
// read against TensorFlow's op list (docs/tf-ops.md).
//
// # Kernels
//
// The kernels of a training step use every core (GOMAXPROCS): matrix
// products through ops/internal/gemm (its micro-kernel picked for the
// CPU at run time), convolutions a chunk of images per goroutine, pools
// an image per goroutine, bias gradients a range of channels each. A
// split never changes a result: each output element is computed by one
// goroutine in the serial order, and the one sum that is cut (the filter
// gradient over the batch) is cut into a fixed number of groups added in
// order, so a run gives the same bits on one core as on many. Scratch
// space comes from pools, so a step in its steady state allocates
// almost nothing. Some ops offer the compile step fused forms (a
// convolution or product with its bias, ReLU and pool; a pool that keeps
// its argmax for its gradient; float32 tile kernels for the exactly
// rounded elementwise ops), through interfaces in an internal package;
// each gives the unfused ops' bits. On amd64 the inner loops of the 2×2
// max-pool (with and without argmax), bias+ReLU, the ReLU gradient,
// col2im's adds and the bias gradients' column sums are SSE/SSE2
// assembly (every amd64 CPU has it), and im2col's copies and col2im's
// adds AVX or AVX-512 where the CPU has it, each making its Go loop's
// operations in its order, so the bits do not change; elsewhere the Go
// loops run.
//
// # Gradients
//
// Gradients(ys, xs) is tf.gradients: a tensor per x holding
// d(sum(ys))/dx, nil where no differentiable path leads from x to the ys
// (TF's None). It stays symbolic until the compile step expands it over
// the shape-fixed forward graph. The optimizers of package train are
// built on it.
//
// # Errors
//
// Building an op never panics on bad input and needs no error check. An
// op that rejects its inputs (shapes that do not broadcast, an int64
// input to Log, an axis out of range, a string operand) returns a tensor
// of unknown shape and leaves a *graph.Error on the graph, in TF's words;
// g.Err() and every Session.Run on the graph report it:
//
//	Invalid reduction dimension 2 for input with 2 dimensions for 'Sum' (op: 'Sum') with input shapes: [?,10].
//
// Errors met while running, such as a shape that is wrong only for the
// fed batch, are returned by Run.
package ops
