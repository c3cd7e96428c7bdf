package tfpb

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
	"google.golang.org/protobuf/encoding/protowire"
)

// DataType is TensorFlow's DataType enum (types.proto): DT_FLOAT = 1, ...
// A reference type (DT_FLOAT_REF, the dtype of a VariableV2's output) is
// its base type plus 100.
type DataType int32

// The DataType values, as types.proto numbers them.
const (
	DTInvalid    DataType = 0
	DTFloat      DataType = 1
	DTDouble     DataType = 2
	DTInt32      DataType = 3
	DTUint8      DataType = 4
	DTInt16      DataType = 5
	DTInt8       DataType = 6
	DTString     DataType = 7
	DTComplex64  DataType = 8
	DTInt64      DataType = 9
	DTBool       DataType = 10
	DTQint8      DataType = 11
	DTQuint8     DataType = 12
	DTQint32     DataType = 13
	DTBfloat16   DataType = 14
	DTQint16     DataType = 15
	DTQuint16    DataType = 16
	DTUint16     DataType = 17
	DTComplex128 DataType = 18
	DTHalf       DataType = 19
	DTResource   DataType = 20
	DTVariant    DataType = 21
	DTUint32     DataType = 22
	DTUint64     DataType = 23

	refOffset DataType = 100
)

var dataTypeNames = map[DataType]string{DTFloat: "float", DTDouble: "double", DTInt32: "int32",
	DTUint8: "uint8", DTInt16: "int16", DTInt8: "int8", DTString: "string", DTComplex64: "complex64",
	DTInt64: "int64", DTBool: "bool", DTQint8: "qint8", DTQuint8: "quint8", DTQint32: "qint32",
	DTBfloat16: "bfloat16", DTQint16: "qint16", DTQuint16: "quint16", DTUint16: "uint16",
	DTComplex128: "complex128", DTHalf: "half", DTResource: "resource", DTVariant: "variant",
	DTUint32: "uint32", DTUint64: "uint64"}

// String is TF's name for the type ("float", "int32", "float_ref").
func (d DataType) String() string {
	if d.IsRef() {
		return d.Base().String() + "_ref"
	}
	if s, ok := dataTypeNames[d]; ok {
		return s
	}
	return fmt.Sprintf("DataType(%d)", int32(d))
}

// IsRef reports whether d is a reference type (DT_FLOAT_REF, ...).
func (d DataType) IsRef() bool { return d > refOffset }

// Base returns d without its reference (DT_FLOAT for DT_FLOAT_REF).
func (d DataType) Base() DataType {
	if d.IsRef() {
		return d - refOffset
	}
	return d
}

// Ref returns d's reference type (DT_FLOAT_REF for DT_FLOAT).
func (d DataType) Ref() DataType { return d.Base() + refOffset }

// DataTypeOf returns TF's DataType for a tf1go dtype.
func DataTypeOf(dt nd.DType) DataType {
	switch dt {
	case nd.Float32:
		return DTFloat
	case nd.Float64:
		return DTDouble
	case nd.Int64:
		return DTInt64
	case nd.Bool:
		return DTBool
	}
	return DTInvalid
}

// NDType returns the tf1go dtype that holds d's values: Float32, Float64,
// Bool, and Int64 for every integer type up to 64 bits (tf1go computes
// integers as int64); nd.Invalid for the types tf1go lacks (strings,
// complex, half, quantized, resources).
func (d DataType) NDType() nd.DType {
	switch d.Base() {
	case DTFloat:
		return nd.Float32
	case DTDouble:
		return nd.Float64
	case DTBool:
		return nd.Bool
	case DTInt64, DTInt32, DTInt16, DTInt8, DTUint8, DTUint16, DTUint32:
		return nd.Int64
	}
	return nd.Invalid
}

// size is the width of one element in tensor_content, 0 for the types
// tf1go cannot decode from it.
func (d DataType) size() int {
	switch d {
	case DTInt8, DTUint8, DTBool:
		return 1
	case DTInt16, DTUint16:
		return 2
	case DTFloat, DTInt32, DTUint32:
		return 4
	case DTDouble, DTInt64:
		return 8
	}
	return 0
}

// Tensor is a decoded TensorProto.
type Tensor struct {
	DType DataType
	Shape []int // a TensorProto's shape is always fully defined
	// Array holds the values when DType.NDType is a tf1go dtype (integers
	// widened to int64), else nil.
	Array *nd.Array
	// Strings holds a DT_STRING tensor's values, row-major.
	Strings [][]byte
}

// TensorProto field numbers (tensor.proto).
const (
	tensorDType      = 1
	tensorShape      = 2
	tensorContent    = 4
	tensorFloatVal   = 5
	tensorDoubleVal  = 6
	tensorIntVal     = 7
	tensorStringVal  = 8
	tensorInt64Val   = 10
	tensorBoolVal    = 11
	tensorUint32Val  = 16
	tensorUint64Val  = 17
	shapeDim         = 2
	shapeUnknownRank = 3
	shapeDimSize     = 1
)

// EncodeTensor returns a's TensorProto, of a's own DataType.
func EncodeTensor(a *nd.Array) []byte {
	b, err := EncodeTensorAs(a, DataTypeOf(a.DType()))
	if err != nil {
		panic(err) // DataTypeOf gives each dtype a type that holds it
	}
	return b
}

// EncodeTensorAs returns a's TensorProto as DataType dt, e.g. an int64
// array as DT_INT32, the dtype TF gives shapes and axes. dt must be one
// whose NDType is a's dtype; a value dt cannot hold is an error. Values
// go in tensor_content, except that a tensor of one value repeated is
// written as that value in the typed field (float_val, ...), as
// TensorFlow's make_tensor_proto writes it.
func EncodeTensorAs(a *nd.Array, dt DataType) ([]byte, error) {
	if dt.IsRef() || dt.NDType() != a.DType() || dt.size() == 0 {
		return nil, errors.Errorf("cannot encode a %s array as %s", a.DType(), dt)
	}
	b := appendVarint(nil, tensorDType, uint64(dt))
	b = appendBytes(b, tensorShape, EncodeShape(a.Shape()))
	n := a.Len()
	if n == 0 {
		return b, nil
	}
	if uniform(a) {
		// one value fills the shape (tf.zeros, tf.constant(0.1, shape=...))
		switch dt {
		case DTFloat:
			return appendFloat32(b, tensorFloatVal, a.Float32s()[0]), nil
		case DTDouble:
			b = protowire.AppendTag(b, tensorDoubleVal, protowire.Fixed64Type)
			return protowire.AppendFixed64(b, math.Float64bits(a.Float64s()[0])), nil
		case DTBool:
			return appendBool(b, tensorBoolVal, a.Bools()[0]), nil
		case DTInt64:
			return appendVarint(b, tensorInt64Val, uint64(a.Int64s()[0])), nil
		}
		if v := a.Int64s()[0]; intFits(v, dt) && dt != DTUint32 {
			return appendVarint(b, tensorIntVal, uint64(v)), nil
		}
	}
	content := make([]byte, 0, n*dt.size())
	for i := range n {
		switch dt {
		case DTFloat:
			content = binary.LittleEndian.AppendUint32(content, math.Float32bits(a.Float32s()[i]))
		case DTDouble:
			content = binary.LittleEndian.AppendUint64(content, math.Float64bits(a.Float64s()[i]))
		case DTBool:
			content = append(content, boolByte(a.Bools()[i]))
		default:
			v := a.Int64s()[i]
			if !intFits(v, dt) {
				return nil, errors.Errorf("value %d does not fit %s", v, dt)
			}
			switch dt.size() {
			case 1:
				content = append(content, byte(v))
			case 2:
				content = binary.LittleEndian.AppendUint16(content, uint16(v))
			case 4:
				content = binary.LittleEndian.AppendUint32(content, uint32(v))
			default:
				content = binary.LittleEndian.AppendUint64(content, uint64(v))
			}
		}
	}
	return appendBytes(b, tensorContent, content), nil
}

// EncodeStringTensor returns the TensorProto of a DT_STRING tensor.
func EncodeStringTensor(shape []int, vals [][]byte) []byte {
	b := appendVarint(nil, tensorDType, uint64(DTString))
	b = appendBytes(b, tensorShape, EncodeShape(shape))
	for _, v := range vals {
		b = appendBytes(b, tensorStringVal, v)
	}
	return b
}

// uniform reports whether a holds one value, once or repeated.
func uniform(a *nd.Array) bool {
	switch d := a.Data().(type) {
	case []float32:
		return same(d)
	case []float64:
		return same(d)
	case []int64:
		return same(d)
	case []bool:
		return same(d)
	}
	return false
}

func same[T comparable](v []T) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

func intFits(v int64, dt DataType) bool {
	switch dt {
	case DTInt8:
		return v >= math.MinInt8 && v <= math.MaxInt8
	case DTUint8:
		return v >= 0 && v <= math.MaxUint8
	case DTInt16:
		return v >= math.MinInt16 && v <= math.MaxInt16
	case DTUint16:
		return v >= 0 && v <= math.MaxUint16
	case DTInt32:
		return v >= math.MinInt32 && v <= math.MaxInt32
	case DTUint32:
		return v >= 0 && v <= math.MaxUint32
	}
	return true
}

// maxElements bounds a decoded tensor (a 1 GiB float32 one): a few bytes
// of typed value and shape can describe a tensor of any size.
const maxElements = 1 << 28

// DecodeTensor decodes a TensorProto. Values come from tensor_content
// when it is set, else from the typed field of the dtype (float_val,
// int_val, ...); as in TensorFlow, a typed field with fewer values than
// the shape holds has its last value repeated (one value fills the
// tensor), and none means zeros.
func DecodeTensor(b []byte) (*Tensor, error) {
	t := &Tensor{}
	var content []byte
	hasContent, hasShape := false, false
	var floats []float64 // float_val and double_val
	var ints []int64     // int_val, int64_val, bool_val, uint32_val, uint64_val
	err := eachField(b, func(f field) error {
		var err error
		switch f.num {
		case tensorDType:
			t.DType = DataType(f.v)
		case tensorShape:
			hasShape = true
			t.Shape, err = DecodeShape(f.b)
			if err == nil && t.Shape == nil {
				err = errors.New("a tensor's shape must have a known rank")
			}
		case tensorContent:
			content, hasContent = f.b, true
		case tensorFloatVal:
			err = f.repeated(protowire.Fixed32Type, func(v uint64) {
				floats = append(floats, float64(math.Float32frombits(uint32(v))))
			})
		case tensorDoubleVal:
			err = f.repeated(protowire.Fixed64Type, func(v uint64) { floats = append(floats, math.Float64frombits(v)) })
		case tensorIntVal:
			err = f.repeated(protowire.VarintType, func(v uint64) { ints = append(ints, int64(int32(v))) })
		case tensorInt64Val, tensorBoolVal, tensorUint32Val, tensorUint64Val:
			err = f.repeated(protowire.VarintType, func(v uint64) { ints = append(ints, int64(v)) })
		case tensorStringVal:
			t.Strings = append(t.Strings, f.b)
		}
		return err
	})
	if err != nil {
		return nil, errors.Wrap(err, "TensorProto")
	}
	if !hasShape {
		t.Shape = []int{}
	}
	n := 1
	for _, d := range t.Shape {
		if d < 0 || (d > 0 && n > maxElements/d) {
			return nil, errors.Errorf("TensorProto: shape %v is not one of a tensor of at most %d elements", t.Shape, maxElements)
		}
		n *= d
	}
	if t.DType == DTString {
		if len(t.Strings) > 0 && len(t.Strings) != n {
			return nil, errors.Errorf("TensorProto: %d strings for shape %v", len(t.Strings), t.Shape)
		}
		return t, nil
	}
	dt := t.DType.NDType()
	if dt == nd.Invalid || t.DType.IsRef() {
		return t, nil // a dtype tf1go lacks: described, not decoded
	}
	if hasContent {
		a, err := DecodeValues(t.DType, t.Shape, content)
		if err != nil {
			return nil, errors.Wrap(err, "TensorProto: tensor_content")
		}
		t.Array = a
		return t, nil
	}
	t.Array = nd.New(dt, t.Shape...)
	fill(t.Array, floats, ints)
	return t, nil
}

// decodeContent fills a from tensor_content, little-endian values of dt;
// the caller has checked its length.
func decodeContent(a *nd.Array, b []byte, dt DataType) {
	n, size := a.Len(), dt.size()
	for i := range n {
		e := b[i*size : (i+1)*size]
		switch dt {
		case DTFloat:
			a.Float32s()[i] = math.Float32frombits(binary.LittleEndian.Uint32(e))
		case DTDouble:
			a.Float64s()[i] = math.Float64frombits(binary.LittleEndian.Uint64(e))
		case DTBool:
			a.Bools()[i] = e[0] != 0
		case DTInt8:
			a.Int64s()[i] = int64(int8(e[0]))
		case DTUint8:
			a.Int64s()[i] = int64(e[0])
		case DTInt16:
			a.Int64s()[i] = int64(int16(binary.LittleEndian.Uint16(e)))
		case DTUint16:
			a.Int64s()[i] = int64(binary.LittleEndian.Uint16(e))
		case DTInt32:
			a.Int64s()[i] = int64(int32(binary.LittleEndian.Uint32(e)))
		case DTUint32:
			a.Int64s()[i] = int64(binary.LittleEndian.Uint32(e))
		case DTInt64:
			a.Int64s()[i] = int64(binary.LittleEndian.Uint64(e))
		}
	}
}

// fill sets a from the typed value fields: the values in order, the last
// one repeated to the end.
func fill(a *nd.Array, floats []float64, ints []int64) {
	n := a.Len()
	for i := range n {
		switch a.DType() {
		case nd.Float32, nd.Float64:
			if len(floats) > 0 {
				a.SetFlat(i, floats[min(i, len(floats)-1)])
			}
		case nd.Bool:
			if len(ints) > 0 {
				a.Bools()[i] = ints[min(i, len(ints)-1)] != 0
			}
		case nd.Int64:
			if len(ints) > 0 {
				a.Int64s()[i] = ints[min(i, len(ints)-1)]
			}
		}
	}
}

// EncodeShape returns the TensorShapeProto of shape, where nil is an
// unknown rank and -1 an unknown dim (graph.Shape's convention).
func EncodeShape(shape []int) []byte {
	if shape == nil {
		return appendBool(nil, shapeUnknownRank, true)
	}
	var b []byte
	for _, d := range shape {
		b = appendBytes(b, shapeDim, appendVarint(nil, shapeDimSize, uint64(int64(d))))
	}
	if b == nil {
		b = []byte{} // a scalar: an empty message, not an absent one
	}
	return b
}

// DecodeShape decodes a TensorShapeProto: nil for an unknown rank, -1 for
// an unknown dim, []int{} for a scalar.
func DecodeShape(b []byte) ([]int, error) {
	shape := []int{}
	unknown := false
	err := eachField(b, func(f field) error {
		switch f.num {
		case shapeUnknownRank:
			unknown = f.v != 0
		case shapeDim:
			d := int64(0)
			err := eachField(f.b, func(f field) error {
				if f.num == shapeDimSize {
					d = f.int64()
				}
				return nil
			})
			if err != nil {
				return err
			}
			if d < -1 {
				return errors.Errorf("dim size %d", d)
			}
			shape = append(shape, int(d))
		}
		return nil
	})
	if err != nil {
		return nil, errors.Wrap(err, "TensorShapeProto")
	}
	if unknown {
		return nil, nil
	}
	return shape, nil
}
