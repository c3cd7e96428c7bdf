// Package nd holds tf1go's values: dense, row-major n-dimensional arrays
// with an element type (DType). They play the part numpy arrays play in
// TF1: a Session returns an *Array for every fetched tensor, feeds and
// constants may be given as an *Array, and From turns ordinary Go numbers
// and (nested) slices into one the way numpy.asarray would. An Array
// prints as numpy's str prints the same array (see Array.String), so a
// port's output can be compared with its notebook's.
//
// An Array shares its backing slice: FromFloat32s wraps without copying,
// Rows, Row, Reshaped and Prefix return views. Use Clone for a copy.
//
// # Errors
//
// nd follows gonum's rule. Misuse, a mistake in the calling program
// that no input at run time can cause or cure, panics with an *Error
// naming the function and the shapes: data that does not fill the shape
// given (FromFloat32s with 3 values for shape (2, 2)), a negative dim or
// an invalid dtype, an index or row out of range, Float32s on an array
// of another dtype, CopyFrom or Concat of arrays that do not fit. What
// depends on data from outside returns an error instead: From (a Go value
// of any kind) returns a *ConvertError, and Float32, Float64 and Int64,
// which read the single element of a fetched value, return an *Error
// when the value is not one element. Flat and SetFlat index the data as
// a slice does, and panic as a slice does.
package nd
