package tfpb

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/golang/snappy"
)

func ExampleReadTable() {
	b := AppendTable(nil, []KeyValue{{Key: "a", Value: []byte("1")}, {Key: "b", Value: []byte("22")}})
	kvs, err := ReadTable(b)
	fmt.Println(len(b), err)
	for _, kv := range kvs {
		fmt.Printf("%s=%s\n", kv.Key, kv.Value)
	}
	// Output:
	// 104 <nil>
	// a=1
	// b=22
}

// Tables of many entries span several blocks, with restart points every
// 16 keys; every entry reads back in order.
func TestTableRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 100} {
		for _, size := range []int{1, 100_000} {
			var kvs []KeyValue
			for i := range n {
				kvs = append(kvs, KeyValue{Key: fmt.Sprintf("tensor/%04d", i), Value: []byte(strings.Repeat("x", size%(i+7)+i))})
			}
			got, err := ReadTable(AppendTable(nil, kvs))
			if err != nil || !slices.EqualFunc(got, kvs, func(a, b KeyValue) bool { return a.Key == b.Key && string(a.Value) == string(b.Value) }) {
				t.Errorf("%d entries of up to %d bytes: read %d entries, %v", n, size, len(got), err)
			}
		}
	}
}

// snappyTable is a one-block table whose data block is snappy-compressed,
// as TensorFlow's table builder writes with kSnappyCompression, and the
// end of the data block.
func snappyTable(kvs []KeyValue) ([]byte, int) {
	block := func(out []byte, typ byte, contents []byte) ([]byte, []byte) {
		handle := binary.AppendUvarint(binary.AppendUvarint(nil, uint64(len(out))), uint64(len(contents)))
		out = append(append(out, contents...), typ)
		out = binary.LittleEndian.AppendUint32(out, MaskCRC(CRC32C(out[len(out)-len(contents)-1:])))
		return out, handle
	}
	data := newBlockBuilder(16)
	for _, kv := range kvs {
		data.add(kv.Key, kv.Value)
	}
	out, dataHandle := block(nil, snappyCompression, snappy.Encode(nil, data.finish()))
	dataEnd := len(out)
	out, metaHandle := block(out, noCompression, newBlockBuilder(16).finish())
	index := newBlockBuilder(1)
	index.add(shortSuccessor(kvs[len(kvs)-1].Key), dataHandle)
	out, indexHandle := block(out, snappyCompression, snappy.Encode(nil, index.finish()))
	footer := append(metaHandle, indexHandle...)
	footer = append(footer, make([]byte, 40-len(footer))...)
	return binary.LittleEndian.AppendUint64(append(out, footer...), tableMagic), dataEnd
}

func TestReadSnappyTable(t *testing.T) {
	kvs := []KeyValue{{Key: "", Value: []byte{8, 1}}, {Key: "weights", Value: []byte(strings.Repeat("ab", 100))}}
	b, dataEnd := snappyTable(kvs)
	got, err := ReadTable(b)
	if err != nil || len(got) != 2 || got[1].Key != "weights" || string(got[1].Value) != string(kvs[1].Value) {
		t.Fatalf("read %v, %v", got, err)
	}
	// Every bit of the compressed data block, type byte and checksum
	// included, is checked.
	for i := range dataEnd * 8 {
		c := slices.Clone(b)
		c[i/8] ^= 1 << (i % 8)
		if _, err := ReadTable(c); err == nil {
			t.Fatalf("bit %d flipped: no error", i)
		}
	}
}

// TensorFlow's own snappy-compressed bundle index (the SavedModel
// half_plus_two's variables.index, copied into train/testdata).
func TestReadTensorFlowSnappyIndex(t *testing.T) {
	b, err := os.ReadFile("../../train/testdata/tf/saved_model_half_plus_two_cpu/variables/variables.index")
	if err != nil {
		t.Fatal(err)
	}
	kvs, err := ReadTable(b)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, kv := range kvs[1:] {
		e, err := DecodeBundleEntry(kv.Value)
		if err != nil || e.DType != DTFloat || len(e.Shape) != 0 || e.Size != 4 {
			t.Errorf("%s: %+v, %v", kv.Key, e, err)
		}
		keys = append(keys, kv.Key)
	}
	if want := []string{"a", "a2", "b", "c", "c2"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
}

func ExampleAppendRecord() {
	rec := AppendRecord(nil, []byte("hi"))
	fmt.Printf("% x\n", rec)
	fmt.Println(binary.LittleEndian.Uint64(rec), UnmaskCRC(binary.LittleEndian.Uint32(rec[8:])) == CRC32C(rec[:8]))
	// Output:
	// 02 00 00 00 00 00 00 00 78 27 0b 34 68 69 13 d6 08 56
	// 2 true
}
