// Package tfpb encodes and decodes the TensorFlow protocol buffer
// messages tf1go reads and writes: TensorProto and TensorShapeProto
// (tensor.go), and the graph messages built on them. Each message is
// written by hand from TensorFlow's .proto files (tensor.proto,
// tensor_shape.proto, types.proto, ...), field numbers and all, on top of
// google.golang.org/protobuf/encoding/protowire; no generated code.
//
// Decoders skip fields they do not know, as protobuf parsers do, so a
// file from a newer TensorFlow still reads.
//
// Checkpoints and event files add their messages and framings: the
// tensor bundle's BundleHeaderProto and BundleEntryProto (bundle.go), the
// V1 checkpoint's SavedTensorSlices (slices.go), the LevelDB-format table
// (SSTable) that holds both, with snappy-compressed blocks (table.go),
// TensorBoard's Event, Summary and HistogramProto (summary.go), the
// TFRecord framing of event files (record.go), and the masked CRC-32C
// they all use (crc.go).
package tfpb
