package figure

import (
	"github.com/pkg/errors"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one set of (x, y) data drawn as a line through the points in
// order, or as a scatter of markers (like matplotlib's plot and scatter).
type Series struct {
	// Name is the series' legend entry; a figure with no named series has
	// no legend.
	Name string
	// X and Y hold the points; they must have the same length.
	X, Y []float64
	// Points draws markers instead of a line.
	Points bool
	// Marker is the markers' shape; it is used only with Points.
	Marker Marker
	// Size is the markers' width in points; 0 means matplotlib's default
	// (s=20, about 4.5 points). The lecture's 3-class scatter uses s=200,
	// about 14 points.
	Size float64
}

// Lines draws series on one pair of axes and writes the figure, 640x480
// pixels (matplotlib's default figure), as a PNG at path. Each series is
// a line or a scatter; lines take colours from matplotlib's colour cycle
// in order, and scatters from the same cycle counted separately, as
// matplotlib does. Named series are listed in a legend at the upper left.
// The axes span the data and 5% more on each side, matplotlib's default
// margins.
func Lines(path, title, xlabel, ylabel string, s ...Series) error {
	p := newPlot(title, xlabel, ylabel)
	if err := addSeries(p, 0, s); err != nil {
		return err
	}
	widen(&p.X)
	widen(&p.Y)
	return writePlot(path, p, 6.4*vg.Inch, 4.8*vg.Inch)
}

// Scatter draws each group as a scatter of markers and writes the figure,
// 500x500 pixels, as a PNG at path. Groups are told apart by their Marker
// and by colour (matplotlib's colour cycle, in order); named groups are
// listed in a legend at the upper left. Points is implied. The axes span
// the data with margins, as in Lines.
func Scatter(path, title string, groups ...Series) error {
	g := make([]Series, len(groups))
	for i, s := range groups {
		s.Points = true
		g[i] = s
	}
	p := newPlot(title, "", "")
	if err := addSeries(p, 0, g); err != nil {
		return err
	}
	widen(&p.X)
	widen(&p.Y)
	return writePlot(path, p, 5*vg.Inch, 5*vg.Inch)
}

// widen adds matplotlib's 5% margin on each side of the range of a.
func widen(a *plot.Axis) {
	if d := 0.05 * (a.Max - a.Min); d > 0 {
		a.Min -= d
		a.Max += d
	}
}

// addSeries adds ss to p. Scatter colours start at colour scatters of the
// cycle, for figures that have drawn points of their own.
func addSeries(p *plot.Plot, scatters int, ss []Series) error {
	lines := 0
	for i, s := range ss {
		if len(s.X) != len(s.Y) {
			return errors.Errorf("figure: series %d (%q) has %d x values and %d y values", i, s.Name, len(s.X), len(s.Y))
		}
		if s.Marker < Circle || s.Marker > HBar {
			return errors.Errorf("figure: series %d (%q) has unknown Marker %d", i, s.Name, s.Marker)
		}
		if s.Size < 0 {
			return errors.Errorf("figure: series %d (%q) has negative marker size %g", i, s.Name, s.Size)
		}
		xy := make(plotter.XYs, len(s.X))
		for j := range xy {
			xy[j].X, xy[j].Y = s.X[j], s.Y[j]
		}
		var pl series
		if s.Points {
			sc, err := plotter.NewScatter(xy)
			if err != nil {
				return errors.Wrapf(err, "figure: series %d (%q)", i, s.Name)
			}
			sc.GlyphStyle = s.Marker.glyph(cycle(scatters), s.Size)
			scatters++
			pl = sc
		} else {
			l, err := plotter.NewLine(xy)
			if err != nil {
				return errors.Wrapf(err, "figure: series %d (%q)", i, s.Name)
			}
			l.LineStyle = draw.LineStyle{Color: cycle(lines), Width: vg.Points(1.5)}
			lines++
			pl = l
		}
		// Without its glyph boxes, a series cannot make the plot shrink its
		// data area away from the axes to fit markers at the edge.
		p.Add(unpadded{pl})
		if s.Name != "" {
			p.Legend.Add(s.Name, pl)
		}
	}
	return nil
}

// series is a line or scatter plotter, seen without its GlyphBoxes.
type series interface {
	plot.Plotter
	plot.Thumbnailer
	plot.DataRanger
}

type unpadded struct{ series }

// margin is left blank around a figure of one plot.
const margin = 0.2 * vg.Inch

// writePlot draws p in a w×h figure with a margin and saves it at path.
func writePlot(path string, p *plot.Plot, w, h vg.Length) error {
	return write(path, w, h, func(c draw.Canvas) {
		render(p, draw.Crop(c, margin, -margin, margin, -margin))
	})
}

// write draws a w×h figure with fn and saves it at path.
func write(path string, w, h vg.Length, fn func(draw.Canvas)) error {
	c := newCanvas(w, h)
	fn(draw.New(c))
	return save(path, c)
}
