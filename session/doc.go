// Package session runs graphs: it is TF1's tf.Session. A Session is
// opened on one graph, owns the values of that graph's variables, and
// computes fetches for a feed:
//
//	sess = tf.Session()                      sess := session.New(g)
//	sess.run(init)                           sess.Run(g.GlobalVariablesInitializer(), nil)
//	sess.run(train_step, feed_dict={x: xs})  sess.Run(trainStep, session.Feed{x: xs})
//	loss_val, acc_val = sess.run([loss, acc], feed_dict=...)
//	                                         res, err := sess.Run([]any{loss, acc}, feed)
//	                                         v := session.Scalars(res) // v[0], v[1]
//
// TF1's InteractiveSession is the same Session: Go has no default graph
// or default session to install.
//
// A session is the last stage of the pipeline graph → compile → session.
// The first time Run sees a signature (the fetches, and the dtype and
// shape of each feed) it has package compile build a program for it,
// pruned to what the fetches need with every shape fixed, and keeps that
// program for every later Run of the same signature. A loop that feeds
// batches of one size compiles once; the evaluation on a test set of
// another size compiles once more.
//
// # Fetches
//
// A fetch is a *graph.Tensor or *graph.Variable, whose value comes back
// as an *nd.Array (a copy: keep it as long as you like), a *graph.Node
// such as a training op or an initializer, which runs and yields nil, or
// a slice of fetches nested to any depth, which yields a []any of the same
// shape. A free constant (ops.Constant(...)) may be fetched directly; a
// tensor fetched twice is computed once. Arrays and Scalars unpack a
// result. Ops that read a variable run before ops in the same Run that
// write it; a variable fetched itself gives its value after the Run.
//
// # Feeds
//
// A Feed maps tensors to values for one Run, as feed_dict does. A value
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
//   - *compile.MissingFeedError: You must feed a value for placeholder
//     tensor 'Placeholder' with dtype float and shape [?,2];
//   - *compile.UninitializedError: Attempting to use uninitialized value
//     Variable_1;
//   - *ForeignError for a fetch or feed key from another graph, and
//     *FetchError for a fetch that is not a tensor, variable, node or
//     slice of them (a string, a nil).
//
// A session stays usable after any of them.
//
// # Concurrency and Explain
//
// Run, VariableValue and SetVariable may be called from several
// goroutines at once, say a training loop and an evaluation; runs are
// serialized. Explain compiles a Run without running it and returns
// what the compile step did: what it pruned, differentiated, rewrote
// and fused (see package compile).
package session
