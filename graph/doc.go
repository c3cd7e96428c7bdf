// Package graph is where a tf1go program is declared: TensorFlow 1's
// static graph. Building computes nothing: adding an op only infers its
// dtype and static shape, and values flow only when a Session runs the
// graph. (The ops defined in this package carry their kernels, as every
// op does, Const copying its value and Assign writing a variable; the
// session calls them.) A program adds placeholders
// (values fed at each run), variables (values a session keeps from run
// to run), constants and operations (package ops), and gets back
// symbolic tensors that carry a dtype and a static shape.
//
// A graph is the first stage of the pipeline graph → compile → session:
// package compile turns the part of a graph that one Run needs into a
// program, and package session runs it with feeds and keeps the
// variables' values. A graph knows nothing of either; any number of
// sessions may run one graph.
//
// # TF1 names
//
// Each TF1 call has a Go counterpart of the same name in Go case:
//
//	tf.Graph()                              graph.New()
//	tf.placeholder(tf.float32, [None, 784]) g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
//	tf.placeholder(tf.float32)              g.Placeholder(graph.Float32, graph.UnknownShape)
//	tf.Variable(init, name="w")             g.Variable(init, graph.Name("w"))
//	tf.Variable(init, trainable=False)      g.Variable(init, graph.Trainable(false))
//	with tf.name_scope("hidden"):           g.NameScope("hidden", func() { ... })
//	tf.set_random_seed(20160704)            g.SetRandomSeed(20160704)
//	tf.global_variables_initializer()       g.GlobalVariablesInitializer()
//	tf.global_variables()                   g.GlobalVariables()
//	tf.assign(v, value)                     graph.Assign(v, value)
//	tf.group(*ops)                          graph.Group(nodes)
//
// There is no default graph. Placeholders and variables are made by
// their graph's methods, and an op joins the graph of its inputs.
//
// # Tensors, nodes, shapes
//
// A Node is one operation (tf.Operation); its Output is a *Tensor
// (tf.Tensor), or nil for an op such as a training step that yields
// nothing. A Variable embeds the Tensor of its current value, so it goes
// wherever a tensor goes, and holds the Initializer node that assigns its
// initial value.
//
// A Shape is a slice of dims. None (-1) is a dim known only when a batch
// is fed, as Python's None; a nil Shape (UnknownShape) has an unknown
// rank, as the lecture's keep_prob placeholder does; Shape{} is a scalar.
// Shapes print as TF1 prints them, (?, 784), () and <unknown>, and
// Brackets gives the [?,784] of TF's error messages. Every op infers its
// output's static shape from its inputs' as it is built; the compile
// step infers again with the fed shapes, when every dim is known.
//
// # Names
//
// A node is named after its op type (Placeholder, MatMul, Variable) or
// the Name option, inside the current name scopes; a taken name gets _1,
// _2, ... as in TF, so two unnamed variables are Variable and Variable_1.
// A tensor's name is its node's with the output index, x:0, the form TF's
// messages use. NodeByName finds a node by either form; TensorByName
// finds a tensor as TF's get_tensor_by_name does, with its errors
// ("The name 'x:1' refers to a Tensor which does not exist. ..."). A
// TensorName ("x:0", or "x" for output 0) is a TensorRef, as a *Tensor
// and a *Variable are: what session feeds are keyed by and what
// Session.RunTensors fetches.
//
// # Free tensors
//
// A tensor made from nothing but values, such as ops.Zeros(784, 10),
// ops.Constant(0.1, 32), ops.TruncatedNormal(shape) or the Go number 1
// in ops.Sub(1, t), belongs to no graph yet: it is free. When an op
// first uses it with tensors of a graph, it is copied into that graph
// (once per graph). That is why g.Variable(ops.Zeros(2, 1)) reads as
// the TF line does, and why one such tensor can serve several graphs.
//
// # Errors
//
// Building needs no error check after each op, and bad input never
// panics. An op that rejects its inputs still returns a tensor, of
// unknown shape; the reason is kept on its node and the graph's first
// such error on the graph. g.Err returns it, and every Session.Run on
// the graph returns it too, so a program meets it at its first Run. The
// error is a *Error naming the node, the op type and every input shape,
// in TF's words:
//
//	Dimensions must be equal, but are 2 and 3 for 'MatMul' (op: 'MatMul') with input shapes: [?,2], [3,1].
//
// Tensors of two graphs in one op give a *GraphMismatchError the same
// way, and ops built on a failed tensor carry its error along. Use
// errors.As to inspect either. A placeholder of an invalid dtype or with
// a dim below None ("Dimension -5 must be >= 0") is such an error too,
// and still returns a tensor. A builder whose error is not about one
// op's inputs, such as an optimizer given a loss no variable reaches,
// keeps it on the graph with Failed.
//
// # Ops
//
// An Op says what a node computes: its TF type name and its Infer rule.
// Kernel (compute from input values), Gradient (the backward rule),
// Stateful (writes a variable) and Random (draws from the session's
// Philox stream for the node) are what the compile step and the session
// look for. This package defines the ops that bring values in or hold
// state (Placeholder, Const, VariableV2, Assign, NoOp); package ops
// defines the arithmetic with NewNode, and so may a user's own ops.
//
// # Seeds
//
// TF 0.x seeded a random op with the graph seed (tf.set_random_seed) and
// an op seed, by default the number of ops its Python API had created in
// the graph so far. A graph counts the same: each node stands for the
// TF ops its Go call stands for (TFOps; tf.truncated_normal made six,
// tf.Variable three), free nodes counted where they join the graph, and
// Node.Seeds gives a random node TF's seeds. A program built in its TF
// original's order therefore draws the original's numbers.
//
// Build a graph from one goroutine. Once built it may be run by any
// number of sessions, concurrently.
package graph
