// Package opkit is what the ops package and the compile step share and a
// user never needs: the contract of an elementwise op that the compile
// step fuses, the symbolic gradient op that it expands, the stable
// rewrites it applies, broadcast index maps, and the one graph walk both
// use. Keeping it here keeps it out of the public ops API.
package opkit

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// Elementwise is an op whose output element i depends only on element i
// of each input after broadcasting. Eval computes a tile of outputs in
// float64; the compile step rounds to float32 after each op of a float32
// program, so a fused chain returns what the unfused ops would.
//
// The compile step fuses chains of Elementwise ops into one kernel and
// runs a lone one the same way, so Eval is the only kernel they have.
type Elementwise interface {
	graph.Op
	Eval(dst []float64, args [][]float64)
}

// Float32Kernel is implemented by the Elementwise ops; Eval32 returns the
// op's float32 tile kernel, or nil when the op has none. An op has one
// only when it is a single IEEE operation (+, -, ×, ÷, √) or exact (neg,
// ReLU, ...): computed in float32 it gives exactly Eval's float64 result
// rounded to float32 (float64 holds more than twice float32's digits),
// so a chain of them may run in float32 throughout, as TF's float kernels
// do, with no conversions and the same bits.
type Float32Kernel interface {
	Eval32() func(dst []float32, args [][]float32)
}

// BiasReluFuser is a product op (Conv2D, MatMul) that can take into its
// kernel the ops that usually follow it. FuseBiasRelu returns the op
// computing the product, then add (an Add or BiasAdd of the product and
// a vector along its last axis, which becomes the fused op's third
// input), then relu if not nil (a Relu), then pool if not nil (a MaxPool,
// after a Conv2D), with the unfused ops' results; names is its Type, for
// Explain. It reports false for any op it cannot take.
type BiasReluFuser interface {
	FuseBiasRelu(add, relu, pool graph.Op, names string) (graph.Op, bool)
}

// ArgmaxKeeper is a pooling op that can hand its argmax to its gradient
// op. KeepArgmax returns a pair computing what the op and grad compute,
// the forward pass recording each window's argmax for the gradient, which
// then only routes dy; the forward must run before the gradient in every
// run. It reports false when grad is not this pool's gradient.
type ArgmaxKeeper interface {
	KeepArgmax(grad graph.Op) (pool, poolGrad graph.Op, ok bool)
}

// RowProduct is a float32 product op (MatMul) that can compute its
// result a block of rows at a time, every element with the bits the
// whole product gives it. Rows readies the product of in (the op's
// inputs) in blocks of about want elements.
type RowProduct interface {
	Rows(in []*nd.Array, want int) RowBlocks
}

// RowBlocks is a product readied by RowProduct.Rows: Blocks blocks of
// rows of Cols columns, Rows in all. Block computes block b into scratch
// space and calls use with its rows [i0, i1) and their values vals (row-major,
// Cols apart), valid during the call; it is safe for concurrent use until
// Done releases what Rows took.
type RowBlocks struct {
	Rows, Cols, Blocks int
	Block              func(b int, use func(i0, i1 int, vals []float32))
	Done               func()
}

// GradientFuser is an update op (ApplyAdam) that can compute its own
// gradient, input GradientInput, from the product op that makes it, a
// block of rows at a time, and update each block of the variable while
// the block is in cache: the gradient never goes out to memory and back.
// FuseGradient returns that op; its inputs are the update's with the
// gradient replaced by the product's inputs. It reports false for a
// product it cannot take.
type GradientFuser interface {
	GradientInput() int
	FuseGradient(product RowProduct) (graph.Op, bool)
}

// Stabilizer is an op that, given its inputs, may stand for a form that
// stays finite where the literal formula does not (Log of a Softmax is
// LogSoftmax). Stabilize returns that form, built in the inputs' graph,
// and how to report it, or nil when the op keeps its literal meaning.
// It matches the ops it rewrites by identity, never by name.
type Stabilizer interface {
	Stabilize(in []*graph.Tensor) (t *graph.Tensor, what string)
}

// SymbolicGradient stands for d(sum of ys)/dx until the compile step
// expands it: its inputs are ys..., x, and NY counts the ys. Expanding at
// compile time lets the backward pass run over the stabilized,
// shape-fixed forward graph.
type SymbolicGradient struct{ NY int }

func (SymbolicGradient) Type() string { return "SymbolicGradient" }

func (g SymbolicGradient) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[g.NY]
	return x.DType(), x.Shape(), nil
}

// Reach returns the nodes reachable from roots, the roots included,
// following next from each node.
func Reach(roots []*graph.Node, next func(n *graph.Node) []*graph.Node) map[*graph.Node]bool {
	seen := map[*graph.Node]bool{}
	stack := append([]*graph.Node{}, roots...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, next(n)...)
	}
	return seen
}

// DependsOn returns the nodes that the ys depend on through
// differentiable ops, along float tensors (the ys' own nodes included).
func DependsOn(ys []*graph.Tensor) map[*graph.Node]bool {
	roots := make([]*graph.Node, len(ys))
	for i, y := range ys {
		roots[i] = y.Node()
	}
	return Reach(roots, func(n *graph.Node) []*graph.Node {
		if _, ok := n.Op().(graph.Gradient); !ok {
			return nil
		}
		var next []*graph.Node
		for _, in := range n.Inputs() {
			if in.DType().IsFloat() {
				next = append(next, in.Node())
			}
		}
		return next
	})
}
