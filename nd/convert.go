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
	if dt == Invalid {
		return nil, &ConvertError{Value: v, Msg: "invalid dtype"}
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

// shapeOf walks the first element at each depth, then fill checks every
// element against it.
func shapeOf(rv reflect.Value) ([]int, error) {
	shape := []int{}
	for {
		switch rv.Kind() {
		case reflect.Interface, reflect.Pointer:
			if rv.IsNil() {
				return nil, &ConvertError{Msg: "cannot convert None (nil) to a tensor"}
			}
			rv = rv.Elem()
			continue
		case reflect.Slice, reflect.Array:
			shape = append(shape, rv.Len())
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
	depth := 0
	var walk func(rv reflect.Value, depth int) error
	walk = func(rv reflect.Value, depth int) error {
		for rv.Kind() == reflect.Interface || rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return &ConvertError{Msg: "cannot convert None (nil) to a tensor"}
			}
			rv = rv.Elem()
		}
		if depth == len(a.shape) {
			if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
				return &ConvertError{Value: rv.Interface(), Msg: "setting an array element with a sequence. The requested array has an inhomogeneous shape after " + fmt.Sprint(depth) + " dimensions. The detected shape was " + ShapeString(a.shape) + " + inhomogeneous part."}
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
			return &ConvertError{Value: rv.Interface(), Msg: "setting an array element with a sequence. The requested array has an inhomogeneous shape after " + fmt.Sprint(depth) + " dimensions. The detected shape was " + ShapeString(a.shape[:depth]) + " + inhomogeneous part."}
		}
		for k := 0; k < rv.Len(); k++ {
			if err := walk(rv.Index(k), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(rv, depth)
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
