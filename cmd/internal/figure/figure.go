package figure

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"git.sr.ht/~sbinet/gg"
	"github.com/pkg/errors"
	xdraw "golang.org/x/image/draw"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// dpi is the resolution of every figure: matplotlib's savefig default, so
// a size in inches reads like the notebook's figsize.
const dpi = 100

// Matplotlib's default colour cycle (tab10). Scatter and line series take
// colours from it independently, as matplotlib's scatter and plot do.
var palette = []color.Color{
	color.RGBA{0x1f, 0x77, 0xb4, 0xff},
	color.RGBA{0xff, 0x7f, 0x0e, 0xff},
	color.RGBA{0x2c, 0xa0, 0x2c, 0xff},
	color.RGBA{0xd6, 0x27, 0x28, 0xff},
	color.RGBA{0x94, 0x67, 0xbd, 0xff},
	color.RGBA{0x8c, 0x56, 0x4b, 0xff},
	color.RGBA{0xe3, 0x77, 0xc2, 0xff},
	color.RGBA{0x7f, 0x7f, 0x7f, 0xff},
	color.RGBA{0xbc, 0xbd, 0x22, 0xff},
	color.RGBA{0x17, 0xbe, 0xcf, 0xff},
}

func cycle(i int) color.Color { return palette[i%len(palette)] }

// newCanvas returns a white w×h canvas whose raster images are scaled by
// nearest neighbour (matplotlib's interpolation="nearest"): a 28x28 digit
// shows its pixels as crisp squares instead of gg's default bilinear blur.
func newCanvas(w, h vg.Length) *vgimg.Canvas {
	img := image.NewRGBA(image.Rect(0, 0, int(w.Dots(dpi)+0.5), int(h.Dots(dpi)+0.5)))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	ctx.SetInterpolator(xdraw.NearestNeighbor)
	return vgimg.NewWith(vgimg.UseDPI(dpi), vgimg.UseImageWithContext(img, ctx))
}

// save writes c as a PNG at path without ever leaving a partial file
// there: it writes a temporary file in the same directory and renames it.
func save(path string, c *vgimg.Canvas) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errors.Wrap(err, "figure")
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return errors.Wrap(err, "figure")
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = errors.Wrapf(err, "figure: writing %s", path)
		}
	}()
	w := bufio.NewWriter(f)
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// sans is the face of all text: Liberation Sans stands in for matplotlib's
// DejaVu Sans. Setting it per style leaves plot.DefaultFont alone.
func sans(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}

func textStyle(size vg.Length, x draw.XAlignment, y draw.YAlignment) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    sans(size),
		XAlign:  x,
		YAlign:  y,
		Handler: plot.DefaultTextHandler,
	}
}

var (
	spine = draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}
	// titleSize and labelSize are matplotlib's axes.titlesize and
	// axes.labelsize; ticks use labelSize too.
	titleSize = vg.Points(12)
	labelSize = vg.Points(10)
)

// newPlot returns a plot dressed like a matplotlib axes: sans-serif text,
// short outward ticks, axes flush with the data area. Draw it with render,
// which adds the box of four spines.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(titleSize, draw.XCenter, draw.YTop)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Padding = 0
		a.LineStyle = spine
		a.Label.TextStyle = textStyle(labelSize, draw.XCenter, draw.YBottom)
		a.Tick.Label.Font = sans(labelSize)
		a.Tick.LineStyle = spine
		a.Tick.Length = vg.Points(3.5)
		a.Tick.Marker = ticks{}
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = sans(labelSize)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), -vg.Points(8)
	p.Legend.Padding = vg.Points(3)
	return p
}

// ticks places major ticks as matplotlib's default locator does: at
// multiples of the smallest step of 1, 2, 2.5 or 5 times a power of ten
// that cuts the axis into at most 9 intervals, all labelled with as many
// decimals as the step needs.
type ticks struct{}

func (ticks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return nil
	}
	raw := (hi - lo) / 9
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			break
		}
	}
	decimals := 0
	for decimals < 15 && math.Abs(step*math.Pow10(decimals)-math.Round(step*math.Pow10(decimals))) > 1e-6 {
		decimals++
	}
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if v == 0 {
			v = 0 // not -0, which would print as "-0"
		}
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ts
}

// render draws p on c and closes the data area with a box, as matplotlib's
// four spines do.
func render(p *plot.Plot, c draw.Canvas) {
	p.Draw(c)
	frame(c, p.DataCanvas(c).Rectangle)
}

// frame strokes the edge of r like an axes' spines.
func frame(c draw.Canvas, r vg.Rectangle) {
	c.StrokeLines(spine, []vg.Point{
		r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min,
	})
}

// Marker is the shape of a scatter point, named after matplotlib's marker
// codes. The zero value is Circle, matplotlib's default.
type Marker int

const (
	Circle Marker = iota // 'o'
	Cross                // 'x'
	Plus                 // '+'
	VBar                 // '|'
	HBar                 // '_'
)

// defaultSize is the width in points of matplotlib's default scatter
// marker (s=20 square points).
const defaultSize = 4.5

func (m Marker) glyph(c color.Color, size float64) draw.GlyphStyle {
	if size == 0 {
		size = defaultSize
	}
	sty := draw.GlyphStyle{Color: c, Radius: vg.Points(size / 2)}
	switch m {
	case Circle:
		sty.Shape = draw.CircleGlyph{}
	case Cross:
		sty.Shape = strokes{{-1, -1, 1, 1}, {-1, 1, 1, -1}}
	case Plus:
		sty.Shape = strokes{{-1, 0, 1, 0}, {0, -1, 0, 1}}
	case VBar:
		sty.Shape = strokes{{0, -1, 0, 1}}
	case HBar:
		sty.Shape = strokes{{-1, 0, 1, 0}}
	default:
		panic(fmt.Sprintf("figure: unknown Marker %d", int(m)))
	}
	return sty
}

// strokes is a glyph made of line segments {x0, y0, x1, y1} in units of
// the glyph's radius, stroked 1pt wide like matplotlib's line markers
// (gonum's own cross is thinner and spans less than its radius).
type strokes [][4]float64

func (s strokes) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	ls := draw.LineStyle{Color: sty.Color, Width: vg.Points(1)}
	r := sty.Radius
	for _, l := range s {
		c.StrokeLine2(ls, pt.X+vg.Length(l[0])*r, pt.Y+vg.Length(l[1])*r, pt.X+vg.Length(l[2])*r, pt.Y+vg.Length(l[3])*r)
	}
}

// Cmap is a grey colormap. The zero value is GrayR, the colormap of every
// image in the lecture.
type Cmap int

const (
	GrayR Cmap = iota // matplotlib's gray_r: low values white, high black
	Gray              // matplotlib's gray: low values black, high white
)

// grey maps v on the scale [lo, hi] to a grey level through a 256-entry
// table, as matplotlib's colormaps do: values beyond the scale clip, and a
// scale of zero width maps everything to its low end, and so does NaN.
func (m Cmap) grey(v, lo, hi float64) uint8 {
	x := 0.0
	if hi > lo {
		x = (v - lo) / (hi - lo)
	}
	k := 0
	switch {
	case x >= 1:
		k = 255
	case x > 0:
		k = int(x * 256)
	}
	switch m {
	case GrayR:
		return uint8(255 - k)
	case Gray:
		return uint8(k)
	}
	panic(fmt.Sprintf("figure: unknown Cmap %d", int(m)))
}
