package tfpb

import "encoding/binary"

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
