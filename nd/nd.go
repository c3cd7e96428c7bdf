package nd

import (
	"fmt"
	"strconv"
	"strings"
)

// DType is the element type of an Array and of a graph tensor.
type DType int

// The element types tf1go knows. The zero value is Invalid.
const (
	Invalid DType = iota
	Float32
	Float64
	Int64
	Bool
)

// String returns TF's name for the type ("float", "double", "int64", "bool").
func (d DType) String() string {
	switch d {
	case Float32:
		return "float"
	case Float64:
		return "double"
	case Int64:
		return "int64"
	case Bool:
		return "bool"
	}
	return "invalid"
}

// IsFloat reports whether d is Float32 or Float64.
func (d DType) IsFloat() bool { return d == Float32 || d == Float64 }

// Size is the width of one element in bytes.
func (d DType) Size() int {
	switch d {
	case Float32:
		return 4
	case Float64, Int64:
		return 8
	case Bool:
		return 1
	}
	return 0
}

// Array is a dense, row-major n-dimensional array: what a Session returns
// for a fetched tensor and one of the things a feed may be. The zero value
// is not usable; make one with New, FromFloat32s, FromFloat64s, Scalar or From.
type Array struct {
	dtype DType
	shape []int
	data  any // []float32, []float64, []int64 or []bool, len = product of shape
}

// New returns a zero-filled array. An invalid dtype or a negative dim
// panics with an *Error.
func New(dt DType, shape ...int) *Array {
	checkShape("New", shape)
	n := NumElements(shape)
	a := &Array{dtype: dt, shape: append([]int{}, shape...)}
	switch dt {
	case Float32:
		a.data = make([]float32, n)
	case Float64:
		a.data = make([]float64, n)
	case Int64:
		a.data = make([]int64, n)
	case Bool:
		a.data = make([]bool, n)
	default:
		panic(&Error{Op: "New", Msg: fmt.Sprintf("invalid dtype %d", dt)})
	}
	return a
}

// NumElements is the product of the dims (1 for a scalar).
func NumElements(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// checkShape panics if a dim is negative.
func checkShape(op string, shape []int) {
	for _, d := range shape {
		if d < 0 {
			panic(&Error{Op: op, Msg: fmt.Sprintf("negative dimension %d in shape %s", d, ShapeString(shape))})
		}
	}
}

// checkLen panics unless n values fill shape exactly.
func checkLen(op string, n int, shape []int) {
	checkShape(op, shape)
	if NumElements(shape) != n {
		panic(&Error{Op: op, Msg: fmt.Sprintf("%d values do not fill shape %s (%d elements)", n, ShapeString(shape), NumElements(shape))})
	}
}

// FromFloat32s wraps data (not copied) as an array of the given shape.
// Data that does not fill the shape exactly panics with an *Error.
func FromFloat32s(data []float32, shape ...int) *Array {
	return wrap("FromFloat32s", Float32, data, shape)
}

// FromFloat64s wraps data (not copied) as an array of the given shape.
func FromFloat64s(data []float64, shape ...int) *Array {
	return wrap("FromFloat64s", Float64, data, shape)
}

// FromInt64s wraps data (not copied) as an array of the given shape.
func FromInt64s(data []int64, shape ...int) *Array { return wrap("FromInt64s", Int64, data, shape) }

// FromBools wraps data (not copied) as an array of the given shape.
func FromBools(data []bool, shape ...int) *Array { return wrap("FromBools", Bool, data, shape) }

func wrap[T float32 | float64 | int64 | bool](op string, dt DType, data []T, shape []int) *Array {
	checkLen(op, len(data), shape)
	return &Array{dtype: dt, shape: append([]int{}, shape...), data: data}
}

// Scalar returns a rank-0 array holding v converted to dt.
func Scalar(dt DType, v float64) *Array {
	a := New(dt)
	a.SetFlat(0, v)
	return a
}

// DType returns the element type.
func (a *Array) DType() DType { return a.dtype }

// Shape returns the dims (a copy).
func (a *Array) Shape() []int { return append([]int{}, a.shape...) }

// Rank is the number of dims.
func (a *Array) Rank() int { return len(a.shape) }

// Dim returns dim i.
func (a *Array) Dim(i int) int {
	if i < 0 || i >= len(a.shape) {
		panic(&Error{Op: "Dim", Msg: fmt.Sprintf("dim %d of an array of shape %s", i, ShapeString(a.shape))})
	}
	return a.shape[i]
}

// Len is the number of elements.
func (a *Array) Len() int { return NumElements(a.shape) }

// Data returns the backing slice: []float32, []float64, []int64 or []bool.
func (a *Array) Data() any { return a.data }

// Float32s returns the backing slice of a Float32 array (not a copy).
func (a *Array) Float32s() []float32 { return backing[float32](a, "Float32s") }

// Float64s returns the backing slice of a Float64 array (not a copy).
func (a *Array) Float64s() []float64 { return backing[float64](a, "Float64s") }

// Int64s returns the backing slice of an Int64 array (not a copy).
func (a *Array) Int64s() []int64 { return backing[int64](a, "Int64s") }

// Bools returns the backing slice of a Bool array (not a copy).
func (a *Array) Bools() []bool { return backing[bool](a, "Bools") }

// backing returns a's slice, or panics with an *Error naming a's dtype.
func backing[T float32 | float64 | int64 | bool](a *Array, op string) []T {
	d, ok := a.data.([]T)
	if !ok {
		panic(&Error{Op: op, Msg: "array of dtype " + a.dtype.String()})
	}
	return d
}

// Flat returns element i of the row-major data as a float64 (bools as 0/1).
func (a *Array) Flat(i int) float64 {
	switch d := a.data.(type) {
	case []float32:
		return float64(d[i])
	case []float64:
		return d[i]
	case []int64:
		return float64(d[i])
	case []bool:
		if d[i] {
			return 1
		}
	}
	return 0
}

// SetFlat stores v, converted to the array's dtype, at row-major index i.
func (a *Array) SetFlat(i int, v float64) {
	switch d := a.data.(type) {
	case []float32:
		d[i] = float32(v)
	case []float64:
		d[i] = v
	case []int64:
		d[i] = int64(v)
	case []bool:
		d[i] = v != 0
	}
}

// At returns the element at the given index as a float64.
func (a *Array) At(idx ...int) float64 {
	if len(idx) != len(a.shape) {
		panic(&Error{Op: "At", Msg: fmt.Sprintf("%d indices for shape %s", len(idx), ShapeString(a.shape))})
	}
	off := 0
	for i, x := range idx {
		if x < 0 || x >= a.shape[i] {
			panic(&Error{Op: "At", Msg: fmt.Sprintf("index %v out of range for shape %s", idx, ShapeString(a.shape))})
		}
		off = off*a.shape[i] + x
	}
	return a.Flat(off)
}

// Float returns the value of a one-element array (a scalar, a [1], a
// [1,1]) and panics with an *Error for any other. Float64 returns the
// error instead.
func (a *Array) Float() float64 {
	v, err := a.Float64()
	if err != nil {
		panic(err)
	}
	return v
}

// Float64 returns the single element of a one-element array (a scalar,
// a [1], a [1,1]) as a float64, or an *Error saying the array's shape.
func (a *Array) Float64() (float64, error) {
	if a.Len() != 1 {
		return 0, &Error{Op: "Float64", Msg: fmt.Sprintf("array of shape %s holds %d values, not one", ShapeString(a.shape), a.Len())}
	}
	return a.Flat(0), nil
}

// Float32 returns the single element of a one-element array as a
// float32, or an *Error saying the array's shape.
func (a *Array) Float32() (float32, error) {
	if a.Len() != 1 {
		return 0, &Error{Op: "Float32", Msg: fmt.Sprintf("array of shape %s holds %d values, not one", ShapeString(a.shape), a.Len())}
	}
	return float32(a.Flat(0)), nil
}

// Int64 returns the single element of a one-element array as an int64
// (a float truncated toward zero, as numpy's int() does), or an *Error
// saying the array's shape.
func (a *Array) Int64() (int64, error) {
	if a.Len() != 1 {
		return 0, &Error{Op: "Int64", Msg: fmt.Sprintf("array of shape %s holds %d values, not one", ShapeString(a.shape), a.Len())}
	}
	if d, ok := a.data.([]int64); ok {
		return d[0], nil // exact beyond 2^53
	}
	return int64(a.Flat(0)), nil
}

// Clone returns a deep copy.
func (a *Array) Clone() *Array {
	b := New(a.dtype, a.shape...)
	b.CopyFrom(a)
	return b
}

// CopyFrom copies b's elements into a; both must have the same dtype and
// number of elements (shapes may differ), or it panics with an *Error.
func (a *Array) CopyFrom(b *Array) {
	if a.dtype != b.dtype || a.Len() != b.Len() {
		panic(&Error{Op: "CopyFrom", Msg: fmt.Sprintf("cannot copy %s %s into %s %s", b.dtype, ShapeString(b.shape), a.dtype, ShapeString(a.shape))})
	}
	switch d := a.data.(type) {
	case []float32:
		copy(d, b.data.([]float32))
	case []float64:
		copy(d, b.data.([]float64))
	case []int64:
		copy(d, b.data.([]int64))
	case []bool:
		copy(d, b.data.([]bool))
	}
}

// Reshaped returns a view of a with another shape of the same size.
func (a *Array) Reshaped(shape ...int) *Array {
	checkLen("Reshaped", a.Len(), shape)
	return &Array{dtype: a.dtype, shape: append([]int{}, shape...), data: a.data}
}

// Prefix returns a view of a's first elements as an array of the given
// shape (at most a.Len() elements): how scratch memory is reused for
// smaller arrays.
func (a *Array) Prefix(shape ...int) *Array {
	checkShape("Prefix", shape)
	n := NumElements(shape)
	if n > a.Len() {
		panic(&Error{Op: "Prefix", Msg: fmt.Sprintf("shape %s needs %d elements, array has %d", ShapeString(shape), n, a.Len())})
	}
	b := &Array{dtype: a.dtype, shape: append([]int{}, shape...)}
	switch d := a.data.(type) {
	case []float32:
		b.data = d[:n]
	case []float64:
		b.data = d[:n]
	case []int64:
		b.data = d[:n]
	case []bool:
		b.data = d[:n]
	}
	return b
}

// Row returns a view of row i of the leading dim (shape a.Shape()[1:]).
func (a *Array) Row(i int) *Array {
	if a.Rank() == 0 || i < 0 || i >= a.shape[0] {
		panic(&Error{Op: "Row", Msg: fmt.Sprintf("row %d out of range for shape %s", i, ShapeString(a.shape))})
	}
	return a.Rows(i, i+1).Reshaped(a.shape[1:]...)
}

// Rows returns a view of rows [i, j) of the leading dim.
func (a *Array) Rows(i, j int) *Array {
	if a.Rank() == 0 || i < 0 || j > a.shape[0] || i > j {
		panic(&Error{Op: "Rows", Msg: fmt.Sprintf("[%d:%d] out of range for shape %s", i, j, ShapeString(a.shape))})
	}
	inner := NumElements(a.shape[1:])
	shape := append([]int{j - i}, a.shape[1:]...)
	b := &Array{dtype: a.dtype, shape: shape}
	switch d := a.data.(type) {
	case []float32:
		b.data = d[i*inner : j*inner]
	case []float64:
		b.data = d[i*inner : j*inner]
	case []int64:
		b.data = d[i*inner : j*inner]
	case []bool:
		b.data = d[i*inner : j*inner]
	}
	return b
}

// ShapeString formats dims the way TF prints a shape: "(3, 5)", "(3,)",
// "()", a negative (unknown) dim as "?". graph.Shape prints through it.
func ShapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		if d < 0 {
			parts[i] = "?"
		} else {
			parts[i] = strconv.Itoa(d)
		}
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// Concat joins arrays of the same dtype along their first dim
// (numpy.concatenate). No arrays, a rank-0 array, or arrays whose dtype
// or other dims differ from the first's panic with an *Error.
func Concat(arrs ...*Array) *Array {
	if len(arrs) == 0 {
		panic(&Error{Op: "Concat", Msg: "need at least one array to concatenate"})
	}
	rows := 0
	for i, a := range arrs {
		if a.Rank() == 0 {
			panic(&Error{Op: "Concat", Msg: fmt.Sprintf("zero-dimensional array %d cannot be concatenated", i)})
		}
		if a.dtype != arrs[0].dtype || ShapeString(a.shape[1:]) != ShapeString(arrs[0].shape[1:]) {
			panic(&Error{Op: "Concat", Msg: fmt.Sprintf("array %d is %s %s, array 0 is %s %s: all but the first dim must match",
				i, a.dtype, ShapeString(a.shape), arrs[0].dtype, ShapeString(arrs[0].shape))})
		}
		rows += a.shape[0]
	}
	out := New(arrs[0].dtype, append([]int{rows}, arrs[0].shape[1:]...)...)
	at := 0
	for _, a := range arrs {
		out.Rows(at, at+a.shape[0]).CopyFrom(a)
		at += a.shape[0]
	}
	return out
}

// Error is the value nd panics with when it is misused: data that does
// not fill the shape it is given, a negative dim, an index out of range,
// a dtype accessor on an array of another dtype. The accessors of a
// fetched value's single element (Float32, Float64, Int64) return it as
// an error instead, since the shape of a fetched value is not the
// caller's to choose.
type Error struct {
	Op  string // the function or method: "FromFloat32s", "Rows"
	Msg string
}

func (e *Error) Error() string { return "nd." + e.Op + ": " + e.Msg }
