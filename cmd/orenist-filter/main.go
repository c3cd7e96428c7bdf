// Command orenist-filter is the lecture's "ORENIST filter example"
// notebook (OFE): two fixed 5x5 edge filters, one for vertical and one
// for horizontal edges, applied to ORENIST images by conv2d (SAME), then
// abs, a cutoff relu(h-0.2) and a 2x2 max pool. Nothing is trained.
//
// The notebook prints nothing; this program prints one line with the
// shapes of what it computed. It draws the notebook's three figures: the
// first 40 images titled with their labels (orenist-filter-samples.png),
// and for the first 9 images the filters beside the filtered images
// (orenist-filter-conv.png) and beside the pooled ones
// (orenist-filter-pool.png).
//
//	go run ./cmd/orenist-filter [-out out/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/filters"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/orenist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

func main() { lecture.Main("orenist-filter", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("orenist-filter", args, lecture.ORENIST)
	if err != nil {
		return err
	}

	// [OFE-02]
	images, labels, err := orenist.Load(flags.Data)
	if err != nil {
		return err
	}

	// [OFE-03]
	rows := digits.Rows(images.Rows(0, 40))
	samples := make([]figure.Image, len(rows))
	for i, label := range digits.Argmax(labels.Rows(0, 40)) {
		samples[i] = figure.Image{W: 28, H: 28, Pix: rows[i], Title: fmt.Sprint(label), VMin: 0, VMax: 1}
	}
	if err := figure.Images(filepath.Join(flags.Out, "orenist-filter-samples.png"), 4, 10, samples); err != nil {
		return err
	}

	// [OFE-04] .. [OFE-05]: the edge filters, the convolution and the
	// pooling, built by models.NewOrenistFilter
	g := graph.New()
	m := models.NewOrenistFilter(g, filters.Edge())
	x, wConv, hConvCutoff, hPool := m.X, m.WConv, m.HConvCutoff, m.HPool

	// [OFE-06]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [OFE-07]
	first9 := session.Feed{x: images.Rows(0, 9)}
	v, err := sess.RunTensors(first9, wConv, hConvCutoff)
	if err != nil {
		return err
	}
	filterVals, convVals := v[0], v[1]

	// [OFE-08]
	if err := filters.Figure(filepath.Join(flags.Out, "orenist-filter-conv.png"), filterVals, images.Rows(0, 9), labels.Rows(0, 9), convVals); err != nil {
		return err
	}

	// [OFE-09]
	poolVal, err := sess.RunTensors(first9, hPool)
	if err != nil {
		return err
	}
	poolVals := poolVal[0]

	// [OFE-10]
	if err := filters.Figure(filepath.Join(flags.Out, "orenist-filter-pool.png"), filterVals, images.Rows(0, 9), labels.Rows(0, 9), poolVals); err != nil {
		return err
	}

	fmt.Fprintf(stdout, "filters %s, conv %s, pool %s\n",
		nd.ShapeString(filterVals.Shape()), nd.ShapeString(convVals.Shape()), nd.ShapeString(poolVals.Shape()))
	return nil
}
