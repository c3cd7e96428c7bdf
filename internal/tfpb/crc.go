package tfpb

import "hash/crc32"

// Castagnoli is the CRC-32C table: LevelDB's tables, TFRecords, bundle
// entries and tf1go's own checkpoints all use CRC-32C.
var Castagnoli = crc32.MakeTable(crc32.Castagnoli)

// CRC32C is the CRC-32C of b.
func CRC32C(b []byte) uint32 { return crc32.Checksum(b, Castagnoli) }

// MaskCRC is LevelDB's masking of a CRC stored next to the data it covers
// (a CRC of bytes that hold CRCs is otherwise weak).
func MaskCRC(c uint32) uint32 { return (c>>15 | c<<17) + 0xa282ead8 }

// UnmaskCRC undoes MaskCRC.
func UnmaskCRC(c uint32) uint32 { c -= 0xa282ead8; return c>>17 | c<<15 }
