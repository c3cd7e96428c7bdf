package tfpb

import (
	"encoding/binary"

	"github.com/pkg/errors"
)

// TFRecord framing (tensorflow/core/lib/io/record_writer.cc), the layout
// of event files: each record is
//
//	uint64 length, little-endian
//	uint32 masked CRC-32C of the length's 8 bytes
//	length bytes of data
//	uint32 masked CRC-32C of the data

// AppendRecord appends data framed as one TFRecord.
func AppendRecord(out, data []byte) []byte {
	start := len(out)
	out = binary.LittleEndian.AppendUint64(out, uint64(len(data)))
	out = binary.LittleEndian.AppendUint32(out, MaskCRC(CRC32C(out[start:])))
	out = append(out, data...)
	return binary.LittleEndian.AppendUint32(out, MaskCRC(CRC32C(data)))
}

// ReadRecords calls f with the data of each TFRecord of b, in order,
// after checking both of its CRCs; a short or damaged record is an error
// naming its offset.
func ReadRecords(b []byte, f func(data []byte) error) error {
	for off := 0; off < len(b); {
		if len(b)-off < 12 {
			return errors.Errorf("truncated record header at offset %d", off)
		}
		n := binary.LittleEndian.Uint64(b[off:])
		if binary.LittleEndian.Uint32(b[off+8:]) != MaskCRC(CRC32C(b[off:off+8])) {
			return errors.Errorf("corrupted record length at offset %d", off)
		}
		start := off + 12
		if n > uint64(len(b)-start) || uint64(len(b)-start)-n < 4 {
			return errors.Errorf("truncated record at offset %d", off)
		}
		data := b[start : start+int(n)]
		if binary.LittleEndian.Uint32(b[start+int(n):]) != MaskCRC(CRC32C(data)) {
			return errors.Errorf("corrupted record at offset %d", off)
		}
		if err := f(data); err != nil {
			return errors.Wrapf(err, "record at offset %d", off)
		}
		off = start + int(n) + 4
	}
	return nil
}
