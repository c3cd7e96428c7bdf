// Command mnist-dynamic-filter-result is the lecture's "MNIST dynamic
// filter result" notebook (MDR): in a process of its own it rebuilds the
// MDC model, restores the checkpoint mnist-dynamic-filter saved, prints
// the restored model's test accuracy, and draws the learned filters, the
// conv and pool maps of nine test images, and the first ten misclassified
// test digits with their probability bars.
//
//	go run ./cmd/mnist-dynamic-filter-result [-ckpt ckpt/] [-checkpoint PATH] [-out out/] [-data DIR]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mnist-dynamic-filter-result:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mnist-dynamic-filter-result", flag.ContinueOnError)
	ckpt := fs.String("ckpt", "ckpt", "directory of mnist-dynamic-filter's checkpoints")
	path := fs.String("checkpoint", "", "checkpoint to restore (default: mdc_session-4000 in -ckpt, else the newest there)")
	out := fs.String("out", "out", "directory for figures")
	data := fs.String("data", "", "directory with the four MNIST files (default: the GoMNIST module)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" {
		*path = filepath.Join(*ckpt, "mdc_session-4000")
		if _, err := os.Stat(*path); err != nil {
			latest, lerr := train.LatestCheckpoint(*ckpt)
			if lerr != nil || latest == "" {
				return fmt.Errorf("no checkpoint in %s: run mnist-dynamic-filter first (%v)", *ckpt, err)
			}
			*path = latest
		}
	}

	// [MDR-01]
	mnistData, err := mnist.ReadDataSets(*data)
	if err != nil {
		return err
	}

	// [MDR-02] .. [MDR-04]: the same graph as MDC
	g := graph.New()
	m := models.NewMDC(g)

	// [MDR-05]
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	if err := train.NewSaver().Restore(sess, *path); err != nil {
		return err
	}
	v, err := session.Scalars(sess.RunTensors(session.Feed{m.X: mnistData.Test.Images(), m.T: mnistData.Test.Labels()}, m.Loss, m.Accuracy))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s: Loss: %f, Accuracy: %f\n", filepath.Base(*path), v[0], v[1])

	// [MDR-06] .. [MDR-08]: filters, conv and pool maps of nine test images
	images := mnistData.Test.Images().Rows(0, 9)
	res, err := sess.Run([]any{m.WConv, m.HConv, m.HPool}, session.Feed{m.X: images})
	if err != nil {
		return err
	}
	arrs := session.Arrays(res)
	if err := maps(filepath.Join(*out, "mnist-dynamic-filter-result-conv.png"), images, arrs[0], arrs[1]); err != nil {
		return err
	}
	if err := maps(filepath.Join(*out, "mnist-dynamic-filter-result-pool.png"), images, arrs[0], arrs[2]); err != nil {
		return err
	}

	// [MDR-09]: the first ten misclassified test digits, one Run per image
	var charts []figure.BarChart
	test := mnistData.Test.Images()
	labels := digits.Argmax(mnistData.Test.Labels())
	for i := 0; i < test.Dim(0) && len(charts) < 10; i++ {
		image := test.Row(i)
		pVal, err := sess.Run(m.P, session.Feed{m.X: [][]float32{image.Float32s()}})
		if err != nil {
			return err
		}
		pred := pVal.(*nd.Array)
		prediction := digits.Argmax(pred)[0]
		if prediction == labels[i] {
			continue
		}
		probs := make([]float64, 10)
		for k := range probs {
			probs[k] = pred.Flat(k)
		}
		charts = append(charts, figure.BarChart{
			Image:  figure.Image{W: 28, H: 28, Pix: image.Float32s(), Title: fmt.Sprintf("%d / %d", prediction, labels[i]), VMin: 0, VMax: 1},
			Values: probs,
		})
	}
	return figure.Bars(filepath.Join(*out, "mnist-dynamic-filter-result-wrong.png"), 2, charts)
}

// maps draws the filters along the top row, then each image followed by
// its maps, one per filter (NHWC maps, HWIO filters).
func maps(path string, images, filters, hmaps *nd.Array) error {
	n, h, w, c := hmaps.Dim(0), hmaps.Dim(1), hmaps.Dim(2), hmaps.Dim(3)
	cols := c + 1
	cells := make([]figure.Image, (n+1)*cols)
	fh, fw := filters.Dim(0), filters.Dim(1)
	for f := 0; f < c; f++ {
		pix := make([]float32, fh*fw)
		for k := range pix {
			pix[k] = float32(filters.Flat(k*c + f))
		}
		cells[1+f] = figure.Image{W: fw, H: fh, Pix: pix, Cmap: figure.GrayR}
	}
	for i := 0; i < n; i++ {
		row := (i + 1) * cols
		cells[row] = figure.Image{W: 28, H: 28, Pix: images.Row(i).Float32s(), VMin: 0, VMax: 1}
		for f := 0; f < c; f++ {
			pix := make([]float32, h*w)
			for k := range pix {
				pix[k] = float32(hmaps.Flat((i*h*w+k)*c + f))
			}
			cells[row+1+f] = figure.Image{W: w, H: h, Pix: pix}
		}
	}
	return figure.Images(path, n+1, cols, cells)
}
