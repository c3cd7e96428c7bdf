package train

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"sort"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// The checkpoint file format; docs/checkpoint-format.md describes it byte
// by byte. All numbers are little-endian.
const (
	checkpointMagic   = "TF1GOCKP"
	checkpointVersion = 1
)

// NotFoundError is TF's NotFoundError for a variable the checkpoint does
// not hold.
type NotFoundError struct {
	Key  string // the variable's name
	Path string // the checkpoint
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("Key %s not found in checkpoint", e.Key) }

// ShapeMismatchError is TF's InvalidArgumentError for a saved tensor whose
// shape is not its variable's. Var is the variable's shape (TF's lhs),
// Saved the checkpoint's (rhs).
type ShapeMismatchError struct {
	Key        string
	Path       string
	Var, Saved graph.Shape
}

func (e *ShapeMismatchError) Error() string {
	return fmt.Sprintf("Assign requires shapes of both tensors to match. lhs shape= %s rhs shape= %s (restoring %s)",
		e.Var.Brackets(), e.Saved.Brackets(), e.Key)
}

// DTypeMismatchError is TF's InvalidArgumentError for a saved tensor whose
// dtype is not its variable's. SavedType is TF's DataType enum number of
// the saved tensor; Saved is nd.Invalid when tf1go has no such dtype (a
// TensorFlow checkpoint's int32 or string tensor).
type DTypeMismatchError struct {
	Key        string
	Path       string
	Var, Saved nd.DType
	SavedType  int32
}

func (e *DTypeMismatchError) Error() string {
	return fmt.Sprintf("tensor_name = %s; expected dtype %s does not equal original dtype %s", e.Key, e.Var, tfpb.DataType(e.SavedType))
}

// DataLossError is TF's DataLossError: the file is not a checkpoint this
// package can read, or it is truncated or corrupt (a checksum failed).
// Entry names the damaged entry when one can be named.
type DataLossError struct {
	Path  string
	Entry string
	Msg   string
}

func (e *DataLossError) Error() string {
	where := e.Path
	if e.Entry != "" {
		where = fmt.Sprintf("entry %s of %s", e.Entry, e.Path)
	}
	return fmt.Sprintf("Data loss: %s (%s)", e.Msg, where)
}

// InvalidCheckpointError says there is no checkpoint at Path; Err is the
// file system's reason (errors.Is(err, fs.ErrNotExist) holds when missing).
type InvalidCheckpointError struct {
	Path string
	Err  error
}

func (e *InvalidCheckpointError) Error() string {
	return "The passed save_path is not a valid checkpoint: " + e.Path
}

func (e *InvalidCheckpointError) Unwrap() error { return e.Err }

// sortedNames returns the keys of vals in byte order, the order both
// formats store entries in, so the same values always give the same bytes.
func sortedNames(vals map[string]*nd.Array) []string {
	names := make([]string, 0, len(vals))
	for n := range vals {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// writeCheckpoint writes the arrays, keyed by variable name, in tf1go's
// format. w should buffer.
func writeCheckpoint(w io.Writer, vals map[string]*nd.Array) error {
	names := sortedNames(vals)
	whole := crc32.New(tfpb.Castagnoli)
	out := io.MultiWriter(w, whole)
	head := binary.LittleEndian.AppendUint32([]byte(checkpointMagic), checkpointVersion)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(names)))
	if _, err := out.Write(head); err != nil {
		return err
	}
	var buf []byte
	for _, n := range names {
		buf = appendEntry(buf[:0], n, vals[n])
		buf = binary.LittleEndian.AppendUint32(buf, tfpb.CRC32C(buf))
		if _, err := out.Write(buf); err != nil {
			return err
		}
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, whole.Sum32()))
	return err
}

func appendEntry(b []byte, name string, a *nd.Array) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, uint32(len(name)))
	b = append(b, name...)
	b = append(b, byte(tfpb.DataTypeOf(a.DType())))
	b = le.AppendUint32(b, uint32(a.Rank()))
	for _, d := range a.Shape() {
		b = le.AppendUint64(b, uint64(d))
	}
	b = le.AppendUint64(b, uint64(a.Len()*a.DType().Size()))
	return appendData(b, a)
}

// appendData appends a's elements, little-endian, bools as bytes 0 and 1.
func appendData(b []byte, a *nd.Array) []byte {
	le := binary.LittleEndian
	switch d := a.Data().(type) {
	case []float32:
		for _, x := range d {
			b = le.AppendUint32(b, math.Float32bits(x))
		}
	case []float64:
		for _, x := range d {
			b = le.AppendUint64(b, math.Float64bits(x))
		}
	case []int64:
		for _, x := range d {
			b = le.AppendUint64(b, uint64(x))
		}
	case []bool:
		for _, x := range d {
			if x {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		}
	}
	return b
}

// readCheckpoint parses a whole checkpoint file in tf1go's format,
// checking every entry's checksum and the file's, and decodes it.
func readCheckpoint(path string, b []byte) (map[string]*entry, error) {
	lose := func(name, format string, args ...any) error {
		return &DataLossError{Path: path, Entry: name, Msg: fmt.Sprintf(format, args...)}
	}
	if !isTF1GoCheckpoint(b) {
		return nil, lose("", "not a tf1go checkpoint (bad magic number)")
	}
	r := reader{b: b, off: len(checkpointMagic)}
	version, count := r.u32(), r.u32()
	if r.short {
		return nil, lose("", "truncated header")
	}
	if version != checkpointVersion {
		return nil, lose("", "unsupported checkpoint version %d (this build reads version %d)", version, checkpointVersion)
	}
	entries := make(map[string]*entry)
	for i := 0; i < int(count); i++ {
		start := r.off
		name := string(r.bytes(uint64(r.u32())))
		dt := tfpb.DataType(r.u8())
		rank := r.u32()
		shape := []int{}
		for j := uint32(0); j < rank && !r.short; j++ {
			d := r.u64()
			if d > math.MaxInt64 {
				return nil, lose(name, "dimension %d", d)
			}
			shape = append(shape, int(d))
		}
		data := r.bytes(r.u64())
		stored := r.u32()
		if r.short {
			return nil, lose(name, "truncated in entry %d of %d", i+1, count)
		}
		if sum := tfpb.CRC32C(b[start : r.off-4]); sum != stored {
			return nil, lose(name, "Checksum does not match: stored %d vs. calculated on the restored bytes %d", stored, sum)
		}
		if exactDType(dt) == nd.Invalid {
			return nil, lose(name, "unknown dtype %d", dt)
		}
		a, err := tfpb.DecodeValues(dt, shape, data)
		if err != nil {
			return nil, lose(name, "%v", err)
		}
		if _, dup := entries[name]; dup {
			return nil, lose(name, "duplicate entry")
		}
		entries[name] = &entry{dtype: dt, shape: shape, load: func() (*nd.Array, error) { return a, nil }}
	}
	stored := r.u32()
	if r.short {
		return nil, lose("", "truncated after the last entry")
	}
	if r.off != len(b) {
		return nil, lose("", "%d unexpected bytes after the end", len(b)-r.off)
	}
	if sum := tfpb.CRC32C(b[:r.off-4]); sum != stored {
		return nil, lose("", "Checksum does not match: stored %d vs. calculated on the restored bytes %d", stored, sum)
	}
	return entries, nil
}

// exactDType is the tf1go dtype whose values dt's are, or nd.Invalid.
func exactDType(dt tfpb.DataType) nd.DType {
	if d := dt.NDType(); tfpb.DataTypeOf(d) == dt {
		return d
	}
	return nd.Invalid
}

// isTF1GoCheckpoint reports whether b starts as tf1go's format does.
func isTF1GoCheckpoint(b []byte) bool {
	return len(b) >= len(checkpointMagic) && string(b[:len(checkpointMagic)]) == checkpointMagic
}

// reader reads little-endian numbers from b; past the end it returns
// zeros and sets short, so a parser checks once per record.
type reader struct {
	b     []byte
	off   int
	short bool
}

func (r *reader) bytes(n uint64) []byte {
	if r.short || n > uint64(len(r.b)-r.off) {
		r.short = true
		return nil
	}
	s := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *reader) u8() uint8 {
	if s := r.bytes(1); s != nil {
		return s[0]
	}
	return 0
}

func (r *reader) u32() uint32 {
	if s := r.bytes(4); s != nil {
		return binary.LittleEndian.Uint32(s)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if s := r.bytes(8); s != nil {
		return binary.LittleEndian.Uint64(s)
	}
	return 0
}
