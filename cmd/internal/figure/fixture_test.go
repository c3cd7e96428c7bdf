package figure_test

import (
	"encoding/csv"
	"image/color"
	"math"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/tf1go/tf1go/cmd/internal/figure"
)

// This file makes the figures' inputs: the logistic regression's data and
// trained weights, and 28x28 images drawn with a font, so the tests need
// neither MNIST nor a trained model.

// mle reads testdata/mle_train.csv, the logistic regression's 35 points.
func mle(t testing.TB) (xs [][2]float64, ts []float64) {
	f, err := os.Open("testdata/mle_train.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		var v [3]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(r[i], 64); err != nil {
				t.Fatal(err)
			}
		}
		xs = append(xs, [2]float64{v[0], v[1]})
		ts = append(ts, v[2])
	}
	return xs, ts
}

// MLE's trained weights, from the notebook's last cell.
const w0, w1, w2 = -15.6304, 0.5603, 0.492596

// mleField is the trained model's sigmoid output on the notebook's 100x100
// grid over [0, 30]².
func mleField() figure.Field {
	f := figure.Field{X0: 0, X1: 30, Y0: 0, Y1: 30, Values: make([][]float64, 100)}
	for i := range f.Values {
		x2 := 30 * float64(i) / 99
		f.Values[i] = make([]float64, 100)
		for j := range f.Values[i] {
			x1 := 30 * float64(j) / 99
			f.Values[i][j] = 1 / (1 + math.Exp(-(w0 + w1*x1 + w2*x2)))
		}
	}
	return f
}

// mleBoundary is the line w0 + w1 x1 + w2 x2 = 0 the notebook draws.
func mleBoundary() figure.Series {
	s := figure.Series{}
	for i := range 10 {
		x := 30 * float64(i) / 9
		s.X = append(s.X, x)
		s.Y = append(s.Y, -(w1*x/w2 + w0/w2))
	}
	return s
}

// glyph draws s in a 28x28 image, ink 1 on background 0, as MNIST stores
// digits.
func glyph(s string, title string) figure.Image {
	c := vgimg.NewWith(vgimg.UseWH(28, 28), vgimg.UseDPI(72))
	dc := draw.New(c)
	sty := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(font.Font{Typeface: "Liberation", Variant: "Sans", Weight: 700}, 22),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
	dc.FillText(sty, vg.Point{X: 14, Y: 14}, s)
	img := c.Image()
	im := figure.Image{W: 28, H: 28, Pix: make([]float32, 28*28), Title: title, VMin: 0, VMax: 1}
	for y := range 28 {
		for x := range 28 {
			r, _, _, _ := img.At(x, y).RGBA()
			im.Pix[y*28+x] = 1 - float32(r)/0xffff
		}
	}
	return im
}

// orenist returns a 28x28 image like ORENIST's: a vertical bar (class 0),
// a horizontal bar (class 1) or both (class 2), titled with the class.
func orenist(class int) figure.Image {
	im := figure.Image{W: 28, H: 28, Pix: make([]float32, 28*28), Title: strconv.Itoa(class), VMin: 0, VMax: 1}
	for y := range 28 {
		for x := range 28 {
			v := class != 1 && x >= 12 && x < 16 && y >= 4 && y < 24
			h := class != 0 && y >= 12 && y < 16 && x >= 4 && x < 24
			if v || h {
				im.Pix[y*28+x] = 1
			}
		}
	}
	return im
}

// edge returns a 5x5 edge filter like the lecture's fixed filters: the
// vertical one is 2 in the second column and -1 in the others, over 23.
func edge(vertical bool, title string) figure.Image {
	im := figure.Image{W: 5, H: 5, Pix: make([]float32, 25), Title: title}
	for y := range 5 {
		for x := range 5 {
			k := x
			if !vertical {
				k = y
			}
			v := float32(-1)
			if k == 1 {
				v = 2
			}
			im.Pix[y*5+x] = v / 23
		}
	}
	return im
}

// conv is im convolved with the 5x5 filter f (SAME padding) and then
// |·| - 0.2 cut at 0, as the lecture's fixed-filter pipeline does.
func conv(im, f figure.Image) figure.Image {
	out := figure.Image{W: im.W, H: im.H, Pix: make([]float32, len(im.Pix))}
	for y := range im.H {
		for x := range im.W {
			var s float32
			for dy := range 5 {
				for dx := range 5 {
					yy, xx := y+dy-2, x+dx-2
					if yy >= 0 && yy < im.H && xx >= 0 && xx < im.W {
						s += im.Pix[yy*im.W+xx] * f.Pix[dy*5+dx]
					}
				}
			}
			out.Pix[y*im.W+x] = max(float32(math.Abs(float64(s)))-0.2, 0)
		}
	}
	return out
}

// softmax returns a made-up but deterministic probability row peaking at
// class k.
func softmax(k, seed int) []float64 {
	p := make([]float64, 10)
	var sum float64
	for i := range p {
		z := float64((i*7+seed*3)%5) / 2
		if i == k {
			z += 4
		}
		p[i] = math.Exp(z)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}
