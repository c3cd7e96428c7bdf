// Package compile is the stage between a graph and a session. For one
// Run signature (the fetches, the ops to run, and the dtype and concrete
// shape of each feed) it builds a Program that a session runs as often as
// that signature comes back. TF1 does this work inside its session (graph
// pruning, Grappler's rewrites, the executor); tf1go gives it a package
// of its own, graph → compile → session, so that each step can be read,
// tested and explained. Sessions call Compile; a program rarely needs to.
//
// # The steps
//
//  1. Prune. Only the nodes the fetches and targets need are copied into
//     a program graph. A fed tensor becomes a placeholder of the fed
//     shape and what it depends on is not copied, which is why any tensor
//     may be fed and why an unfed placeholder that nothing needs is fine.
//  2. Fix shapes. Copying infers every op's shape again from the fed
//     shapes, so every None is now a number; an op that accepts [?,2] but
//     not the fed batch fails here, with the fed shapes in the message.
//  3. Stabilize. log(softmax(x)) becomes LogSoftmax(x), log(sigmoid(x))
//     becomes LogSigmoid(x) and log(1-sigmoid(x)) becomes
//     LogSigmoid(-x): the lecture's hand-written cross-entropies stay
//     finite where the literal formula gives log(0). These are the only
//     steps that change values, and the TF the lecture ran did not make
//     them: there a saturated cross-entropy gives nan. Options.NoStabilize
//     turns them off (the lecture programs' -faithful flag), and the
//     report's "stabilized:" lines say which ran, or that none did.
//  4. Differentiate. Each ops.Gradients node is expanded by reverse
//     accumulation over the stabilized, shape-fixed forward graph; all
//     gradients of the same ys share one backward pass.
//  5. Fuse and order. What is left unused is pruned again, sums back to
//     an unchanged shape are dropped, chains of elementwise ops become one
//     kernel that works tile by tile across goroutines (in float32 when
//     every op's float32 arithmetic is exact), a Conv2D or MatMul takes
//     the bias Add and ReLU after it into its kernel (and, where nothing
//     else reads the ReLU, as in inference, the MaxPool after that), a
//     MaxPool keeps its argmax for its gradient (which takes in the
//     ReluGrad after it), and a float32 MatMul read only by an ApplyAdam
//     (a weight gradient) is made by the update itself, a block of rows at
//     a time applied while in cache; Options.NoFusion turns all of this
//     off, and every fusion gives the unfused bits. Every op that writes a
//     variable is ordered after the ops that read it.
//  6. Lower. Each unit, a kernel or a fused chain, becomes one node of a
//     Gorgonia tape machine, which runs them in dependency order. The
//     machine lives in compile/internal/vm, the only package of the module
//     that imports Gorgonia (a test parses every file's imports to keep it
//     so); its doc lists the Gorgonia quirks it handles and what a Run
//     costs on the tape machine.
//
// The Report of a program says what each step did; session.Explain
// returns it for a Run without running anything. For a training step of
// the lecture's logistic regression (this package's Example) it reads:
//
//	pruned:     25 of 38 graph nodes needed
//	gradients:  14 nodes added by the backward pass
//	stabilized: log(sigmoid(x)) → LogSigmoid(x)
//	stabilized: log(1-sigmoid(x)) → LogSigmoid(-x)
//	live:       30 program nodes
//	fused:      MatMul → Add
//	fused:      LogSigmoid → Mul → LogSigmoid → Mul → Add
//	fused:      Mul → LogSigmoidGrad → Neg → Mul → LogSigmoidGrad → Add
//	program:    11 kernels + 9 inputs on the Gorgonia tape machine
//	memory:     72 bytes of unit outputs, 44 of them newly allocated
//
// For the CNN's training step the fused lines include Conv2D → Add →
// Relu, MaxPool → MaxPoolGrad (argmax kept), MaxPoolGrad → ReluGrad and
// MatMul → ApplyAdam; for its inference, Conv2D → Add → Relu → MaxPool.
//
// # Errors
//
// A program is built at a session's Run, so everything here is a run-time
// error, returned and never panicked: *MissingFeedError for a needed
// placeholder without a feed, a *graph.Error wrapped with "with the fed
// shapes" for an op the fed shapes break, and at Program.Run an
// *UninitializedError for a variable read before its initializer ran. A
// kernel that fails or panics becomes an error naming its node.
package compile
