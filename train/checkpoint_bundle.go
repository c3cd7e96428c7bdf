package train

import (
	"encoding/binary"
	"fmt"
	"github.com/pkg/errors"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"math/bits"
	"os"

	"github.com/tf1go/tf1go/nd"
)

// TensorFlow's V2 checkpoint, the tensor bundle of
// tensorflow/core/util/tensor_bundle: prefix.data-00000-of-00001 holds the
// tensors' bytes back to back; prefix.index is an SSTable (LevelDB's table
// format, uncompressed) that maps "" to a BundleHeaderProto and each
// tensor's name to a BundleEntryProto (dtype, shape, shard, offset, size,
// masked CRC-32C of the bytes).

func bundleIndexFile(prefix string) string { return prefix + ".index" }

func bundleDataFile(prefix string, shard, shards int) string {
	return fmt.Sprintf("%s.data-%05d-of-%05d", prefix, shard, shards)
}

// writeBundle writes the data file, then the index: a bundle exists for
// readers only once its index is in place. If it fails with no index in
// place, it removes the data file, which is of no use without one.
func writeBundle(fsys fileSystem, prefix string, vals map[string]*nd.Array) (err error) {
	defer func() {
		if err == nil {
			return
		}
		if _, serr := os.Stat(bundleIndexFile(prefix)); errors.Is(serr, fs.ErrNotExist) {
			fsys.Remove(bundleDataFile(prefix, 0, 1))
		}
	}()
	var header proto
	header.varint(1, 1)                        // num_shards; endianness LITTLE is the default 0
	header.message(3, new(proto).varint(1, 1)) // version { producer: 1 }
	kvs := []keyValue{{"", header}}
	err = writeFileAtomic(fsys, bundleDataFile(prefix, 0, 1), func(w io.Writer) error {
		var off int
		var buf []byte
		for _, name := range sortedNames(vals) {
			a := vals[name]
			buf = appendData(buf[:0], a)
			if _, err := w.Write(buf); err != nil {
				return err
			}
			var shape, e proto
			for _, d := range a.Shape() {
				shape.message(2, new(proto).varint(1, uint64(d))) // dim { size: d }
			}
			e.varint(1, uint64(tfDataTypes[a.DType()]))
			e.message(2, &shape)
			e.varint(4, uint64(off))
			e.varint(5, uint64(len(buf)))
			e.fixed32(6, maskCRC(crc32.Checksum(buf, castagnoli)))
			kvs = append(kvs, keyValue{name, e})
			off += len(buf)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeFileAtomic(fsys, bundleIndexFile(prefix), func(w io.Writer) error {
		_, err := w.Write(appendTable(nil, kvs))
		return err
	})
}

// readBundle reads the bundle at prefix, checking each tensor's checksum.
// Tensors of dtypes tf1go lacks keep their dtype's number and no data.
func readBundle(prefix string) (map[string]*entry, error) {
	index := bundleIndexFile(prefix)
	b, err := os.ReadFile(index)
	if err != nil {
		return nil, &InvalidCheckpointError{Path: prefix, Err: err}
	}
	lose := func(name string, err error) error {
		return &DataLossError{Path: prefix, Entry: name, Msg: err.Error()}
	}
	kvs, err := readTable(b)
	if err != nil {
		return nil, &DataLossError{Path: index, Msg: err.Error()}
	}
	if len(kvs) == 0 || kvs[0].key != "" {
		return nil, &DataLossError{Path: index, Msg: "no header entry"}
	}
	var shards int
	err = parseProto(kvs[0].value, func(field int, v uint64, _ []byte) error {
		switch {
		case field == 1:
			shards = int(v)
		case field == 2 && v != 0:
			return errors.New("big-endian checkpoints are not supported")
		}
		return nil
	})
	if err != nil {
		return nil, &DataLossError{Path: index, Msg: "header: " + err.Error()}
	}
	data := map[int][]byte{}
	entries := make(map[string]*entry)
	for _, kv := range kvs[1:] {
		e := &entry{shape: []int{}}
		var shard, off, size uint64
		var crc uint32
		n, overflow := uint64(1), false
		err := parseProto(kv.value, func(field int, v uint64, msg []byte) error {
			switch field {
			case 1:
				e.code = int32(v)
			case 2:
				return parseProto(msg, func(field int, _ uint64, dim []byte) error {
					if field == 3 {
						return errors.New("shape of unknown rank")
					}
					if field != 2 {
						return nil
					}
					d := uint64(0)
					if err := parseProto(dim, func(field int, v uint64, _ []byte) error {
						if field == 1 {
							d = v
						}
						return nil
					}); err != nil {
						return err
					}
					if d > math.MaxInt64 {
						return errors.New("negative dimension")
					}
					hi, lo := bits.Mul64(n, d)
					overflow, n = overflow || hi != 0, lo
					e.shape = append(e.shape, int(d))
					return nil
				})
			case 3:
				shard = v
			case 4:
				off = v
			case 5:
				size = v
			case 6:
				crc = uint32(v)
			case 7:
				return errors.New("partitioned (sliced) tensors are not supported")
			}
			return nil
		})
		if err != nil {
			return nil, lose(kv.key, err)
		}
		entries[kv.key] = e
		if e.dtype = dtypeOf(e.code); e.dtype == nd.Invalid {
			continue // a string or int32 tensor, say: fine unless a variable asks for it
		}
		if shard >= uint64(shards) {
			return nil, lose(kv.key, errors.Errorf("shard %d of %d", shard, shards))
		}
		if data[int(shard)] == nil {
			name := bundleDataFile(prefix, int(shard), shards)
			if data[int(shard)], err = os.ReadFile(name); err != nil {
				return nil, &DataLossError{Path: prefix, Msg: err.Error()}
			}
		}
		d := data[int(shard)]
		if off > uint64(len(d)) || size > uint64(len(d))-off {
			return nil, lose(kv.key, errors.Errorf("truncated data file: %d bytes at offset %d of %d", size, off, len(d)))
		}
		e.data = d[off : off+size]
		if sum := crc32.Checksum(e.data, castagnoli); sum != unmaskCRC(crc) {
			return nil, lose(kv.key, errors.Errorf("Checksum does not match: stored %d vs. calculated on the restored bytes %d", unmaskCRC(crc), sum))
		}
		if err := e.checkSize(n, overflow); err != nil {
			return nil, lose(kv.key, err)
		}
	}
	return entries, nil
}

// LevelDB's masking of a CRC stored next to the data it covers.
func maskCRC(c uint32) uint32   { return (c>>15 | c<<17) + 0xa282ead8 }
func unmaskCRC(c uint32) uint32 { c -= 0xa282ead8; return c>>17 | c<<15 }

// proto is a protocol buffer message being encoded: fields in field
// order, zeros left out as proto3 does.
type proto []byte

func (p *proto) tag(field, wire int) { *p = binary.AppendUvarint(*p, uint64(field<<3|wire)) }

func (p *proto) varint(field int, v uint64) *proto {
	if v != 0 {
		p.tag(field, 0)
		*p = binary.AppendUvarint(*p, v)
	}
	return p
}

// message appends m even when empty: a scalar's shape is an empty message
// that is present.
func (p *proto) message(field int, m *proto) {
	p.tag(field, 2)
	*p = binary.AppendUvarint(*p, uint64(len(*m)))
	*p = append(*p, *m...)
}

func (p *proto) fixed32(field int, v uint32) {
	p.tag(field, 5)
	*p = binary.LittleEndian.AppendUint32(*p, v)
}

// parseProto calls f for each field of the message b: v is a number
// field's value, msg a length-delimited field's bytes.
func parseProto(b []byte, f func(field int, v uint64, msg []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("bad protocol buffer")
		}
		b = b[n:]
		var v uint64
		var msg []byte
		switch key & 7 {
		case 0:
			if v, n = binary.Uvarint(b); n <= 0 {
				return errors.New("bad protocol buffer")
			}
		case 1:
			if n = 8; len(b) < n {
				return errors.New("bad protocol buffer")
			}
			v = binary.LittleEndian.Uint64(b)
		case 5:
			if n = 4; len(b) < n {
				return errors.New("bad protocol buffer")
			}
			v = uint64(binary.LittleEndian.Uint32(b))
		case 2:
			l, m := binary.Uvarint(b)
			if m <= 0 || l > uint64(len(b)-m) {
				return errors.New("bad protocol buffer")
			}
			msg, n = b[m:m+int(l)], m+int(l)
		default:
			return errors.New("bad protocol buffer")
		}
		b = b[n:]
		if err := f(int(key>>3), v, msg); err != nil {
			return err
		}
	}
	return nil
}

// keyValue is one entry of an SSTable.
type keyValue struct {
	key   string
	value []byte
}

// The table options TensorFlow writes bundle indexes with.
const (
	tableBlockSize       = 262144
	tableRestartInterval = 16
	tableMagic           = 0xdb4775248b80fb57
	tableFooterLen       = 48 // two block handles padded to 40 bytes, then the magic
)

// appendTable appends an SSTable of kvs (sorted by key) as TensorFlow's
// table builder writes it: data blocks of about tableBlockSize, an empty
// meta-index block, an index block of shortened separator keys, a footer.
func appendTable(out []byte, kvs []keyValue) []byte {
	writeBlock := func(b *blockBuilder) []byte {
		raw := b.finish()
		handle := binary.AppendUvarint(binary.AppendUvarint(nil, uint64(len(out))), uint64(len(raw)))
		out = append(out, raw...)
		out = append(out, 0) // no compression
		out = binary.LittleEndian.AppendUint32(out, maskCRC(crc32.Checksum(out[len(out)-len(raw)-1:], castagnoli)))
		return handle
	}
	data, index := newBlockBuilder(tableRestartInterval), newBlockBuilder(1)
	var pending []byte // the handle of the last data block, until its index key is known
	var last string
	for _, kv := range kvs {
		if len(kv.key)+len(kv.value) >= 2*tableBlockSize && !data.empty() {
			pending = writeBlock(data)
			data = newBlockBuilder(tableRestartInterval)
		}
		if pending != nil {
			index.add(shortestSeparator(last, kv.key), pending)
			pending = nil
		}
		last = kv.key
		data.add(kv.key, kv.value)
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

// readTable returns an SSTable's entries in order, checking every block's
// checksum. Errors use the words of TensorFlow's table reader.
func readTable(b []byte) ([]keyValue, error) {
	if len(b) < tableFooterLen || binary.LittleEndian.Uint64(b[len(b)-8:]) != tableMagic {
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
	block := func(h [2]uint64) ([]keyValue, error) {
		off, size := h[0], h[1]
		if off > uint64(len(b)) || size+5 > uint64(len(b))-off {
			return nil, errors.New("truncated block read")
		}
		raw := b[off : off+size+5]
		if unmaskCRC(binary.LittleEndian.Uint32(raw[size+1:])) != crc32.Checksum(raw[:size+1], castagnoli) {
			return nil, errors.New("block checksum mismatch")
		}
		if raw[size] != 0 {
			return nil, errors.New("compressed blocks are not supported")
		}
		return blockEntries(raw[:size])
	}
	index, err := block(handles[1])
	if err != nil {
		return nil, err
	}
	var kvs []keyValue
	for _, ie := range index {
		var h [2]uint64
		rest := ie.value
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
			if len(kvs) > 0 && e.key <= kvs[len(kvs)-1].key {
				return nil, errors.New("keys out of order")
			}
			kvs = append(kvs, e)
		}
	}
	return kvs, nil
}

// blockEntries decodes a block's prefix-compressed entries.
func blockEntries(b []byte) ([]keyValue, error) {
	bad := errors.New("bad entry in block")
	if len(b) < 4 {
		return nil, bad
	}
	restarts := uint64(binary.LittleEndian.Uint32(b[len(b)-4:]))
	if restarts > uint64(len(b)-4)/4 {
		return nil, bad
	}
	b = b[:len(b)-4-4*int(restarts)]
	var kvs []keyValue
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
		kvs = append(kvs, keyValue{last, b[v[1] : v[1]+v[2]]})
		b = b[v[1]+v[2]:]
	}
	return kvs, nil
}
