// Package nd holds tf1go's values: dense, row-major n-dimensional arrays
// with an element type (DType). They play the part numpy arrays play in
// TF1: a Session returns an *Array for every fetched tensor, feeds and
// constants may be given as an *Array, and From turns ordinary Go numbers
// and (nested) slices into one the way numpy.asarray would.
//
// An Array shares its backing slice: FromFloat32s wraps without copying,
// Rows and Reshaped return views. Use Clone for a copy.
package nd
