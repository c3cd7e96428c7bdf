package tfpb

import (
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// TensorBoard's messages: Event (tensorflow/core/util/event.proto),
// Summary and HistogramProto (tensorflow/core/framework/summary.proto).

// Event is one record of an event file.
type Event struct {
	WallTime    float64 // wall_time = 1, seconds since 1970
	Step        int64   // step = 2
	FileVersion string  // file_version = 3 (oneof what)
	GraphDef    []byte  // graph_def = 4, a serialized GraphDef (oneof what)
	Summary     []byte  // summary = 5, a serialized Summary (oneof what)
}

// Marshal encodes the event; of FileVersion, GraphDef and Summary (a
// oneof) at most one should be set.
func (e Event) Marshal() []byte {
	b := appendDouble(nil, 1, e.WallTime)
	b = appendNonZero(b, 2, uint64(e.Step))
	if e.FileVersion != "" {
		b = appendString(b, 3, e.FileVersion)
	}
	if e.GraphDef != nil {
		b = appendBytes(b, 4, e.GraphDef)
	}
	if e.Summary != nil {
		b = appendBytes(b, 5, e.Summary)
	}
	return b
}

// SummaryValue is Summary.Value: a tag and either a scalar
// (simple_value = 2) or a histogram (histo = 5).
type SummaryValue struct {
	Tag    string          // tag = 1
	Simple float32         // simple_value = 2, when Histo is nil
	Histo  *HistogramProto // histo = 5
}

// MarshalSummary encodes a Summary of the values (value = 1, repeated).
func MarshalSummary(values []SummaryValue) []byte {
	b := []byte{}
	for _, v := range values {
		m := appendString(nil, 1, v.Tag)
		if v.Histo != nil {
			m = appendBytes(m, 5, v.Histo.Marshal())
		} else {
			// simple_value is in a oneof: written even when 0
			m = protowire.AppendTag(m, 2, protowire.Fixed32Type)
			m = protowire.AppendFixed32(m, math.Float32bits(v.Simple))
		}
		b = appendBytes(b, 1, m)
	}
	return b
}

// HistogramProto is TensorFlow's histogram: statistics of the values and
// the counts of its buckets, bucket i counting the values in
// [BucketLimit[i-1], BucketLimit[i]).
type HistogramProto struct {
	Min, Max, Num, Sum, SumSquares float64   // min = 1 ... sum_squares = 5
	BucketLimit                    []float64 // bucket_limit = 6, packed
	Bucket                         []float64 // bucket = 7, packed
}

// Marshal encodes the histogram.
func (h *HistogramProto) Marshal() []byte {
	var b []byte
	for i, v := range []float64{h.Min, h.Max, h.Num, h.Sum, h.SumSquares} {
		b = appendDouble(b, protowire.Number(i+1), v)
	}
	return appendDoubles(appendDoubles(b, 6, h.BucketLimit), 7, h.Bucket)
}

// appendDouble appends a double field unless v is +0, proto3's default.
func appendDouble(b []byte, num protowire.Number, v float64) []byte {
	if math.Float64bits(v) == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.Fixed64Type)
	return protowire.AppendFixed64(b, math.Float64bits(v))
}

// appendDoubles appends a packed repeated double field unless vs is
// empty.
func appendDoubles(b []byte, num protowire.Number, vs []float64) []byte {
	if len(vs) == 0 {
		return b
	}
	p := make([]byte, 0, 8*len(vs))
	for _, v := range vs {
		p = protowire.AppendFixed64(p, math.Float64bits(v))
	}
	return appendBytes(b, num, p)
}
