package tfpb

import (
	"math"
	"math/bits"
	"slices"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
)

// TensorFlow's V1 checkpoint (TF 0.x): an SSTable whose "" key holds a
// SavedTensorSlices with the meta, and every other key one slice's
// values (tensorflow/core/util/saved_tensor_slice.proto).

// SavedSliceMeta is one tensor of a V1 checkpoint's meta.
type SavedSliceMeta struct {
	Name   string     // name = 1
	Shape  []int      // shape = 2
	DType  DataType   // type = 3
	Slices [][]Extent // slice = 4: the slices saved, each a TensorSliceProto
}

// Extent is one dimension of a TensorSliceProto: Start and, when
// HasLength, Length; without a length it spans the whole dimension.
type Extent struct {
	Start, Length int64
	HasLength     bool
}

// FullSlice reports whether a slice of a tensor of this shape covers it
// whole: every extent from 0 to the end.
func FullSlice(slice []Extent, shape []int) bool {
	if len(slice) != len(shape) {
		return len(slice) == 0 // TensorFlow writes a scalar's slice with no extents
	}
	for i, e := range slice {
		if e.Start != 0 || e.HasLength && e.Length != int64(shape[i]) {
			return false
		}
	}
	return true
}

// SavedSlice is one data record: Name's values in Slice, as the bytes
// of a TensorProto (Data) that holds only the values.
type SavedSlice struct {
	Name  string   // name = 1
	Slice []Extent // slice = 2
	Data  []byte   // data = 3
}

// SavedTensorSlices is a V1 checkpoint's record: the meta (the "" key's
// record) or one slice's data.
type SavedTensorSlices struct {
	Meta []SavedSliceMeta // meta = 1 { tensor = 1 }
	Data *SavedSlice      // data = 2
}

// DecodeSavedTensorSlices decodes a V1 record.
func DecodeSavedTensorSlices(b []byte) (SavedTensorSlices, error) {
	var s SavedTensorSlices
	err := eachField(b, func(f field) error {
		switch f.num {
		case 1:
			return eachField(f.b, func(f field) error {
				if f.num != 1 {
					return nil
				}
				m, err := decodeSliceMeta(f.b)
				s.Meta = append(s.Meta, m)
				return err
			})
		case 2:
			d := &SavedSlice{}
			s.Data = d
			return eachField(f.b, func(f field) error {
				var err error
				switch f.num {
				case 1:
					d.Name = f.str()
				case 2:
					d.Slice, err = decodeSlice(f.b)
				case 3:
					d.Data = f.b
				}
				return err
			})
		}
		return nil
	})
	return s, errors.Wrap(err, "SavedTensorSlices")
}

func decodeSliceMeta(b []byte) (SavedSliceMeta, error) {
	m := SavedSliceMeta{Shape: []int{}}
	err := eachField(b, func(f field) error {
		var err error
		switch f.num {
		case 1:
			m.Name = f.str()
		case 2:
			m.Shape, err = DecodeShape(f.b)
			if err == nil && (m.Shape == nil || slices.Contains(m.Shape, -1)) {
				err = errors.Errorf("tensor %s: a saved tensor's shape must be fully known", m.Name)
			}
		case 3:
			m.DType = DataType(f.v)
		case 4:
			var s []Extent
			s, err = decodeSlice(f.b)
			m.Slices = append(m.Slices, s)
		}
		return err
	})
	return m, err
}

// decodeSlice decodes a TensorSliceProto (extent = 1 { start = 1,
// length = 2 }).
func decodeSlice(b []byte) ([]Extent, error) {
	slice := []Extent{}
	err := eachField(b, func(f field) error {
		if f.num != 1 {
			return nil
		}
		var e Extent
		err := eachField(f.b, func(f field) error {
			switch f.num {
			case 1:
				e.Start = f.int64()
			case 2:
				e.Length, e.HasLength = f.int64(), true
			}
			return nil
		})
		slice = append(slice, e)
		return err
	})
	return slice, errors.Wrap(err, "TensorSliceProto")
}

// Values decodes the slice's TensorProto as a tensor of the meta's dtype
// and shape: TensorFlow's V1 writer stores only the values (float_val,
// ...), leaving dtype and shape to the meta.
func (s *SavedSlice) Values(dt DataType, shape []int) (*nd.Array, error) {
	// TensorFlow's writer stores every value, each in at least one byte:
	// a shape that holds more is damage, not a tensor to allocate.
	n := uint64(1)
	for _, d := range shape {
		hi, lo := bits.Mul64(n, uint64(d))
		if hi != 0 || d < 0 {
			n = math.MaxUint64
			break
		}
		n = lo
	}
	if n > uint64(len(s.Data)) && n > 1 {
		return nil, errors.Errorf("tensor %s: shape %v holds %d values, more than its %d bytes of data can", s.Name, shape, n, len(s.Data))
	}
	head := appendVarint(nil, tensorDType, uint64(dt))
	head = appendBytes(head, tensorShape, EncodeShape(shape))
	t, err := DecodeTensor(append(head, s.Data...))
	switch {
	case err != nil:
		return nil, err
	case t.DType != dt || !slices.Equal(t.Shape, shape):
		return nil, errors.Errorf("tensor %s: data of dtype %s and shape %v, meta says %s %v", s.Name, t.DType, t.Shape, dt, shape)
	case t.Array == nil:
		return nil, Readable(dt)
	}
	return t.Array, nil
}
