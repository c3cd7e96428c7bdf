// Package summarytest reads TensorBoard event files for tests. It is
// written from the formats (TFRecord framing in
// tensorflow/core/lib/io/record_writer.cc, event.proto, summary.proto,
// graph.proto) and shares no code with package summary's writer, so it
// checks what the writer writes, and reads TensorFlow's own event files.
package summarytest

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"os"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// Event is one record of an event file.
type Event struct {
	WallTime    float64
	Step        int64
	FileVersion string
	GraphDef    []byte
	MetaGraph   []byte  // meta_graph_def, which TF 1.x's FileWriter adds
	Values      []Value // the summary's
}

// Value is one value of a Summary: a scalar or a histogram.
type Value struct {
	Tag    string
	Simple float32
	Histo  *Histo
}

// Histo is a HistogramProto.
type Histo struct {
	Min, Max, Num, Sum, SumSquares float64
	Limits, Buckets                []float64
}

// ReadEvents reads every record of an event file, failing t unless both
// checksums of each record are right.
func ReadEvents(t testing.TB, path string) []Event {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	table := crc32.MakeTable(crc32.Castagnoli)
	masked := func(data []byte) uint32 {
		c := crc32.Checksum(data, table)
		return (c>>15 | c<<17) + 0xa282ead8
	}
	var events []Event
	for off := 0; off < len(b); {
		if len(b)-off < 12 {
			t.Fatalf("record %d: %d bytes left, want a 12-byte header", len(events), len(b)-off)
		}
		n := binary.LittleEndian.Uint64(b[off:])
		if got := binary.LittleEndian.Uint32(b[off+8:]); got != masked(b[off:off+8]) {
			t.Fatalf("record %d: length CRC %08x, want %08x", len(events), got, masked(b[off:off+8]))
		}
		off += 12
		if uint64(len(b)-off) < n+4 {
			t.Fatalf("record %d: truncated", len(events))
		}
		data := b[off : off+int(n)]
		if got := binary.LittleEndian.Uint32(b[off+int(n):]); got != masked(data) {
			t.Fatalf("record %d: data CRC %08x, want %08x", len(events), got, masked(data))
		}
		off += int(n) + 4
		events = append(events, parseEvent(t, data))
	}
	return events
}

// fields calls f for each field of a message.
func fields(t testing.TB, b []byte, f func(num protowire.Number, typ protowire.Type, v uint64, data []byte)) {
	t.Helper()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			t.Fatal("bad tag")
		}
		b = b[n:]
		var v uint64
		var data []byte
		switch typ {
		case protowire.VarintType:
			v, n = protowire.ConsumeVarint(b)
		case protowire.Fixed64Type:
			v, n = protowire.ConsumeFixed64(b)
		case protowire.Fixed32Type:
			var x uint32
			x, n = protowire.ConsumeFixed32(b)
			v = uint64(x)
		case protowire.BytesType:
			data, n = protowire.ConsumeBytes(b)
		default:
			t.Fatalf("wire type %d", typ)
		}
		if n < 0 {
			t.Fatal("truncated field")
		}
		b = b[n:]
		f(num, typ, v, data)
	}
}

func parseEvent(t testing.TB, b []byte) Event {
	var e Event
	fields(t, b, func(num protowire.Number, _ protowire.Type, v uint64, data []byte) {
		switch num {
		case 1:
			e.WallTime = math.Float64frombits(v)
		case 2:
			e.Step = int64(v)
		case 3:
			e.FileVersion = string(data)
		case 4:
			e.GraphDef = data
		case 5:
			fields(t, data, func(num protowire.Number, _ protowire.Type, _ uint64, data []byte) {
				if num == 1 {
					e.Values = append(e.Values, parseValue(t, data))
				}
			})
		case 9:
			e.MetaGraph = data
		}
	})
	return e
}

func parseValue(t testing.TB, b []byte) Value {
	var v Value
	fields(t, b, func(num protowire.Number, _ protowire.Type, x uint64, data []byte) {
		switch num {
		case 1:
			v.Tag = string(data)
		case 2:
			v.Simple = math.Float32frombits(uint32(x))
		case 5:
			h := &Histo{}
			fields(t, data, func(num protowire.Number, typ protowire.Type, x uint64, data []byte) {
				f := math.Float64frombits(x)
				switch num {
				case 1:
					h.Min = f
				case 2:
					h.Max = f
				case 3:
					h.Num = f
				case 4:
					h.Sum = f
				case 5:
					h.SumSquares = f
				case 6:
					h.Limits = doubles(typ, x, data, h.Limits)
				case 7:
					h.Buckets = doubles(typ, x, data, h.Buckets)
				}
			})
			v.Histo = h
		}
	})
	return v
}

// doubles appends a repeated double field's values, packed or not.
func doubles(typ protowire.Type, x uint64, data []byte, vs []float64) []float64 {
	if typ == protowire.Fixed64Type {
		return append(vs, math.Float64frombits(x))
	}
	for ; len(data) >= 8; data = data[8:] {
		vs = append(vs, math.Float64frombits(binary.LittleEndian.Uint64(data)))
	}
	return vs
}

// GraphNodes returns the names and ops of a GraphDef's nodes (node = 1:
// name = 1, op = 2).
func GraphNodes(t testing.TB, def []byte) (names, ops []string) {
	fields(t, def, func(num protowire.Number, _ protowire.Type, _ uint64, node []byte) {
		if num != 1 {
			return
		}
		var name, op string
		fields(t, node, func(num protowire.Number, _ protowire.Type, _ uint64, data []byte) {
			switch num {
			case 1:
				name = string(data)
			case 2:
				op = string(data)
			}
		})
		names, ops = append(names, name), append(ops, op)
	})
	return names, ops
}
