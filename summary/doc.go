// Package summary writes TensorBoard's event files: TF1's tf.summary in
// Go case.
//
//	tf.summary.scalar("loss", loss)         summary.Scalar("loss", loss)
//	tf.summary.histogram("weights", w)      summary.Histogram("weights", w)
//	merged = tf.summary.merge_all()         merged := summary.MergeAll(g)
//	tf.summary.FileWriter(dir, sess.graph)  writer, err := summary.NewFileWriter(dir, g)
//	s, l = sess.run([merged, loss], feed)   vals, err := sess.Run([]any{merged, loss}, feed)
//	writer.add_summary(s, i)                writer.AddSummary(vals[0], i)
//	writer.add_graph(sess.graph)            writer.AddGraph(g)
//	writer.flush(); writer.close()          writer.Flush(); writer.Close()
//
// A summary op records, on its tensor's graph, what to summarize and
// under which tag; it computes nothing by itself. Fetched in a Run (alone,
// or merged with others by MergeAll or Merge) it is computed with the
// other fetches of that Run, and its result is a *Summary: the scalar
// (simple_value) or the histogram (a HistogramProto with TensorFlow's
// default buckets) of each op's tensor, as TensorFlow's ScalarSummary and
// HistogramSummary kernels make them. A histogram of a tensor holding NaN
// or an infinity fails the Run, as in TensorFlow.
//
// A FileWriter writes events.out.tfevents.<time>.<host> in its directory:
// TFRecords (length, masked CRC-32C of the length, an Event protocol
// buffer, masked CRC-32C of the event), the first Event holding
// file_version "brain.Event:2", then the graph as a GraphDef when one is
// given, then one Event per AddSummary with its step. TensorBoard (of any
// version) reads the directory: scalars, histograms and the graph.
//
// Tags are the names given, as TF 0.x's scalar_summary and
// histogram_summary used them; TF 1.x's tf.summary prefixes the tag with
// the enclosing name scope, which a port spells out ("evaluator/loss").
package summary
