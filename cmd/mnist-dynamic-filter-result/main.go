// Command mnist-dynamic-filter-result is the lecture's "MNIST dynamic
// filter result" notebook (MDR): in a process of its own it rebuilds the
// MDC model, restores the checkpoint mnist-dynamic-filter saved, prints
// the restored model's test accuracy, and draws the learned filters, the
// conv and pool maps of nine test images, and the first ten misclassified
// test digits with their probability bars.
//
// It restores mdc_session-<steps> (the notebook's 4000) from -ckpt, or
// the newest checkpoint there when that one is missing, or -checkpoint
// PATH; the line it prints names the checkpoint it restored.
//
//	go run ./cmd/mnist-dynamic-filter-result [-steps 4000] [-ckpt ckpt/] [-checkpoint PATH] [-out out/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("mnist-dynamic-filter-result", run) }

func run(args []string, stdout io.Writer) error {
	var path string
	flags, err := lecture.Parse("mnist-dynamic-filter-result", args,
		lecture.CheckpointStep(4000, "mnist-dynamic-filter"), lecture.MNIST, lecture.Checkpoints("mdc_session"),
		lecture.String(&path, "checkpoint", "", "checkpoint to restore (default: mdc_session-<steps> in -ckpt, else the newest there)"))
	if err != nil {
		return err
	}
	if path == "" {
		path = filepath.Join(flags.Ckpt, fmt.Sprintf("mdc_session-%d", flags.Steps))
		if _, err := os.Stat(path); err != nil {
			latest, lerr := train.LatestCheckpoint(flags.Ckpt)
			if lerr != nil || latest == "" {
				return errors.Errorf("no checkpoint in %s: run mnist-dynamic-filter first (%v)", flags.Ckpt, err)
			}
			path = latest
		}
	}

	// [MDR-01]
	mnistData, err := mnist.ReadDataSets(flags.Data)
	if err != nil {
		return err
	}

	// [MDR-02] .. [MDR-04]: the same graph as MDC
	g := graph.New()
	m := models.NewMDC(g)

	// [MDR-05]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	if err := train.NewSaver().Restore(sess, path); err != nil {
		return err
	}
	v, err := session.Scalars(sess.RunTensors(session.Feed{m.X: mnistData.Test.Images(), m.T: mnistData.Test.Labels()}, m.Loss, m.Accuracy))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s: Loss: %f, Accuracy: %f\n", filepath.Base(path), v[0], v[1])

	// [MDR-06] .. [MDR-08]: filters, conv and pool maps of nine test images
	images := mnistData.Test.Images().Rows(0, 9)
	arrs, err := sess.RunTensors(session.Feed{m.X: images}, m.WConv, m.HConv, m.HPool)
	if err != nil {
		return err
	}
	if err := maps(filepath.Join(flags.Out, "mnist-dynamic-filter-result-conv.png"), images, arrs[0], arrs[1]); err != nil {
		return err
	}
	if err := maps(filepath.Join(flags.Out, "mnist-dynamic-filter-result-pool.png"), images, arrs[0], arrs[2]); err != nil {
		return err
	}

	// [MDR-09]: the first ten misclassified test digits, one Run per image
	var charts []figure.BarChart
	test := mnistData.Test.Images()
	labels := digits.Argmax(mnistData.Test.Labels())
	for i := 0; i < test.Dim(0) && len(charts) < 10; i++ {
		image := test.Row(i)
		pVal, err := sess.RunTensors(session.Feed{m.X: [][]float32{image.Float32s()}}, m.P)
		if err != nil {
			return err
		}
		pred := pVal[0]
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
	return figure.Bars(filepath.Join(flags.Out, "mnist-dynamic-filter-result-wrong.png"), 2, charts)
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
