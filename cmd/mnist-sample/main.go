// Command mnist-sample is the lecture's "MNIST dataset sample" notebook
// (MDS): it reads MNIST as read_data_sets did, prints the first training
// image and its one-hot label, and draws the first ten training digits
// titled with their labels (7 3 4 6 1 / 8 1 0 9 8).
//
//	go run ./cmd/mnist-sample [-out out/] [-data DIR]
package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/nd"
)

func main() { lecture.Main("mnist-sample", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("mnist-sample", args, lecture.MNIST, lecture.NoSession)
	if err != nil {
		return err
	}

	// [MDS-01]
	mnistData, err := mnist.ReadDataSets(flags.Data)
	if err != nil {
		return err
	}

	// [MDS-02]
	images, labels := mnistData.Train.NextBatch(10)

	// [MDS-03]
	fmt.Fprintln(stdout, numpyRepr(images.Row(0)))

	// [MDS-04]
	fmt.Fprintln(stdout, numpyRepr(labels.Row(0)))

	// [MDS-05]
	return digits.Samples(filepath.Join(flags.Out, "mnist-sample.png"), images, labels)
}

// numpyRepr prints a float32 vector as Python 2's print of a numpy array
// did (numpy's legacy format): "[ 0.          0.38039219 ...]", values
// aligned on the point, trailing zeros dropped, lines of at most 75 characters.
func numpyRepr(a *nd.Array) string {
	strs := make([]string, a.Len())
	width := 0
	allInt := true
	for i := range strs {
		v := a.Flat(i)
		if v != float64(int64(v)) {
			allInt = false
		}
	}
	for i := range strs {
		v := a.Flat(i)
		if allInt {
			strs[i] = fmt.Sprintf("%.0f.", v)
		} else {
			strs[i] = strings.TrimRight(fmt.Sprintf("%.8f", v), "0")
		}
		width = max(width, len(strs[i]))
	}
	for i, s := range strs {
		strs[i] = s + strings.Repeat(" ", width-len(s)) // numpy aligns the points and pads with spaces
	}
	perLine := max(1, 75/(width+1))
	var b strings.Builder
	b.WriteString("[")
	for i, s := range strs {
		if i > 0 {
			if i%perLine == 0 {
				b.WriteString("\n ")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(strings.Repeat(" ", width-len(s)+1) + s)
	}
	b.WriteString("]")
	return b.String()
}
