package tfpb

import (
	"math/bits"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
	"google.golang.org/protobuf/encoding/protowire"
)

// TensorFlow's tensor bundle (V2 checkpoint) index entries, from
// tensorflow/core/protobuf/tensor_bundle.proto. Fields at their zero value
// are left out, as proto3 serializers do, so the bytes are TensorFlow's.

// BundleHeader is BundleHeaderProto, the value of the index's "" key.
type BundleHeader struct {
	NumShards int32 // num_shards = 1
	BigEndian bool  // endianness = 2 (LITTLE = 0, BIG = 1)
	Producer  int32 // version = 3 { producer = 1 }
}

// Marshal encodes the header.
func (h BundleHeader) Marshal() []byte {
	b := appendNonZero(nil, 1, uint64(h.NumShards))
	if h.BigEndian {
		b = appendVarint(b, 2, 1)
	}
	return appendBytes(b, 3, appendNonZero(nil, 1, uint64(h.Producer)))
}

// DecodeBundleHeader decodes a header.
func DecodeBundleHeader(b []byte) (BundleHeader, error) {
	var h BundleHeader
	err := eachField(b, func(f field) error {
		switch f.num {
		case 1:
			h.NumShards = int32(f.v)
		case 2:
			h.BigEndian = f.v == 1
		case 3:
			return eachField(f.b, func(f field) error {
				if f.num == 1 {
					h.Producer = int32(f.v)
				}
				return nil
			})
		}
		return nil
	})
	return h, errors.Wrap(err, "BundleHeaderProto")
}

// BundleEntry is BundleEntryProto: where one tensor's bytes are.
type BundleEntry struct {
	DType   DataType // dtype = 1
	Shape   []int    // shape = 2
	ShardID int32    // shard_id = 3
	Offset  int64    // offset = 4
	Size    int64    // size = 5
	CRC32C  uint32   // crc32c = 6, masked (MaskCRC)
	// Sliced is set when the entry lists slices (slices = 7): the tensor
	// was saved partitioned.
	Sliced bool
}

// Marshal encodes the entry.
func (e BundleEntry) Marshal() []byte {
	b := appendNonZero(nil, 1, uint64(e.DType))
	b = appendBytes(b, 2, EncodeShape(e.Shape))
	b = appendNonZero(b, 3, uint64(e.ShardID))
	b = appendNonZero(b, 4, uint64(e.Offset))
	b = appendNonZero(b, 5, uint64(e.Size))
	if e.CRC32C != 0 {
		b = protowire.AppendTag(b, 6, protowire.Fixed32Type)
		b = protowire.AppendFixed32(b, e.CRC32C)
	}
	return b
}

// DecodeBundleEntry decodes an entry. A shape that is not fully known is
// an error: a saved tensor's is.
func DecodeBundleEntry(b []byte) (BundleEntry, error) {
	e := BundleEntry{Shape: []int{}} // no shape field: a scalar
	err := eachField(b, func(f field) error {
		var err error
		switch f.num {
		case 1:
			e.DType = DataType(f.v)
		case 2:
			e.Shape, err = DecodeShape(f.b)
		case 3:
			e.ShardID = int32(f.v)
		case 4:
			e.Offset = f.int64()
		case 5:
			e.Size = f.int64()
		case 6:
			e.CRC32C = uint32(f.v)
		case 7:
			e.Sliced = true
		}
		return err
	})
	if err == nil && e.Shape == nil {
		err = errors.New("shape of unknown rank")
	}
	for _, d := range e.Shape {
		if err == nil && d < 0 {
			err = errors.Errorf("unknown dimension in shape %v", e.Shape)
		}
	}
	return e, errors.Wrap(err, "BundleEntryProto")
}

// appendNonZero appends a varint field unless v is 0, proto3's default.
func appendNonZero(b []byte, num protowire.Number, v uint64) []byte {
	if v == 0 {
		return b
	}
	return appendVarint(b, num, v)
}

// Decode checks data, the bytes the entry points to, against its size
// and checksum, and returns its values, integers widened to Int64 as
// DataType.NDType says.
func (e BundleEntry) Decode(data []byte) (*nd.Array, error) {
	if int64(len(data)) != e.Size {
		return nil, errors.Errorf("read %d bytes of a %d-byte entry", len(data), e.Size)
	}
	if sum := CRC32C(data); sum != UnmaskCRC(e.CRC32C) {
		return nil, errors.Errorf("Checksum does not match: stored %d vs. calculated on the restored bytes %d", UnmaskCRC(e.CRC32C), sum)
	}
	return DecodeValues(e.DType, e.Shape, data)
}

// DecodeValues decodes a tensor's values stored back to back,
// little-endian, as tensor_content and bundle data files hold them
// (bools one byte each).
func DecodeValues(dt DataType, shape []int, b []byte) (*nd.Array, error) {
	if err := Readable(dt); err != nil {
		return nil, err
	}
	n, overflow := uint64(1), false
	for _, d := range shape {
		hi, lo := bits.Mul64(n, uint64(d))
		overflow, n = overflow || hi != 0 || d < 0, lo
	}
	if hi, lo := bits.Mul64(n, uint64(dt.size())); overflow || hi != 0 || lo != uint64(len(b)) {
		return nil, errors.Errorf("%d data bytes do not hold a %s tensor of shape %v", len(b), dt, shape)
	}
	a := nd.New(dt.NDType(), shape...)
	decodeContent(a, b, dt)
	return a, nil
}

// Readable says why tf1go cannot hold values of dtype dt (strings,
// complex numbers, halfs, ...), or returns nil when it can.
func Readable(dt DataType) error {
	if dt.NDType() == nd.Invalid || dt.IsRef() {
		return errors.Errorf("tf1go cannot read %s tensors", dt)
	}
	return nil
}
