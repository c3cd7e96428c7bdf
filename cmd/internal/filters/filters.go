// Package filters holds what the lecture's ORENIST programs share besides
// their graphs: the fixed edge filters of edge_filter() (OFE-04, reused by
// OCE), and the figure that shows filters beside the feature maps they
// make (OFE-08 and OFE-10, ODE-09 and ODE-10).
package filters

import (
	"fmt"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/nd"
)

// Edge returns the values of the notebooks' edge_filter(), shaped
// [5, 5, 1, 2] as conv2d takes a filter: channel 0 answers vertical edges
// (left minus right), channel 1 horizontal ones (top minus bottom), both
// divided by 23 in float64 as numpy does. models.NewOrenistFilter makes it a
// float32 constant, as tf.constant(filter_array, dtype=tf.float32) does.
func Edge() [5][5][1][2]float64 {
	filter0 := [5][5]float64{
		{2, 1, 0, -1, -2},
		{3, 2, 0, -2, -3},
		{4, 3, 0, -3, -4},
		{3, 2, 0, -2, -3},
		{2, 1, 0, -1, -2},
	}
	filter1 := [5][5]float64{
		{2, 3, 4, 3, 2},
		{1, 2, 3, 2, 1},
		{0, 0, 0, 0, 0},
		{-1, -2, -3, -2, -1},
		{-2, -3, -4, -3, -2},
	}
	var filterArray [5][5][1][2]float64
	for i := range 5 {
		for j := range 5 {
			filterArray[i][j][0][0] = filter0[i][j] / 23.0
			filterArray[i][j][0][1] = filter1[i][j] / 23.0
		}
	}
	return filterArray
}

// Figure draws feature maps beside the filters that made them, laid out
// as the notebooks' 3x10 subplots: the images in the first row from the
// second column on, titled with their labels; then per filter a row with
// the filter in the first column and each image's map under the image.
//
// filterVals is the fetched filter [kh, kw, 1, channels], images and
// labels the rows [n, 784] and one-hot labels [n, classes] that were fed,
// and maps the fetched feature maps [n, h, w, channels]. Images are drawn
// on [0, 1], filters on their own range, and all maps on [0, max(maps)]
// (v_max = np.max(conv_vals)).
func Figure(path string, filterVals, images, labels, maps *nd.Array) error {
	if filterVals.Rank() != 4 || maps.Rank() != 4 || images.Rank() != 2 || labels.Rank() != 2 ||
		filterVals.Dim(2) != 1 || filterVals.Dim(3) != maps.Dim(3) ||
		images.Dim(0) != maps.Dim(0) || labels.Dim(0) != maps.Dim(0) || images.Dim(1) != 28*28 {
		return errors.Errorf("filters: filters %v, images %v, labels %v and maps %v do not go together",
			filterVals.Shape(), images.Shape(), labels.Shape(), maps.Shape())
	}
	n, h, w, channels := maps.Dim(0), maps.Dim(1), maps.Dim(2), maps.Dim(3)
	kh, kw := filterVals.Dim(0), filterVals.Dim(1)
	vMax := float32(0)
	for i := range maps.Len() {
		vMax = max(vMax, float32(maps.Flat(i)))
	}

	cols := n + 1
	cells := make([]figure.Image, (channels+1)*cols)
	rows := digits.Rows(images)
	for i, label := range digits.Argmax(labels) {
		cells[i+1] = figure.Image{W: 28, H: 28, Pix: rows[i], Title: fmt.Sprint(label), VMin: 0, VMax: 1}
	}
	for c := range channels {
		row := cells[(c+1)*cols:]
		filter := make([]float32, kh*kw)
		for y := range kh {
			for x := range kw {
				filter[y*kw+x] = float32(filterVals.At(y, x, 0, c))
			}
		}
		row[0] = figure.Image{W: kw, H: kh, Pix: filter}
		for i := range n {
			m := make([]float32, h*w)
			for y := range h {
				for x := range w {
					m[y*w+x] = float32(maps.At(i, y, x, c))
				}
			}
			row[i+1] = figure.Image{W: w, H: h, Pix: m, VMin: 0, VMax: vMax}
		}
	}
	return figure.Images(path, channels+1, cols, cells)
}
