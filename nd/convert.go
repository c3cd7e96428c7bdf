package nd

import (
	"fmt"
	"math"
	"reflect"
)

// ConvertError says why a Go value could not become an Array. Its message
// follows numpy's and TF's wording where they have one.
type ConvertError struct {
	Value any    // the value given (or the offending element)
	Msg   string // what went wrong
}

func (e *ConvertError) Error() string { return e.Msg }

// From converts v to an Array of dtype dt. v may be an *Array (converted
// if its dtype differs; shared if not), a Go number or bool, or a slice or
// array of those nested to any depth with a regular shape, as numpy.asarray
// would take it. Ints become floats and floats become ints as numpy's
// astype does; strings, maps, structs, nils and ragged nesting are errors.
func From(v any, dt DType) (*Array, error) {
	if dt.Size() == 0 {
		return nil, &ConvertError{Value: v, Msg: "invalid dtype"}
	}
	if a, ok := v.(*Array); ok {
		if a == nil {
			return nil, &ConvertError{Value: v, Msg: "cannot convert a nil *nd.Array"}
		}
		if a.dtype == dt {
			return a, nil
		}
		b := New(dt, a.shape...)
		for i, n := 0, a.Len(); i < n; i++ {
			b.SetFlat(i, a.Flat(i))
		}
		return b, nil
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, &ConvertError{Value: v, Msg: "cannot convert None (nil) to a tensor"}
	}
	shape, err := shapeOf(rv)
	if err != nil {
		return nil, err
	}
	a := New(dt, shape...)
	i := 0
	if err := fill(a, rv, &i); err != nil {
		return nil, err
	}
	return a, nil
}

// maxDims is numpy's limit on the rank (NPY_MAXDIMS in the numpy TF1 ran
// with); it also stops the walk down a slice that contains itself.
const maxDims = 32

var arrayType = reflect.TypeFor[*Array]()

// shapeOf walks the first element at each depth, then fill checks every
// element against it. An *Array met on the way contributes its own dims,
// as numpy.asarray([a, b]) stacks arrays.
func shapeOf(rv reflect.Value) ([]int, error) {
	shape := []int{}
	n := 1 // elements so far, kept below what an allocation can hold
	grow := func(d int) error {
		if len(shape) == maxDims {
			return &ConvertError{Msg: fmt.Sprintf("maximum supported dimension for an ndarray is %d, found %d", maxDims, maxDims+1)}
		}
		if d > 0 && n > math.MaxInt/8/d { // nesting that shares sub-slices
			return &ConvertError{Msg: "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."}
		}
		shape = append(shape, d)
		n *= d
		return nil
	}
	for {
		switch rv.Kind() {
		case reflect.Interface, reflect.Pointer:
			if rv.IsNil() {
				return nil, &ConvertError{Msg: "cannot convert None (nil) to a tensor"}
			}
			if rv.Type() == arrayType {
				for _, d := range rv.Interface().(*Array).shape {
					if err := grow(d); err != nil {
						return nil, err
					}
				}
				return shape, nil
			}
			rv = rv.Elem()
			continue
		case reflect.Slice, reflect.Array:
			if err := grow(rv.Len()); err != nil {
				return nil, err
			}
			if rv.Len() == 0 {
				return shape, nil
			}
			rv = rv.Index(0)
			continue
		}
		if _, err := number(rv); err != nil {
			return nil, err
		}
		return shape, nil
	}
}

func fill(a *Array, rv reflect.Value, i *int) error {
	inhomogeneous := func(v reflect.Value, depth int) error {
		return &ConvertError{Value: v.Interface(), Msg: "setting an array element with a sequence. The requested array has an inhomogeneous shape after " +
			fmt.Sprint(depth) + " dimensions. The detected shape was " + ShapeString(a.shape[:depth]) + " + inhomogeneous part."}
	}
	var walk func(rv reflect.Value, depth int) error
	walk = func(rv reflect.Value, depth int) error {
		for rv.Kind() == reflect.Interface || rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return &ConvertError{Msg: "cannot convert None (nil) to a tensor"}
			}
			if rv.Type() == arrayType {
				b := rv.Interface().(*Array)
				if ShapeString(b.shape) != ShapeString(a.shape[depth:]) {
					return inhomogeneous(rv, depth)
				}
				for k, n := 0, b.Len(); k < n; k++ {
					a.SetFlat(*i, b.Flat(k))
					*i++
				}
				return nil
			}
			rv = rv.Elem()
		}
		if depth == len(a.shape) {
			if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
				return inhomogeneous(rv, depth)
			}
			x, err := number(rv)
			if err != nil {
				return err
			}
			a.SetFlat(*i, x)
			*i++
			return nil
		}
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array || rv.Len() != a.shape[depth] {
			return inhomogeneous(rv, depth)
		}
		for k := 0; k < rv.Len(); k++ {
			if err := walk(rv.Index(k), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(rv, 0)
}

func number(rv reflect.Value) (float64, error) {
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return rv.Float(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(rv.Uint()), nil
	case reflect.Bool:
		if rv.Bool() {
			return 1, nil
		}
		return 0, nil
	case reflect.String:
		return math.NaN(), &ConvertError{Value: rv.String(), Msg: fmt.Sprintf("could not convert string to float: '%s'", rv.String())}
	}
	return math.NaN(), &ConvertError{Value: rv.Interface(), Msg: fmt.Sprintf("Failed to convert object of type %s to Tensor", rv.Type())}
}
