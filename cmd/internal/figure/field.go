package figure

import (
	"image"
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Field is a grid of values in [0, 1], such as a model's sigmoid output,
// sampled over the rectangle [X0, X1]×[Y0, Y1]. Values[i][j] is the value
// in row i and column j: rows go up in y from Y0, columns go right in x
// from X0 (matplotlib's imshow with origin='lower' and that extent). All
// rows have the same length.
type Field struct {
	X0, X1, Y0, Y1 float64
	Values         [][]float64
}

// DecisionField draws f in grey, 0 white and 1 dark grey (gray_r at alpha
// 0.5 over white), with the points xs on top: those with ts[i] = 1 as 'x'
// markers, those with ts[i] = 0 as 'o' markers, in matplotlib's first two
// colours. Any lines, such as a linear model's boundary, are drawn last.
// The axes span the field exactly, with equal scales on x and y as imshow
// sets them; points and lines outside are clipped. The figure is about
// 600x600 pixels, written as a PNG at path.
//
// The field's grey scale is fixed to [0, 1], so 0.5 is always the same
// grey; the notebooks' imshow scaled to the field's own minimum and
// maximum, which looks the same once a model has trained.
func DecisionField(path, title string, f Field, xs [][2]float64, ts []float64, lines ...Series) error {
	img, err := f.image()
	if err != nil {
		return err
	}
	if len(xs) != len(ts) {
		return errors.Errorf("figure: %d points and %d labels", len(xs), len(ts))
	}
	groups := []Series{{Points: true, Marker: Cross}, {Points: true, Marker: Circle}}
	for i, x := range xs {
		var g *Series
		switch ts[i] {
		case 1:
			g = &groups[0]
		case 0:
			g = &groups[1]
		default:
			return errors.Errorf("figure: label %d is %g, want 0 or 1", i, ts[i])
		}
		g.X = append(g.X, x[0])
		g.Y = append(g.Y, x[1])
	}

	p := newPlot(title, "", "")
	p.Add(plotter.NewImage(img, f.X0, f.Y0, f.X1, f.Y1))
	if err := addSeries(p, 0, append(groups, lines...)); err != nil {
		return err
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = f.X0, f.X1, f.Y0, f.Y1

	// Size the figure so one unit is as long on x as on y: start from a
	// 6in square and shrink the side whose data range is shorter.
	w, h := 6*vg.Inch, 6*vg.Inch
	dc := p.DataCanvas(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w - 2*margin, Y: h - 2*margin}}})
	dw, dh := dc.Size().X, dc.Size().Y
	if r := (f.X1 - f.X0) / (f.Y1 - f.Y0); dw/dh > vg.Length(r) {
		w -= dw - dh*vg.Length(r)
	} else {
		h -= dh - dw/vg.Length(r)
	}
	return writePlot(path, p, w, h)
}

// image returns f as an opaque grey image, top row first: gray_r blended
// half and half with the white background.
func (f Field) image() (*image.Gray, error) {
	if !(f.X0 < f.X1) || !(f.Y0 < f.Y1) {
		return nil, errors.Errorf("figure: field spans x [%g, %g], y [%g, %g]; want X0 < X1 and Y0 < Y1", f.X0, f.X1, f.Y0, f.Y1)
	}
	rows := len(f.Values)
	if rows == 0 || len(f.Values[0]) == 0 {
		return nil, errors.Errorf("figure: field has no values")
	}
	cols := len(f.Values[0])
	img := image.NewGray(image.Rect(0, 0, cols, rows))
	for i, row := range f.Values {
		if len(row) != cols {
			return nil, errors.Errorf("figure: field row %d has %d values, row 0 has %d", i, len(row), cols)
		}
		for j, v := range row {
			g := GrayR.grey(v, 0, 1)
			img.Pix[(rows-1-i)*img.Stride+j] = uint8(math.Round(127.5 + 0.5*float64(g)))
		}
	}
	return img, nil
}
