package tfpb

import (
	"encoding/binary"

	"github.com/golang/snappy"
	"github.com/pkg/errors"
)

// KeyValue is one entry of an SSTable.
type KeyValue struct {
	Key   string
	Value []byte
}

// The table options TensorFlow writes bundle indexes with.
const (
	tableBlockSize       = 262144
	tableRestartInterval = 16
	tableMagic           = 0xdb4775248b80fb57
	tableFooterLen       = 48 // two block handles padded to 40 bytes, then the magic
)

// Block compression types (the byte after each block).
const (
	noCompression     = 0
	snappyCompression = 1
)

// IsTable reports whether b ends with an SSTable's magic number, as a
// TensorFlow V1 checkpoint and a V2 bundle's index do.
func IsTable(b []byte) bool {
	return len(b) >= tableFooterLen && binary.LittleEndian.Uint64(b[len(b)-8:]) == tableMagic
}

// AppendTable appends an SSTable of kvs (sorted by key) as TensorFlow's
// table builder writes a bundle index: uncompressed data blocks of about
// 256 KiB, an empty meta-index block, an index block of shortened
// separator keys, a footer.
func AppendTable(out []byte, kvs []KeyValue) []byte {
	writeBlock := func(b *blockBuilder) []byte {
		raw := b.finish()
		handle := binary.AppendUvarint(binary.AppendUvarint(nil, uint64(len(out))), uint64(len(raw)))
		out = append(out, raw...)
		out = append(out, noCompression)
		out = binary.LittleEndian.AppendUint32(out, MaskCRC(CRC32C(out[len(out)-len(raw)-1:])))
		return handle
	}
	data, index := newBlockBuilder(tableRestartInterval), newBlockBuilder(1)
	var pending []byte // the handle of the last data block, until its index key is known
	var last string
	for _, kv := range kvs {
		if len(kv.Key)+len(kv.Value) >= 2*tableBlockSize && !data.empty() {
			pending = writeBlock(data)
			data = newBlockBuilder(tableRestartInterval)
		}
		if pending != nil {
			index.add(shortestSeparator(last, kv.Key), pending)
			pending = nil
		}
		last = kv.Key
		data.add(kv.Key, kv.Value)
		if data.size() >= tableBlockSize {
			pending = writeBlock(data)
			data = newBlockBuilder(tableRestartInterval)
		}
	}
	if !data.empty() {
		pending = writeBlock(data)
	}
	footer := writeBlock(newBlockBuilder(tableRestartInterval))
	if pending != nil {
		index.add(shortSuccessor(last), pending)
	}
	footer = append(footer, writeBlock(index)...)
	footer = append(footer, make([]byte, 40-len(footer))...)
	return append(append(out, footer...), binary.LittleEndian.AppendUint64(nil, tableMagic)...)
}

// shortestSeparator is a short key k with a <= k < b (LevelDB's
// FindShortestSeparator for byte order).
func shortestSeparator(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i < len(a) && i < len(b) && a[i] < 0xff && a[i]+1 < b[i] {
		return a[:i] + string([]byte{a[i] + 1})
	}
	return a
}

// shortSuccessor is a short key k >= a (LevelDB's FindShortSuccessor).
func shortSuccessor(a string) string {
	for i := 0; i < len(a); i++ {
		if a[i] != 0xff {
			return a[:i] + string([]byte{a[i] + 1})
		}
	}
	return a
}

// blockBuilder builds one SSTable block: prefix-compressed keys with a
// restart point every interval entries.
type blockBuilder struct {
	buf      []byte
	restarts []uint32
	interval int
	count    int
	last     string
}

func newBlockBuilder(interval int) *blockBuilder {
	return &blockBuilder{restarts: []uint32{0}, interval: interval}
}

func (b *blockBuilder) empty() bool { return len(b.buf) == 0 }

func (b *blockBuilder) size() int { return len(b.buf) + 4*len(b.restarts) + 4 }

func (b *blockBuilder) add(key string, value []byte) {
	shared := 0
	if b.count < b.interval {
		for shared < len(key) && shared < len(b.last) && key[shared] == b.last[shared] {
			shared++
		}
	} else {
		b.restarts = append(b.restarts, uint32(len(b.buf)))
		b.count = 0
	}
	b.buf = binary.AppendUvarint(b.buf, uint64(shared))
	b.buf = binary.AppendUvarint(b.buf, uint64(len(key)-shared))
	b.buf = binary.AppendUvarint(b.buf, uint64(len(value)))
	b.buf = append(append(b.buf, key[shared:]...), value...)
	b.last = key
	b.count++
}

func (b *blockBuilder) finish() []byte {
	for _, r := range b.restarts {
		b.buf = binary.LittleEndian.AppendUint32(b.buf, r)
	}
	return binary.LittleEndian.AppendUint32(b.buf, uint32(len(b.restarts)))
}

// ReadTable returns an SSTable's entries in order, checking every block's
// checksum; blocks may be uncompressed or snappy-compressed, as
// TensorFlow's table reader accepts. Errors use the words of TensorFlow's
// table reader.
func ReadTable(b []byte) ([]KeyValue, error) {
	if !IsTable(b) {
		return nil, errors.New("not an sstable (bad magic number)")
	}
	footer := b[len(b)-tableFooterLen:]
	var handles [2][2]uint64 // meta-index, index: offset, size
	for i := range 4 {
		v, n := binary.Uvarint(footer)
		if n <= 0 {
			return nil, errors.New("bad block handle")
		}
		handles[i/2][i%2], footer = v, footer[n:]
	}
	block := func(h [2]uint64) ([]KeyValue, error) {
		off, size := h[0], h[1]
		if off > uint64(len(b)) || size > uint64(len(b))-off || uint64(len(b))-off-size < 5 {
			return nil, errors.New("truncated block read")
		}
		raw := b[off : off+size+5]
		if UnmaskCRC(binary.LittleEndian.Uint32(raw[size+1:])) != CRC32C(raw[:size+1]) {
			return nil, errors.New("block checksum mismatch")
		}
		contents := raw[:size]
		switch raw[size] {
		case noCompression:
		case snappyCompression:
			var err error
			if contents, err = snappy.Decode(nil, contents); err != nil {
				return nil, errors.New("corrupted compressed block contents")
			}
		default:
			return nil, errors.New("bad block type")
		}
		return blockEntries(contents)
	}
	index, err := block(handles[1])
	if err != nil {
		return nil, err
	}
	var kvs []KeyValue
	for _, ie := range index {
		var h [2]uint64
		rest := ie.Value
		for i := range h {
			v, n := binary.Uvarint(rest)
			if n <= 0 {
				return nil, errors.New("bad block handle")
			}
			h[i], rest = v, rest[n:]
		}
		entries, err := block(h)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if len(kvs) > 0 && e.Key <= kvs[len(kvs)-1].Key {
				return nil, errors.New("keys out of order")
			}
			kvs = append(kvs, e)
		}
	}
	return kvs, nil
}

// blockEntries decodes a block's prefix-compressed entries.
func blockEntries(b []byte) ([]KeyValue, error) {
	bad := errors.New("bad entry in block")
	if len(b) < 4 {
		return nil, bad
	}
	restarts := uint64(binary.LittleEndian.Uint32(b[len(b)-4:]))
	if restarts > uint64(len(b)-4)/4 {
		return nil, bad
	}
	b = b[:len(b)-4-4*int(restarts)]
	var kvs []KeyValue
	var last string
	for len(b) > 0 {
		var v [3]uint64 // shared, non-shared, value length
		for i := range v {
			x, n := binary.Uvarint(b)
			if n <= 0 {
				return nil, bad
			}
			v[i], b = x, b[n:]
		}
		if v[0] > uint64(len(last)) || v[1] > uint64(len(b)) || v[2] > uint64(len(b))-v[1] {
			return nil, bad
		}
		last = last[:v[0]] + string(b[:v[1]])
		kvs = append(kvs, KeyValue{last, b[v[1] : v[1]+v[2]]})
		b = b[v[1]+v[2]:]
	}
	return kvs, nil
}
