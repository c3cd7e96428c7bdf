package nd_test

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/tf1go/tf1go/nd"
)

// bytesReader hands out fuzz bytes; past the end it yields zeros.
type bytesReader struct{ b []byte }

func (r *bytesReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *bytesReader) uint64() uint64 {
	var buf [8]byte
	for i := range buf {
		buf[i] = r.byte()
	}
	return binary.LittleEndian.Uint64(buf[:])
}

// value builds a Go value from the bytes: numbers of every kind
// (NaN and infinities included), strings, nils, maps, structs,
// pointers, *nd.Arrays, and slices and arrays nested and possibly
// ragged, the things a caller might hand to nd.From.
func (r *bytesReader) value(depth int) any {
	op := r.byte() % 24
	if depth > 5 && op >= 11 {
		op %= 11
	}
	switch op {
	case 0:
		return math.Float64frombits(r.uint64())
	case 1:
		return math.Float32frombits(uint32(r.uint64()))
	case 2:
		return int(int64(r.uint64()))
	case 3:
		return int8(r.byte())
	case 4:
		return r.uint64()
	case 5:
		return r.byte()%2 == 0
	case 6:
		return string([]byte{'a' + r.byte()%26})
	case 7:
		return nil
	case 8:
		return map[string]int{"a": int(r.byte())}
	case 9:
		return struct{ A int }{int(r.byte())}
	case 10:
		if r.byte()%2 == 0 {
			return (*float64)(nil)
		}
		f := float64(r.byte())
		return &f
	case 11:
		out := make([]any, r.byte()%5)
		for i := range out {
			out[i] = r.value(depth + 1)
		}
		return out
	case 12:
		out := make([]float64, r.byte()%6)
		for i := range out {
			out[i] = float64(int8(r.byte()))
		}
		return out
	case 13: // rows of lengths from the bytes: often ragged
		out := make([][]float32, r.byte()%4)
		for i := range out {
			out[i] = make([]float32, r.byte()%3)
		}
		return out
	case 14:
		out := make([][2]float64, r.byte()%4)
		for i := range out {
			out[i] = [2]float64{float64(r.byte()), -1}
		}
		return out
	case 15:
		return r.array()
	case 16:
		return []*nd.Array{r.array(), r.array()}
	case 17:
		return complex(float64(r.byte()), 1)
	case 18:
		return []int{}
	case 19: // deep nesting of one-element lists
		var v any = float64(r.byte())
		for range r.byte() % 64 {
			v = []any{v}
		}
		return v
	case 20:
		s := []int64{int64(r.byte()), int64(r.byte())}
		return &s
	case 21:
		return make(chan int)
	case 22:
		return [][]any{{r.value(depth + 1), r.value(depth + 1)}, {r.value(depth + 1)}}
	default:
		return []any{r.value(depth + 1), r.value(depth + 1)}
	}
}

// array is a nil *nd.Array, the unusable zero Array, or a small array of
// any dtype and rank.
func (r *bytesReader) array() *nd.Array {
	switch r.byte() % 4 {
	case 0:
		return (*nd.Array)(nil)
	case 1:
		return &nd.Array{} // the unusable zero value
	}
	shape := make([]int, r.byte()%4)
	for i := range shape {
		shape[i] = int(r.byte() % 4)
	}
	a := nd.New(nd.DType(1+r.byte()%4), shape...)
	for i := range a.Len() {
		a.SetFlat(i, float64(int8(r.byte())))
	}
	return a
}

// FuzzFrom feeds nd.From whatever Go value the bytes describe, into every
// dtype (Invalid and out-of-range ones too): it must return an array of
// that dtype or a *ConvertError, never panic.
func FuzzFrom(f *testing.F) {
	for _, seed := range [][]byte{
		{1, 0},                  // a float64 into float32
		{2, 11, 3, 12, 2, 1, 2}, // [] of three values
		{1, 13, 3, 2, 1, 2},     // ragged rows
		{3, 14, 3, 1, 2, 3},     // [][2]float64
		{0, 15, 3, 3, 2, 2, 2},  // an *nd.Array into Invalid
		{1, 15, 1},              // the zero nd.Array
		{5, 15, 2, 2, 1, 1},     // an *nd.Array into an out-of-range dtype
		{2, 19, 7, 63},          // 63 levels of nesting
		{1, 22, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{4, 6, 9},        // a string into bool
		{1, 20, 4, 5},    // pointer to a slice
		{2, 16, 2, 1, 3}, // []*nd.Array
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		dt := nd.DType(r.byte() % 6)
		v := r.value(0)
		a, err := nd.From(v, dt)
		if err != nil {
			var ce *nd.ConvertError
			if !errors.As(err, &ce) {
				t.Fatalf("From(%#v, %d): error %T is not a *nd.ConvertError: %v", v, dt, err, err)
			}
			return
		}
		if a == nil || a.DType() != dt || a.Len() != nd.NumElements(a.Shape()) {
			t.Fatalf("From(%#v, %d) = %v without an error", v, dt, a)
		}
		_ = a.String()
	})
}

// Values no fuzz input builds, since they would exhaust memory: nesting
// deeper than numpy allows (a slice holding itself) and nesting that
// shares one sub-slice so often that the element count overflows.
func TestFromRefusesImpossibleShapes(t *testing.T) {
	self := []any{nil}
	self[0] = self
	var shared any = 1.0
	for range 32 {
		shared = []any{shared, shared, shared, shared}
	}
	for _, c := range []struct {
		v    any
		want string
	}{
		{self, "maximum supported dimension for an ndarray is 32, found 33"},
		{shared, "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."},
	} {
		_, err := nd.From(c.v, nd.Float32)
		var ce *nd.ConvertError
		if !errors.As(err, &ce) || err.Error() != c.want {
			t.Errorf("From: %v, want %q", err, c.want)
		}
	}
}
