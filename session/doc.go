// Package session runs graphs: it is TF1's tf.Session. A Session is
// opened on one graph, owns the values of that graph's variables, and
// computes fetches for a feed:
//
//	sess = tf.Session()                      sess := session.New(g)
//	sess.run(init)                           sess.Run(g.GlobalVariablesInitializer(), nil)
//	sess.run(train_step, feed_dict={x: xs})  sess.Run(trainStep, session.Feed{x: xs})
//	loss_val, acc_val = sess.run([loss, acc], feed_dict=...)
//	                                         v, err := session.Scalars(sess.RunTensors(feed, loss, acc))
//	w_val = sess.run(w)                      vals, err := sess.RunTensors(nil, w) // vals[0] is an *nd.Array
//	sess.run("x:0", feed_dict={"x:0": xs})   sess.Run("x:0", session.Feed{graph.TensorName("x:0"): xs})
//
// TF1's InteractiveSession is the same Session: Go has no default graph
// or default session to install.
//
// A session is the last stage of the pipeline graph → compile → session.
// The first time Run sees a signature (the fetches, and the dtype and
// shape of each feed) it has package compile build a program for it,
// pruned to what the fetches need with every shape fixed, and keeps that
// program for later Runs of the same signature. A loop that feeds
// batches of one size compiles once; the evaluation on a test set of
// another size compiles once more. A session keeps the
// DefaultProgramCache (32) programs used most recently
// (WithProgramCache changes that); a program past that is dropped with
// the scratch memory only it used, so a program that feeds ever new
// batch sizes runs in bounded memory (500 batch sizes of a small MLP:
// 24 MB of heap, against 192 MB with every program kept).
//
// # Fetches
//
// RunTensors is the call for values: it takes tensors (a *graph.Tensor,
// a *graph.Variable, or a name, "x:0", or "x" for op x's output) and
// returns one *nd.Array per fetch, in order, each a copy to keep as long
// as you like. Scalars turns one-element values into float64s and the
// accessors Float32, Float64 and Int64 of nd.Array read one, each with
// an error for a value that is not one element.
//
// Run is TF's sess.run: a fetch is a tensor or variable (its value comes
// back as an *nd.Array), a *graph.Node such as a training op or an
// initializer, which runs and yields nil, a name as TF takes it ("x:0" a
// tensor, "train" an op), or a slice of fetches nested to any depth,
// which yields a []any of the same shape. Arrays unpacks such a result.
// A free constant (ops.Constant(...)) may be fetched directly; a tensor
// fetched twice is computed once. Ops that read a variable run before
// ops in the same Run that write it; a variable fetched itself gives its
// value after the Run.
//
// # Feeds
//
// A Feed maps tensors to values for one Run, as feed_dict does. A key is
// a *graph.Tensor, a *graph.Variable (the value stands for the
// variable's in this Run, which then needs no initialized value, and
// leaves the variable as it was) or a graph.TensorName. A value
// may be an *nd.Array of any dtype, a Go number, or a slice or array of
// numbers nested to any depth (a [][]float64, the lecture's list of pairs
// as a [][2]float64, an [image] as a [1][]float32 or a []*nd.Array). It is
// converted to the tensor's dtype as numpy.asarray and astype would, and
// checked against the tensor's static shape. A bare number feeds a
// placeholder of unknown shape, such as keep_prob. Any tensor may be fed,
// not only a placeholder: what it depends on is then neither computed
// nor needed. Feeding a tensor the fetches do not need is allowed.
//
// # Variables
//
// Each session keeps its own values for the graph's variables, so two
// sessions on one graph are independent: training in one leaves the
// other's variables as they were. A variable has no value until its
// initializer runs (or SetVariable loads one, as restoring a checkpoint
// does); VariableValue returns a copy of the current value.
//
// # Errors
//
// Run never panics on bad input. Everything it refuses comes back as an
// error value that errors.As can inspect, in TF's words where TF has
// them:
//
//   - the graph's first build error, a *graph.Error or
//     *graph.GraphMismatchError, returned by every Run on that graph;
//   - *FeedError: Cannot feed value of shape (3, 5) for Tensor 'x:0',
//     which has shape '(?, 2)'; a value that cannot be converted (a
//     string, a ragged list, a nil) also wraps the *nd.ConvertError;
//   - *MissingFeedError: You must feed a value for placeholder
//     tensor 'Placeholder' with dtype float and shape [?,2];
//   - *UninitializedError: Attempting to use uninitialized value
//     Variable_1;
//   - *ForeignError for a fetch or feed key from another graph, and
//     *FetchError for a fetch that is not a tensor, variable, node, name
//     or slice of them (a number, a nil), or for an op given to
//     RunTensors;
//   - TF's errors of get_tensor_by_name for a name the graph lacks.
//
// A session stays usable after any of them. Once closed, it is not: Run,
// RunTensors, Explain, VariableValue, SetVariable and a Saver's Save and
// Restore return a *ClosedError, "Attempted to use a closed Session.",
// and running the initializer does not bring it back.
//
// # Concurrency and Explain
//
// Run, VariableValue and SetVariable may be called from several
// goroutines at once, say a training loop and an evaluation; runs are
// serialized. Explain compiles a Run without running it and returns
// what the compile step did: what it pruned, differentiated, rewrote
// and fused (see package compile).
package session
