package gallery

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/pkg/errors"
)

// A Curve is one scalar summary's values over the steps, as TensorBoard
// shows it.
type Curve struct {
	Tag    string
	Steps  []int64
	Values []float64
}

// readCurves reads the scalar summaries of every event file
// (events.out.tfevents.*) in dir, one Curve per tag, sorted by tag, steps
// in file order. A directory without event files gives no curves and no
// error; a damaged record is an error naming the file and the offset.
func readCurves(dir string) ([]Curve, error) {
	files, err := filepath.Glob(filepath.Join(dir, "events.out.tfevents.*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	byTag := map[string]*Curve{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := eachRecord(b, func(rec []byte) error { return addEvent(byTag, rec) }); err != nil {
			return nil, errors.Wrapf(err, "event file %s", f)
		}
	}
	curves := make([]Curve, 0, len(byTag))
	for _, c := range byTag {
		curves = append(curves, *c)
	}
	sort.Slice(curves, func(i, j int) bool { return curves[i].Tag < curves[j].Tag })
	return curves, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// maskedCRC is TFRecord's masked CRC-32C (tensorflow/core/lib/hash/crc32c.h).
func maskedCRC(b []byte) uint32 {
	c := crc32.Checksum(b, castagnoli)
	return (c>>15 | c<<17) + 0xa282ead8
}

// eachRecord calls f with the data of each TFRecord of b: a uint64 length,
// the masked CRC of the length, the data, the masked CRC of the data.
func eachRecord(b []byte, f func([]byte) error) error {
	for off := 0; off < len(b); {
		if len(b)-off < 12 {
			return errors.Errorf("truncated record header at offset %d", off)
		}
		n := binary.LittleEndian.Uint64(b[off:])
		if binary.LittleEndian.Uint32(b[off+8:]) != maskedCRC(b[off:off+8]) {
			return errors.Errorf("corrupted record length at offset %d", off)
		}
		start := off + 12
		if n > uint64(len(b)-start) || uint64(len(b)-start)-n < 4 {
			return errors.Errorf("truncated record at offset %d", off)
		}
		data := b[start : start+int(n)]
		if binary.LittleEndian.Uint32(b[start+int(n):]) != maskedCRC(data) {
			return errors.Errorf("corrupted record at offset %d", off)
		}
		if err := f(data); err != nil {
			return errors.Wrapf(err, "record at offset %d", off)
		}
		off = start + int(n) + 4
	}
	return nil
}

// addEvent adds the scalar values of one Event (event.proto: step = 2,
// summary = 5; summary.proto: value = 1 with tag = 1, simple_value = 2).
func addEvent(byTag map[string]*Curve, event []byte) error {
	var step int64
	var summaries [][]byte
	err := eachField(event, func(num int, v uint64, data []byte) error {
		switch num {
		case 2:
			step = int64(v)
		case 5:
			summaries = append(summaries, data)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range summaries {
		err := eachField(s, func(num int, _ uint64, value []byte) error {
			if num != 1 {
				return nil
			}
			var tag string
			var simple float32
			scalar := false
			err := eachField(value, func(num int, v uint64, data []byte) error {
				switch num {
				case 1:
					tag = string(data)
				case 2:
					simple, scalar = math.Float32frombits(uint32(v)), true
				}
				return nil
			})
			if err != nil || !scalar {
				return err
			}
			c := byTag[tag]
			if c == nil {
				c = &Curve{Tag: tag}
				byTag[tag] = c
			}
			c.Steps = append(c.Steps, step)
			c.Values = append(c.Values, float64(simple))
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachField calls f for each field of a protocol buffer message: its
// number and, by wire type, its varint or fixed value or its bytes.
func eachField(b []byte, f func(num int, v uint64, data []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("bad field key")
		}
		b = b[n:]
		num := int(key >> 3)
		var v uint64
		var data []byte
		switch key & 7 {
		case 0: // varint
			v, n = binary.Uvarint(b)
			if n <= 0 {
				return errors.Errorf("bad varint in field %d", num)
			}
			b = b[n:]
		case 1: // fixed64
			if len(b) < 8 {
				return errors.Errorf("truncated fixed64 field %d", num)
			}
			v, b = binary.LittleEndian.Uint64(b), b[8:]
		case 2: // length-delimited
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errors.Errorf("truncated bytes field %d", num)
			}
			data, b = b[n:n+int(l)], b[n+int(l):]
		case 5: // fixed32
			if len(b) < 4 {
				return errors.Errorf("truncated fixed32 field %d", num)
			}
			v, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		default:
			return errors.Errorf("unsupported wire type %d in field %d", key&7, num)
		}
		if err := f(num, v, data); err != nil {
			return err
		}
	}
	return nil
}
