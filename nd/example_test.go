package nd_test

import (
	"errors"
	"fmt"

	"github.com/tf1go/tf1go/nd"
)

// An Array prints as numpy's str prints it: float32 values at float32
// precision, padded to one width, one row per line.
func ExampleArray_String() {
	fmt.Println(nd.FromFloat32s([]float32{0.56029755, 0.49259415}, 2, 1))
	fmt.Println(nd.FromFloat64s([]float64{1, 2.5, -10}, 3))
	fmt.Println(nd.FromFloat64s([]float64{1e-5, 1}, 2))
	fmt.Println(nd.FromBools([]bool{true, false}, 2))
	fmt.Println(nd.Scalar(nd.Float32, 0.1))
	// Output:
	// [[0.56029755]
	//  [0.49259415]]
	// [  1.    2.5 -10. ]
	// [1.e-05 1.e+00]
	// [ True False]
	// 0.1
}

// Float32, Float64 and Int64 read the single element of a one-element
// array, whatever its rank, and say when there is not exactly one.
func ExampleArray_Float64() {
	loss := nd.FromFloat32s([]float32{0.25}, 1, 1)
	v, err := loss.Float64()
	fmt.Println(v, err)
	_, err = nd.New(nd.Float32, 2, 1).Float64()
	fmt.Println(err)
	// Output:
	// 0.25 <nil>
	// nd.Float64: array of shape (2, 1) holds 2 values, not one
}

// Misuse panics with an *nd.Error, as gonum's mat does: here data that
// does not fill the shape it is given.
func ExampleError() {
	defer func() {
		var e *nd.Error
		if err, ok := recover().(error); ok && errors.As(err, &e) {
			fmt.Println(e.Op, "|", err)
		}
	}()
	nd.FromFloat32s([]float32{1, 2, 3}, 2, 2)
	// Output:
	// FromFloat32s | nd.FromFloat32s: 3 values do not fill shape (2, 2) (4 elements)
}

// Views share their data with the array they come from; Clone copies.
func ExampleArray_Rows() {
	a := nd.FromInt64s([]int64{1, 2, 3, 4, 5, 6}, 3, 2)
	v := a.Rows(1, 3)
	c := a.Clone()
	a.Int64s()[2] = 30
	fmt.Println(v)
	fmt.Println(c.Row(1))
	fmt.Println(nd.Concat(v, a.Rows(0, 1)))
	// Output:
	// [[30  4]
	//  [ 5  6]]
	// [3 4]
	// [[30  4]
	//  [ 5  6]
	//  [ 1  2]]
}
