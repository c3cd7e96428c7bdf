package figure

import (
	"image"
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Image is a small grey image, such as an MNIST digit, a filter or a
// feature map, drawn like matplotlib's imshow with interpolation="nearest"
// and no ticks. The zero Image draws nothing and leaves its place empty.
type Image struct {
	// W and H are the width and height in pixels.
	W, H int
	// Pix holds the H rows of W values, top row first.
	Pix []float32
	// Title is drawn above the image.
	Title string
	// VMin and VMax are the values drawn at the two ends of the colormap;
	// values beyond them clip. Both zero means the smallest and largest
	// value in Pix (matplotlib's default, for filters and feature maps,
	// which may be negative). Digits use 0 and 1.
	VMin, VMax float32
	// Cmap is the colormap, gray_r by default.
	Cmap Cmap
}

func (im Image) zero() bool { return im.W == 0 && im.H == 0 && im.Pix == nil }

func (im Image) check() error {
	if im.W <= 0 || im.H <= 0 || len(im.Pix) != im.W*im.H {
		return errors.Errorf("figure: image %q is %dx%d with %d values", im.Title, im.W, im.H, len(im.Pix))
	}
	if im.Cmap != GrayR && im.Cmap != Gray {
		return errors.Errorf("figure: image %q has unknown Cmap %d", im.Title, im.Cmap)
	}
	return nil
}

// gray returns the image's pixels through its colormap. NaN pixels are
// white, like the figure background matplotlib shows through them.
func (im Image) gray() *image.Gray {
	lo, hi := float64(im.VMin), float64(im.VMax)
	if lo == 0 && hi == 0 {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range im.Pix {
			if !math.IsNaN(float64(v)) {
				lo, hi = min(lo, float64(v)), max(hi, float64(v))
			}
		}
	}
	g := image.NewGray(image.Rect(0, 0, im.W, im.H))
	for i, v := range im.Pix {
		if math.IsNaN(float64(v)) {
			g.Pix[i] = 255
			continue
		}
		g.Pix[i] = im.Cmap.grey(float64(v), lo, hi)
	}
	return g
}

const (
	// cell is the side of the square an image is fitted into, and
	// titleBand the height added above it when a figure has titles.
	cell      = 1.2 * vg.Inch
	titleBand = 0.25 * vg.Inch
	// gap separates neighbouring cells' contents.
	gap = 0.08 * vg.Inch
)

// imageTitleSize fits titles such as "7 / 2" over a small image.
var imageTitleSize = vg.Points(10)

// Images draws imgs in a grid of rows×cols cells, filled row by row, and
// writes the figure as a PNG at path. Each cell is 120 pixels square,
// plus 25 pixels for a title line when any image has a title. Zero
// Images, and the cells after the last image, stay empty, as when a
// notebook leaves a subplot unused.
func Images(path string, rows, cols int, imgs []Image) error {
	if rows <= 0 || cols <= 0 {
		return errors.Errorf("figure: a grid of %dx%d images", rows, cols)
	}
	if len(imgs) > rows*cols {
		return errors.Errorf("figure: %d images do not fit a %dx%d grid", len(imgs), rows, cols)
	}
	band, err := checkImages(imgs)
	if err != nil {
		return err
	}
	w, h := vg.Length(cols)*cell, vg.Length(rows)*(cell+band)
	return write(path, w, h, func(c draw.Canvas) {
		for i, im := range imgs {
			r, k := i/cols, i%cols
			x, y := vg.Length(k)*cell, h-vg.Length(r+1)*(cell+band)
			drawImage(crop(c, x, y, cell, cell+band), im, band)
		}
	})
}

// checkImages checks every non-zero image and returns the title band the
// images need: titleBand if any has a title, else 0.
func checkImages(imgs []Image) (band vg.Length, err error) {
	for _, im := range imgs {
		if im.zero() {
			continue
		}
		if err := im.check(); err != nil {
			return 0, err
		}
		if im.Title != "" {
			band = titleBand
		}
	}
	return band, nil
}

// crop returns the w×h part of c whose lower left corner is (x, y),
// measured from c's lower left corner.
func crop(c draw.Canvas, x, y, w, h vg.Length) draw.Canvas {
	c.Min.X, c.Min.Y = c.Min.X+x, c.Min.Y+y
	c.Max.X, c.Max.Y = c.Min.X+w, c.Min.Y+h
	return c
}

// drawImage draws im in c: its title in the top band of c, the image
// below it as large as fits with square pixels, centred, with a frame.
func drawImage(c draw.Canvas, im Image, band vg.Length) {
	if im.zero() {
		return
	}
	c = draw.Crop(c, gap, -gap, gap, -gap)
	if im.Title != "" {
		sty := textStyle(imageTitleSize, draw.XCenter, draw.YTop)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, im.Title)
	}
	c.Max.Y -= band
	// Fit W×H pixels of side px into c, centred.
	size := c.Size()
	px := min(size.X/vg.Length(im.W), size.Y/vg.Length(im.H))
	w, h := px*vg.Length(im.W), px*vg.Length(im.H)
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X + (size.X-w)/2, Y: c.Min.Y + (size.Y-h)/2}}
	r.Max = vg.Point{X: r.Min.X + w, Y: r.Min.Y + h}
	c.DrawImage(r, im.gray())
	frame(c, r)
}
