package nd

import (
	"fmt"
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

// New returns a zero-filled array.
func New(dt DType, shape ...int) *Array {
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
		panic(fmt.Sprintf("nd.New: invalid dtype %d", dt))
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

func checkLen(n int, shape []int) {
	if NumElements(shape) != n {
		panic(fmt.Sprintf("nd: %d values do not fill shape %s", n, ShapeString(shape)))
	}
}

// FromFloat32s wraps data (not copied) as an array of the given shape.
func FromFloat32s(data []float32, shape ...int) *Array {
	checkLen(len(data), shape)
	return &Array{dtype: Float32, shape: append([]int{}, shape...), data: data}
}

// FromFloat64s wraps data (not copied) as an array of the given shape.
func FromFloat64s(data []float64, shape ...int) *Array {
	checkLen(len(data), shape)
	return &Array{dtype: Float64, shape: append([]int{}, shape...), data: data}
}

// FromInt64s wraps data (not copied) as an array of the given shape.
func FromInt64s(data []int64, shape ...int) *Array {
	checkLen(len(data), shape)
	return &Array{dtype: Int64, shape: append([]int{}, shape...), data: data}
}

// FromBools wraps data (not copied) as an array of the given shape.
func FromBools(data []bool, shape ...int) *Array {
	checkLen(len(data), shape)
	return &Array{dtype: Bool, shape: append([]int{}, shape...), data: data}
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
func (a *Array) Dim(i int) int { return a.shape[i] }

// Len is the number of elements.
func (a *Array) Len() int { return NumElements(a.shape) }

// Data returns the backing slice: []float32, []float64, []int64 or []bool.
func (a *Array) Data() any { return a.data }

// Float32s returns the backing slice of a Float32 array (not a copy).
func (a *Array) Float32s() []float32 { return a.data.([]float32) }

// Float64s returns the backing slice of a Float64 array (not a copy).
func (a *Array) Float64s() []float64 { return a.data.([]float64) }

// Int64s returns the backing slice of an Int64 array (not a copy).
func (a *Array) Int64s() []int64 { return a.data.([]int64) }

// Bools returns the backing slice of a Bool array (not a copy).
func (a *Array) Bools() []bool { return a.data.([]bool) }

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
		panic(fmt.Sprintf("nd.At: %d indices for shape %s", len(idx), ShapeString(a.shape)))
	}
	off := 0
	for i, x := range idx {
		if x < 0 || x >= a.shape[i] {
			panic(fmt.Sprintf("nd.At: index %v out of range for shape %s", idx, ShapeString(a.shape)))
		}
		off = off*a.shape[i] + x
	}
	return a.Flat(off)
}

// Float returns the value of a one-element array (a scalar, a [1], a [1,1]).
func (a *Array) Float() float64 {
	if a.Len() != 1 {
		panic(fmt.Sprintf("nd.Float: array of shape %s is not a single value", ShapeString(a.shape)))
	}
	return a.Flat(0)
}

// Clone returns a deep copy.
func (a *Array) Clone() *Array {
	b := New(a.dtype, a.shape...)
	b.CopyFrom(a)
	return b
}

// CopyFrom copies b's elements into a; both must have the same dtype and size.
func (a *Array) CopyFrom(b *Array) {
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
	checkLen(a.Len(), shape)
	return &Array{dtype: a.dtype, shape: append([]int{}, shape...), data: a.data}
}

// Prefix returns a view of a's first elements as an array of the given
// shape (at most a.Len() elements): how scratch memory is reused for
// smaller arrays.
func (a *Array) Prefix(shape ...int) *Array {
	n := NumElements(shape)
	if n > a.Len() {
		panic(fmt.Sprintf("nd.Prefix: shape %s needs %d elements, array has %d", ShapeString(shape), n, a.Len()))
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
func (a *Array) Row(i int) *Array { return a.Rows(i, i+1).Reshaped(a.shape[1:]...) }

// Rows returns a view of rows [i, j) of the leading dim.
func (a *Array) Rows(i, j int) *Array {
	if a.Rank() == 0 || i < 0 || j > a.shape[0] || i > j {
		panic(fmt.Sprintf("nd.Rows: [%d:%d] out of range for shape %s", i, j, ShapeString(a.shape)))
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

// ShapeString formats dims the way TF prints a concrete shape: "(3, 5)".
func ShapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// String prints the array like numpy does for small arrays.
func (a *Array) String() string {
	var b strings.Builder
	var rec func(dim, off int)
	rec = func(dim, off int) {
		if dim == len(a.shape) {
			switch a.dtype {
			case Bool:
				fmt.Fprint(&b, a.Flat(off) != 0)
			case Int64:
				fmt.Fprint(&b, int64(a.Flat(off)))
			default:
				fmt.Fprintf(&b, "%g", a.Flat(off))
			}
			return
		}
		b.WriteByte('[')
		stride := NumElements(a.shape[dim+1:])
		for i := 0; i < a.shape[dim]; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			rec(dim+1, off+i*stride)
		}
		b.WriteByte(']')
	}
	rec(0, 0)
	return b.String()
}

// Concat joins arrays of the same dtype along their first dim.
func Concat(arrs ...*Array) *Array {
	rows := 0
	for _, a := range arrs {
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
