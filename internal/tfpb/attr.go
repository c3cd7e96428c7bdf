package tfpb

import (
	"math"

	"github.com/pkg/errors"
	"google.golang.org/protobuf/encoding/protowire"
)

// AttrKind says which value of an AttrValue (attr_value.proto's oneof)
// is set; its number is the field's.
type AttrKind int

// The AttrValue kinds.
const (
	AttrNone        AttrKind = 0
	AttrList        AttrKind = 1
	AttrString      AttrKind = 2
	AttrInt         AttrKind = 3
	AttrFloat       AttrKind = 4
	AttrBool        AttrKind = 5
	AttrType        AttrKind = 6
	AttrShape       AttrKind = 7
	AttrTensor      AttrKind = 8
	AttrPlaceholder AttrKind = 9
	AttrFunc        AttrKind = 10
)

// AttrValue is a node attribute: one value, or a list of values of one
// kind (List). A Func value keeps only the function's name.
type AttrValue struct {
	Kind   AttrKind
	S      []byte
	I      int64
	F      float32
	B      bool
	Type   DataType
	Shape  []int  // nil: unknown rank
	Tensor []byte // a TensorProto; DecodeTensor reads it
	Func   string // a function's name, or a placeholder's
	List   ListValue
}

// ListValue is an AttrValue's list. At most one of its slices is set; an
// empty list fits any list(...) attr.
type ListValue struct {
	S      [][]byte
	I      []int64
	F      []float32
	B      []bool
	Type   []DataType
	Shape  [][]int
	Tensor [][]byte
	Func   []string
}

// Len is the number of values in the list.
func (l *ListValue) Len() int {
	return len(l.S) + len(l.I) + len(l.F) + len(l.B) + len(l.Type) + len(l.Shape) + len(l.Tensor) + len(l.Func)
}

// Kind is the kind of the list's values (AttrString, ...), AttrNone for
// an empty list.
func (l *ListValue) Kind() AttrKind {
	switch {
	case len(l.S) > 0:
		return AttrString
	case len(l.I) > 0:
		return AttrInt
	case len(l.F) > 0:
		return AttrFloat
	case len(l.B) > 0:
		return AttrBool
	case len(l.Type) > 0:
		return AttrType
	case len(l.Shape) > 0:
		return AttrShape
	case len(l.Tensor) > 0:
		return AttrTensor
	case len(l.Func) > 0:
		return AttrFunc
	}
	return AttrNone
}

// Constructors for the attribute values tf1go writes.
func StringAttr(s string) *AttrValue    { return &AttrValue{Kind: AttrString, S: []byte(s)} }
func IntAttr(i int64) *AttrValue        { return &AttrValue{Kind: AttrInt, I: i} }
func FloatAttr(f float32) *AttrValue    { return &AttrValue{Kind: AttrFloat, F: f} }
func BoolAttr(b bool) *AttrValue        { return &AttrValue{Kind: AttrBool, B: b} }
func TypeAttr(t DataType) *AttrValue    { return &AttrValue{Kind: AttrType, Type: t} }
func ShapeAttr(s []int) *AttrValue      { return &AttrValue{Kind: AttrShape, Shape: s} }
func TensorAttr(t []byte) *AttrValue    { return &AttrValue{Kind: AttrTensor, Tensor: t} }
func IntsAttr(v []int64) *AttrValue     { return &AttrValue{Kind: AttrList, List: ListValue{I: v}} }
func TypesAttr(v []DataType) *AttrValue { return &AttrValue{Kind: AttrList, List: ListValue{Type: v}} }
func StringsAttr(v [][]byte) *AttrValue { return &AttrValue{Kind: AttrList, List: ListValue{S: v}} }
func ShapesAttr(v [][]int) *AttrValue   { return &AttrValue{Kind: AttrList, List: ListValue{Shape: v}} }

func (a *AttrValue) marshal() []byte {
	var b []byte
	switch a.Kind {
	case AttrList:
		b = appendBytes(b, 1, a.List.marshal())
	case AttrString:
		b = appendBytes(b, 2, a.S)
	case AttrInt:
		b = appendVarint(b, 3, uint64(a.I))
	case AttrFloat:
		b = appendFloat32(b, 4, a.F)
	case AttrBool:
		b = appendBool(b, 5, a.B)
	case AttrType:
		b = appendVarint(b, 6, uint64(a.Type))
	case AttrShape:
		b = appendBytes(b, 7, EncodeShape(a.Shape))
	case AttrTensor:
		b = appendBytes(b, 8, a.Tensor)
	case AttrPlaceholder:
		b = appendString(b, 9, a.Func)
	case AttrFunc:
		b = appendBytes(b, 10, appendString(nil, 1, a.Func))
	}
	return b
}

func packedVarints(vals []uint64) []byte {
	var p []byte
	for _, v := range vals {
		p = protowire.AppendVarint(p, v)
	}
	return p
}

func (l *ListValue) marshal() []byte {
	var b []byte
	for _, s := range l.S {
		b = appendBytes(b, 2, s)
	}
	if len(l.I) > 0 {
		v := make([]uint64, len(l.I))
		for i, x := range l.I {
			v[i] = uint64(x)
		}
		b = appendBytes(b, 3, packedVarints(v))
	}
	if len(l.F) > 0 {
		var p []byte
		for _, f := range l.F {
			p = protowire.AppendFixed32(p, math.Float32bits(f))
		}
		b = appendBytes(b, 4, p)
	}
	if len(l.B) > 0 {
		v := make([]uint64, len(l.B))
		for i, x := range l.B {
			v[i] = protowire.EncodeBool(x)
		}
		b = appendBytes(b, 5, packedVarints(v))
	}
	if len(l.Type) > 0 {
		v := make([]uint64, len(l.Type))
		for i, x := range l.Type {
			v[i] = uint64(x)
		}
		b = appendBytes(b, 6, packedVarints(v))
	}
	for _, s := range l.Shape {
		b = appendBytes(b, 7, EncodeShape(s))
	}
	for _, t := range l.Tensor {
		b = appendBytes(b, 8, t)
	}
	for _, f := range l.Func {
		b = appendBytes(b, 9, appendString(nil, 1, f))
	}
	return b
}

func decodeAttr(b []byte) (*AttrValue, error) {
	a := &AttrValue{}
	err := eachField(b, func(f field) error {
		a.Kind = AttrKind(f.num)
		var err error
		switch a.Kind {
		case AttrList:
			err = a.List.unmarshal(f.b)
		case AttrString:
			a.S = f.b
		case AttrInt:
			a.I = f.int64()
		case AttrFloat:
			a.F = math.Float32frombits(uint32(f.v))
		case AttrBool:
			a.B = f.v != 0
		case AttrType:
			a.Type = DataType(f.v)
		case AttrShape:
			a.Shape, err = DecodeShape(f.b)
		case AttrTensor:
			a.Tensor = f.b
		case AttrPlaceholder:
			a.Func = f.str()
		case AttrFunc:
			a.Func, err = funcName(f.b)
		default:
			a.Kind = AttrNone
		}
		return err
	})
	return a, errors.Wrap(err, "AttrValue")
}

// funcName reads the name of a NameAttrList.
func funcName(b []byte) (string, error) {
	var name string
	err := eachField(b, func(f field) error {
		if f.num == 1 {
			name = f.str()
		}
		return nil
	})
	return name, err
}

func (l *ListValue) unmarshal(b []byte) error {
	return eachField(b, func(f field) error {
		switch f.num {
		case 2:
			l.S = append(l.S, f.b)
		case 3:
			return f.repeated(protowire.VarintType, func(v uint64) { l.I = append(l.I, int64(v)) })
		case 4:
			return f.repeated(protowire.Fixed32Type, func(v uint64) { l.F = append(l.F, math.Float32frombits(uint32(v))) })
		case 5:
			return f.repeated(protowire.VarintType, func(v uint64) { l.B = append(l.B, v != 0) })
		case 6:
			return f.repeated(protowire.VarintType, func(v uint64) { l.Type = append(l.Type, DataType(v)) })
		case 7:
			s, err := DecodeShape(f.b)
			l.Shape = append(l.Shape, s)
			return err
		case 8:
			l.Tensor = append(l.Tensor, f.b)
		case 9:
			name, err := funcName(f.b)
			l.Func = append(l.Func, name)
			return err
		}
		return nil
	})
}

// marshalAttrs writes a map<string, AttrValue> as field num, in key order
// so that equal maps give equal bytes.
func marshalAttrs(b []byte, num protowire.Number, attrs map[string]*AttrValue) []byte {
	for _, k := range sortedKeys(attrs) {
		b = appendBytes(b, num, appendBytes(appendString(nil, 1, k), 2, attrs[k].marshal()))
	}
	return b
}

// mapEntry decodes a map entry: its key (field 1) and value (field 2).
func mapEntry(b []byte) (key string, value []byte, err error) {
	err = eachField(b, func(f field) error {
		switch f.num {
		case 1:
			key = f.str()
		case 2:
			value = f.b
		}
		return nil
	})
	return key, value, err
}
