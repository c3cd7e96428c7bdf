package tfpb

import (
	"encoding/binary"
	"math"
	"reflect"
	"testing"

	"github.com/tf1go/tf1go/nd"
	"google.golang.org/protobuf/encoding/protowire"
)

func TestTensorRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    *nd.Array
		as   DataType
	}{
		{"float scalar", nd.Scalar(nd.Float32, 0.5), DTFloat},
		{"float matrix", nd.FromFloat32s([]float32{1, -2, 3.5, 4, 5, 6}, 2, 3), DTFloat},
		{"double", nd.FromFloat64s([]float64{math.Pi, -1e300}, 2), DTDouble},
		{"int64", nd.FromInt64s([]int64{math.MaxInt64, -7}, 2), DTInt64},
		{"int64 as int32", nd.FromInt64s([]int64{-1, 784}, 2), DTInt32},
		{"int64 scalar as int32", nd.FromInt64s([]int64{3}), DTInt32},
		{"int64 as uint8", nd.FromInt64s([]int64{0, 255}, 1, 2), DTUint8},
		{"int64 as int16", nd.FromInt64s([]int64{-300}, 1), DTInt16},
		{"bool", nd.FromBools([]bool{true, false, true}, 3), DTBool},
		{"bool scalar", nd.FromBools([]bool{true}), DTBool},
		{"empty", nd.New(nd.Float32, 0, 4), DTFloat},
		{"zeros", nd.New(nd.Float32, 1024, 10), DTFloat},
		{"repeated int32", nd.FromInt64s([]int64{-3, -3, -3}, 3), DTInt32},
		{"repeated int64", nd.FromInt64s([]int64{5, 5}, 2), DTInt64},
		{"repeated double", nd.FromFloat64s([]float64{0.1, 0.1}, 2), DTDouble},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := EncodeTensorAs(tc.a, tc.as)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeTensor(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.DType != tc.as || !reflect.DeepEqual(got.Shape, tc.a.Shape()) || !reflect.DeepEqual(got.Array.Data(), tc.a.Data()) {
				t.Errorf("got %v %v %v, want %v %v %v", got.DType, got.Shape, got.Array.Data(), tc.as, tc.a.Shape(), tc.a.Data())
			}
		})
	}
}

// A tensor of one value repeated is that value and its shape, a few bytes.
func TestEncodeRepeatedValue(t *testing.T) {
	if b := EncodeTensor(nd.New(nd.Float32, 1024, 10)); len(b) > 20 {
		t.Errorf("zeros(1024, 10) took %d bytes", len(b))
	}
}

func TestEncodeTensorAsRejects(t *testing.T) {
	for _, tc := range []struct {
		a  *nd.Array
		dt DataType
	}{
		{nd.FromInt64s([]int64{1 << 40}, 1), DTInt32},
		{nd.FromInt64s([]int64{-1}, 1), DTUint8},
		{nd.Scalar(nd.Float32, 1), DTInt32},
		{nd.Scalar(nd.Float32, 1), DTFloat.Ref()},
		{nd.Scalar(nd.Float32, 1), DTString},
	} {
		if _, err := EncodeTensorAs(tc.a, tc.dt); err == nil {
			t.Errorf("EncodeTensorAs(%v, %v): no error", tc.a.Data(), tc.dt)
		}
	}
}

// proto builds a TensorProto by hand, as another writer (TF's Python,
// protobuf's text format) might lay it out.
func proto(dt DataType, shape []int, fields ...func([]byte) []byte) []byte {
	b := appendVarint(nil, tensorDType, uint64(dt))
	b = appendBytes(b, tensorShape, EncodeShape(shape))
	for _, f := range fields {
		b = f(b)
	}
	return b
}

func floatVal(v float32) func([]byte) []byte {
	return func(b []byte) []byte { return appendFloat32(b, tensorFloatVal, v) }
}

func packed(num protowire.Number, vals ...uint64) func([]byte) []byte {
	return func(b []byte) []byte {
		var p []byte
		for _, v := range vals {
			p = protowire.AppendVarint(p, v)
		}
		return appendBytes(b, num, p)
	}
}

func TestDecodeTensorTypedFields(t *testing.T) {
	minus1 := uint64(math.MaxUint64) // int32 -1 as protobuf writes it: sign-extended
	for _, tc := range []struct {
		name string
		b    []byte
		want any
	}{
		{"one float fills the shape", proto(DTFloat, []int{2, 2}, floatVal(0.25)), []float32{0.25, 0.25, 0.25, 0.25}},
		{"last float repeats", proto(DTFloat, []int{3}, floatVal(1), floatVal(2)), []float32{1, 2, 2}},
		{"no value is zeros", proto(DTFloat, []int{2}), []float32{0, 0}},
		{"packed int32", proto(DTInt32, []int{3}, packed(tensorIntVal, 1, minus1, 5)), []int64{1, -1, 5}},
		{"unpacked int32", proto(DTInt32, []int{2}, func(b []byte) []byte {
			return appendVarint(appendVarint(b, tensorIntVal, minus1), tensorIntVal, 4)
		}), []int64{-1, 4}},
		{"int64 broadcast", proto(DTInt64, []int{2}, packed(tensorInt64Val, 9)), []int64{9, 9}},
		{"bool", proto(DTBool, []int{}, packed(tensorBoolVal, 1)), []bool{true}},
		{"double", proto(DTDouble, []int{1}, func(b []byte) []byte {
			b = protowire.AppendTag(b, tensorDoubleVal, protowire.Fixed64Type)
			return protowire.AppendFixed64(b, math.Float64bits(-0.5))
		}), []float64{-0.5}},
		{"int32 content", proto(DTInt32, []int{2}, func(b []byte) []byte {
			c := binary.LittleEndian.AppendUint32(nil, uint32(0xffffffff))
			return appendBytes(b, tensorContent, binary.LittleEndian.AppendUint32(c, 7))
		}), []int64{-1, 7}},
		{"no shape is a scalar", appendFloat32(appendVarint(nil, tensorDType, uint64(DTFloat)), tensorFloatVal, 3), []float32{3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeTensor(tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Array.Data(), tc.want) {
				t.Errorf("got %v, want %v", got.Array.Data(), tc.want)
			}
		})
	}
}

func TestDecodeTensorStringsAndForeignTypes(t *testing.T) {
	b := EncodeStringTensor([]int{2}, [][]byte{[]byte("model"), []byte("x")})
	got, err := DecodeTensor(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.DType != DTString || got.Array != nil || string(got.Strings[0]) != "model" || string(got.Strings[1]) != "x" {
		t.Errorf("got %+v", got)
	}
	got, err = DecodeTensor(proto(DTHalf, []int{1}, packed(13, 0x3c00)))
	if err != nil || got.DType != DTHalf || got.Array != nil {
		t.Errorf("half: got %+v, %v; want described, not decoded", got, err)
	}
}

func TestDecodeTensorErrors(t *testing.T) {
	for name, b := range map[string][]byte{
		"short content":     proto(DTFloat, []int{2}, func(b []byte) []byte { return appendBytes(b, tensorContent, []byte{1, 2, 3}) }),
		"truncated":         proto(DTFloat, []int{2}, floatVal(1))[:10],
		"unknown rank":      appendBytes(appendVarint(nil, tensorDType, 1), tensorShape, EncodeShape(nil)),
		"strings vs shape":  EncodeStringTensor([]int{3}, [][]byte{[]byte("a")}),
		"negative dim size": appendBytes(nil, tensorShape, appendBytes(nil, shapeDim, appendVarint(nil, shapeDimSize, uint64(1<<64-5)))),
	} {
		if _, err := DecodeTensor(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestShapeRoundTrip(t *testing.T) {
	for _, s := range [][]int{nil, {}, {-1, 784}, {5, 5, 1, 32}} {
		got, err := DecodeShape(EncodeShape(s))
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("%v: got %v, %v", s, got, err)
		}
	}
}

func TestDataTypeNames(t *testing.T) {
	for dt, want := range map[DataType]string{DTFloat: "float", DTFloat.Ref(): "float_ref", DTInt32: "int32", 77: "DataType(77)"} {
		if dt.String() != want {
			t.Errorf("%d: %q, want %q", dt, dt.String(), want)
		}
	}
}
