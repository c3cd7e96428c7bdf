// Package digits draws the MNIST lecture programs' figures from session
// values: it turns arrays of images, probabilities and one-hot labels into
// the plain slices package figure takes.
package digits

import (
	"fmt"

	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/nd"
)

// Rows returns the rows of a [n, 784] image array as 28x28 pixel slices.
func Rows(images *nd.Array) [][]float32 {
	out := make([][]float32, images.Dim(0))
	for i := range out {
		out[i] = images.Row(i).Float32s()
	}
	return out
}

// Argmax returns the index of the largest value of each row.
func Argmax(a *nd.Array) []int {
	out := make([]int, a.Dim(0))
	for i := range out {
		row := a.Row(i)
		for j := 1; j < row.Len(); j++ {
			if row.Flat(j) > row.Flat(out[i]) {
				out[i] = j
			}
		}
	}
	return out
}

// Predictions draws 3 right and 3 wrong test digits per predicted digit
// (MSE-08, MSL-07): p holds the predicted probabilities, labels the
// one-hot truth.
func Predictions(path string, images, p, labels *nd.Array) error {
	return figure.Predictions(path, Rows(images), Argmax(p), Argmax(labels))
}

// Samples draws the given digits titled with their labels, five to a row
// (MDS).
func Samples(path string, images, labels *nd.Array) error {
	imgs := Rows(images)
	cells := make([]figure.Image, len(imgs))
	for i, l := range Argmax(labels) {
		cells[i] = figure.Image{W: 28, H: 28, Pix: imgs[i], Title: fmt.Sprint(l), VMin: 0, VMax: 1}
	}
	return figure.Images(path, (len(cells)+4)/5, 5, cells)
}
