// Package lecture holds what the lecture programs share, so that each
// program's run reads as its notebook, cell by cell: the main and flag
// boilerplate (Main, Parse and the flags every program takes: -out,
// -faithful, and -steps, -data, -ckpt where they apply), and the few
// numpy idioms of the toy programs: np.linspace for axes and grids, and
// reshaping a fetched array into the rows of a figure's field.
//
// A program's main and the head of its run are
//
//	func main() { lecture.Main("mnist-softmax", run) }
//
//	func run(args []string, stdout io.Writer) error {
//		flags, err := lecture.Parse("mnist-softmax", args, lecture.Steps(2000), lecture.MNIST)
//		if err != nil {
//			return err
//		}
//		...
//		sess := flags.Session(g) // -faithful: the graph as written
//
// With -faithful a program's session compiles the graph without the
// rewrites that change values (the stable log(softmax) and log(sigmoid)),
// as TF1 ran the lecture, so a saturated cross-entropy gives TF1's nan.
package lecture

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
)

// Linspace returns num evenly spaced values from start to stop, both
// included, as numpy.linspace(start, stop, num) computes them: start +
// i*step, with the last value exactly stop.
func Linspace(start, stop float64, num int) []float64 {
	out := make([]float64, num)
	if num == 1 {
		out[0] = start
		return out
	}
	step := (stop - start) / float64(num-1)
	for i := range out {
		out[i] = start + float64(i)*step
	}
	out[num-1] = stop
	return out
}

// Locations returns the points (x1, x2) of a num×num grid over
// [lo, hi]², x1 varying fastest, as the notebooks build the list they
// feed to the model for a decision field:
//
//	for x2 in np.linspace(lo, hi, num):
//	    for x1 in np.linspace(lo, hi, num):
//	        locations.append((x1, x2))
func Locations(lo, hi float64, num int) [][2]float64 {
	axis := Linspace(lo, hi, num)
	locations := make([][2]float64, 0, num*num)
	for _, x2 := range axis {
		for _, x1 := range axis {
			locations = append(locations, [2]float64{x1, x2})
		}
	}
	return locations
}

// Reshape returns the values of a as rows of cols values each, as
// a.reshape((-1, cols)) would, in float64 for a figure.
func Reshape(a *nd.Array, cols int) ([][]float64, error) {
	if cols <= 0 || a.Len()%cols != 0 {
		return nil, errors.Errorf("lecture: cannot reshape %d values into rows of %d", a.Len(), cols)
	}
	rows := make([][]float64, a.Len()/cols)
	for i := range rows {
		rows[i] = make([]float64, cols)
		for j := range rows[i] {
			rows[i][j] = a.Flat(i*cols + j)
		}
	}
	return rows, nil
}
