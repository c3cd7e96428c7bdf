package summary

// An event-file reader written from the formats (TFRecord framing in
// tensorflow/core/lib/io/record_writer.cc, event.proto, summary.proto,
// graph.proto), sharing no code with the writer, to check what the
// writer writes and TensorFlow's own event file alike.

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"os"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

type event struct {
	wallTime    float64
	step        int64
	fileVersion string
	graphDef    []byte
	metaGraph   []byte
	values      []value // the summary's
}

type value struct {
	tag    string
	simple float32
	histo  *histo
}

type histo struct {
	min, max, num, sum, sumSquares float64
	limits, buckets                []float64
}

// readEvents reads every record of an event file, failing t unless both
// checksums of each record are right.
func readEvents(t *testing.T, path string) []event {
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
	var events []event
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
func fields(t *testing.T, b []byte, f func(num protowire.Number, typ protowire.Type, v uint64, data []byte)) {
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

func parseEvent(t *testing.T, b []byte) event {
	var e event
	fields(t, b, func(num protowire.Number, _ protowire.Type, v uint64, data []byte) {
		switch num {
		case 1:
			e.wallTime = math.Float64frombits(v)
		case 2:
			e.step = int64(v)
		case 3:
			e.fileVersion = string(data)
		case 4:
			e.graphDef = data
		case 5:
			fields(t, data, func(num protowire.Number, _ protowire.Type, _ uint64, data []byte) {
				if num == 1 {
					e.values = append(e.values, parseValue(t, data))
				}
			})
		case 9:
			e.metaGraph = data
		}
	})
	return e
}

func parseValue(t *testing.T, b []byte) value {
	var v value
	fields(t, b, func(num protowire.Number, _ protowire.Type, x uint64, data []byte) {
		switch num {
		case 1:
			v.tag = string(data)
		case 2:
			v.simple = math.Float32frombits(uint32(x))
		case 5:
			h := &histo{}
			fields(t, data, func(num protowire.Number, typ protowire.Type, x uint64, data []byte) {
				f := math.Float64frombits(x)
				switch num {
				case 1:
					h.min = f
				case 2:
					h.max = f
				case 3:
					h.num = f
				case 4:
					h.sum = f
				case 5:
					h.sumSquares = f
				case 6:
					h.limits = doubles(typ, x, data, h.limits)
				case 7:
					h.buckets = doubles(typ, x, data, h.buckets)
				}
			})
			v.histo = h
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

// graphNodes returns the names and ops of a GraphDef's nodes (node = 1:
// name = 1, op = 2).
func graphNodes(t *testing.T, def []byte) (names, ops []string) {
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

// TensorFlow's own event file (tf.summary.FileWriter, January 2017):
// the reader checks every record's checksums and finds what its README
// states.
func TestReadTensorFlowEventFile(t *testing.T) {
	events := readEvents(t, "testdata/events.out.tfevents.1485818149.train")
	if len(events) != 13 {
		t.Fatalf("%d records, want 13", len(events))
	}
	if events[0].fileVersion != "brain.Event:2" {
		t.Errorf("first event: file_version %q", events[0].fileVersion)
	}
	var graphs, losses int
	for _, e := range events {
		if e.graphDef != nil {
			graphs++
			if names, _ := graphNodes(t, e.graphDef); len(names) != 222 {
				t.Errorf("graph of %d nodes, want 222", len(names))
			}
		}
		for _, v := range e.values {
			if v.tag == "loss" {
				if int(e.step) != 50*losses {
					t.Errorf("loss %d at step %d, want step %d", losses, e.step, 50*losses)
				}
				losses++
			}
			if e.step == 0 && v.tag == "loss" && v.simple != 9.3906136 {
				t.Errorf("loss at step 0: %v, want 9.3906136", v.simple)
			}
			if e.step == 0 && v.histo != nil {
				want := map[string]float64{"l1/outputs": 62850, "l2/outputs": 12570}[v.tag]
				if v.histo.num != want {
					t.Errorf("histogram %s at step 0: %v values, want %v", v.tag, v.histo.num, want)
				}
			}
		}
	}
	if graphs != 1 || losses != 10 {
		t.Errorf("%d graphs and %d losses, want 1 and 10", graphs, losses)
	}
}
