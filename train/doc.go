// Package train holds TF1's optimizers, tf.train's
// GradientDescentOptimizer, AdamOptimizer, MomentumOptimizer (with
// Nesterov's variant), RMSPropOptimizer and AdagradOptimizer, with TF1's
// update rules, defaults and variable names:
//
//	tf.train.GradientDescentOptimizer(0.001).minimize(loss)
//	    train.NewGradientDescentOptimizer(0.001).Minimize(loss)
//	tf.train.AdamOptimizer().minimize(loss)
//	    train.NewAdamOptimizer().Minimize(loss)
//	tf.train.AdamOptimizer(0.0005).minimize(loss)
//	    train.NewAdamOptimizer(0.0005).Minimize(loss)
//
// Minimize builds and runs nothing: it adds to the loss's graph the
// gradient of the loss for each variable (ops.Gradients) and an update
// op per variable, and returns the training op, a *graph.Node. Each
// Session.Run of that node takes one step; its result is nil. By default
// the variables are the graph's trainable ones; pass a list to train
// some of them, and make a variable with graph.Trainable(false) to keep
// it out of every default list.
//
// Optimizers keep state in ordinary variables, named as TF names them:
// Adam's slots "<var>/Adam" and "<var>/Adam_1" per variable and the
// shared "beta1_power" and "beta2_power"; "<var>/Momentum";
// "<var>/RMSProp" (from ones, as in TF1) and "<var>/RMSProp_1";
// "<var>/Adagrad". They are not trainable and a Saver saves them, so a
// checkpoint restored mid-training continues the run exactly. Since
// g.GlobalVariablesInitializer() covers the variables that exist when it
// is called, call Minimize first, as TF programs do.
//
// # Global step, decaying rates, clipped gradients
//
// GetOrCreateGlobalStep gives a graph its int64 "global_step";
// MinimizeWithGlobalStep(loss, step) and ApplyGradients(gvs, step) add 1
// to it after each step's updates (opt.minimize(loss, global_step=...)).
// ExponentialDecay builds tf.train.exponential_decay from it, a rate
// tensor that every optimizer takes as its LearningRate.
// ComputeGradients and ApplyGradients split Minimize in two, for
// ops.ClipByGlobalNorm to clip the gradients between:
//
//	gvs, err := train.ComputeGradients(loss)
//	clipped, _ := ops.ClipByGlobalNorm(train.Grads(gvs), 5)
//	step := opt.ApplyGradients(train.WithGrads(gvs, clipped), globalStep)
//
// In the pipeline graph → compile → session, an optimizer belongs to the
// first stage: it only declares ops. The compile step expands the
// gradients over the shape-fixed graph and orders each update after every
// read of its variable in the same Run; the session owns the values the
// updates write.
//
// Errors follow the graph's policy: a loss that no variable's gradient
// reaches leaves TF's error on the graph ("No gradients provided for any
// variable, ..."), reported by g.Err() and every Run, and Minimize returns
// a node that carries it rather than panicking. So does a nil loss or
// variable, and a loss with no variables at all ("No variables to
// optimize."); a step run with one of its variables fed is TF's "Input
// 'var' of 'ApplyGradientDescent' Op requires l-value input".
//
// A Saver writes checkpoints crash-safely and removes the stale temp
// files that killed saves leave (see Saver); its errors, like every
// error of this package, are github.com/pkg/errors values or typed
// errors (*NotFoundError, *DataLossError, ...) that errors.As finds.
//
// # TensorFlow's graph files
//
// A Saver's Save writes, beside each checkpoint, prefix-N.meta: the graph
// as TensorFlow's MetaGraphDef, with TensorFlow's op names and attributes,
// the variables collections and a SaverDef (MetaGraphDef, ExportMetaGraph).
// ImportMetaGraph reads a .meta file, and LoadSavedModel a SavedModel's
// graph, into a tf1go graph whose tensors are found by TF name
// (m.TensorByName("y:0")); Restore loads the variables. A fetch runs if the
// ops it needs are tf1go's; docs/tf-ops.md lists them, and what is left
// out of an exported graph (the training ops) and why.
package train
