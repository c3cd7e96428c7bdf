// Package tfgraph turns a tf1go graph into a TensorFlow GraphDef and a
// GraphDef back into a tf1go graph, node by node with TensorFlow's own op
// names and attributes.
//
// The mapping of each op sits with the op: the ops of package graph
// (Placeholder, Const, VariableV2, Assign, NoOp) are mapped here; every
// op of package ops implements Exportable and registers its importer by
// TF op name with RegisterImport (ops/tf.go). docs/tf-ops.md lists them.
//
// Export writes the graph a TF1 program would have built: a variable is
// a VariableV2 with its Assign initializer and a "read" Identity that its
// readers use; an op whose Go call stands for several TF ops (a
// reduction's axes, truncated_normal's scale and shift, dropout's mask)
// is written as those ops. Training nodes (tf1go's symbolic gradients and
// everything downstream of one: the optimizers' update ops and the
// minimize op) are left out and listed: TensorFlow writes its gradients
// itself when an optimizer is built on the imported loss.
//
// Import builds every node of a GraphDef. A node tf1go cannot compute
// (ParseExample, SaveV2, string tensors, integer arithmetic, ...) becomes
// an unsupported node of the dtype and shape TensorFlow recorded: a Run
// that needs it fails naming the op and the node, and one that feeds a
// tensor downstream of it prunes it away, as TensorFlow does. It keeps
// the node as TensorFlow wrote it, and Export writes it back so.
package tfgraph
