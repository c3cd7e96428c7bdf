package figure

import (
	"math"
	"strconv"

	"github.com/pkg/errors"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarChart is a chart of bars, such as a classifier's 10 probabilities,
// with the image they describe drawn on its left if Image is not zero.
type BarChart struct {
	Image Image
	// Values holds one bar per value, at x = 0, 1, ...; the y axis spans
	// [0, 1] and taller bars are cut off at its top.
	Values []float64
}

const (
	barWidth  = 2.4 * vg.Inch
	barHeight = 1.6 * vg.Inch
)

// Bars draws charts perRow to a row, filled row by row, and writes the
// figure as a PNG at path. Each chart is 240x160 pixels, drawn like
// matplotlib's bar(range(n), values, align='center') with xlim(-0.5,
// n-0.5), ylim(0, 1) and a tick under every bar. When any chart has an
// image, every chart gets a 120-pixel column on its left for one, so the
// charts line up.
func Bars(path string, perRow int, charts []BarChart) error {
	if perRow <= 0 {
		return errors.Errorf("figure: %d bar charts per row", perRow)
	}
	imgs := make([]Image, len(charts))
	for i, ch := range charts {
		if len(ch.Values) == 0 {
			return errors.Errorf("figure: bar chart %d has no values", i)
		}
		for j, v := range ch.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return errors.Errorf("figure: bar chart %d: value %d is %g", i, j, v)
			}
		}
		imgs[i] = ch.Image
	}
	band, err := checkImages(imgs)
	if err != nil {
		return err
	}
	var imgWidth vg.Length
	for _, im := range imgs {
		if !im.zero() {
			imgWidth = cell
		}
	}
	rows := (len(charts) + perRow - 1) / perRow
	slot := imgWidth + barWidth
	w, h := vg.Length(perRow)*slot, vg.Length(max(rows, 1))*barHeight
	return write(path, w, h, func(c draw.Canvas) {
		for i, ch := range charts {
			r, k := i/perRow, i%perRow
			x, y := vg.Length(k)*slot, h-vg.Length(r+1)*barHeight
			drawImage(crop(c, x, y, imgWidth, barHeight), ch.Image, band)
			tile := crop(c, x+imgWidth, y, barWidth, barHeight)
			render(barPlot(ch.Values), draw.Crop(tile, gap, -gap, gap, -gap))
		}
	})
}

// barPlot returns the plot of one bar chart.
func barPlot(v []float64) *plot.Plot {
	p := newPlot("", "", "")
	p.Add(bars(v))
	p.X.Min, p.X.Max = -0.5, float64(len(v))-0.5
	p.Y.Min, p.Y.Max = 0, 1
	var xt, yt []plot.Tick
	for i := range v {
		xt = append(xt, plot.Tick{Value: float64(i), Label: strconv.Itoa(i)})
	}
	for i := 0; i <= 5; i++ {
		y := float64(i) / 5
		yt = append(yt, plot.Tick{Value: y, Label: strconv.FormatFloat(y, 'f', 1, 64)})
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.ConstantTicks(xt), plot.ConstantTicks(yt)
	return p
}

// bars draws value i as a bar 0.8 wide centred on x = i, in matplotlib's
// first colour.
type bars []float64

func (b bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, v := range b {
		x0, x1 := trX(float64(i)-0.4), trX(float64(i)+0.4)
		y0, y1 := trY(0), trY(min(max(v, 0), 1))
		c.FillPolygon(cycle(0), []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	}
}
