package figure_test

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
)

func TestBadInput(t *testing.T) {
	field := figure.Field{X0: 0, X1: 1, Y0: 0, Y1: 1, Values: [][]float64{{0, 1}, {1, 0}}}
	digit := figure.Image{W: 2, H: 2, Pix: []float32{0, 1, 1, 0}}
	probs := []float64{0.1, 0.9}
	for _, tc := range []struct {
		name string
		draw func(path string) error
		want string
	}{
		{"field labels", func(p string) error {
			return figure.DecisionField(p, "", field, [][2]float64{{0, 0}}, nil)
		}, "1 points and 0 labels"},
		{"field label value", func(p string) error {
			return figure.DecisionField(p, "", field, [][2]float64{{0, 0}}, []float64{0.5})
		}, "label 0 is 0.5, want 0 or 1"},
		{"field empty", func(p string) error {
			return figure.DecisionField(p, "", figure.Field{X1: 1, Y1: 1}, nil, nil)
		}, "field has no values"},
		{"field ragged", func(p string) error {
			f := field
			f.Values = [][]float64{{0, 1}, {1}}
			return figure.DecisionField(p, "", f, nil, nil)
		}, "row 1 has 1 values, row 0 has 2"},
		{"field range", func(p string) error {
			f := field
			f.X0 = 1
			return figure.DecisionField(p, "", f, nil, nil)
		}, "want X0 < X1 and Y0 < Y1"},
		{"field line", func(p string) error {
			return figure.DecisionField(p, "", field, nil, nil, figure.Series{X: []float64{0}})
		}, `series 2 ("") has 1 x values and 0 y values`},
		{"lines lengths", func(p string) error {
			return figure.Lines(p, "", "", "", figure.Series{Name: "a", X: []float64{0, 1}, Y: []float64{0}})
		}, `series 0 ("a") has 2 x values and 1 y values`},
		{"lines NaN", func(p string) error {
			return figure.Lines(p, "", "", "", figure.Series{X: []float64{0}, Y: []float64{math.NaN()}})
		}, "series 0"},
		{"scatter marker", func(p string) error {
			return figure.Scatter(p, "", figure.Series{Marker: 99})
		}, "unknown Marker 99"},
		{"scatter size", func(p string) error {
			return figure.Scatter(p, "", figure.Series{Size: -1})
		}, "negative marker size"},
		{"images grid", func(p string) error {
			return figure.Images(p, 0, 3, nil)
		}, "a grid of 0x3 images"},
		{"images overflow", func(p string) error {
			return figure.Images(p, 1, 1, []figure.Image{digit, digit})
		}, "2 images do not fit a 1x1 grid"},
		{"images pix", func(p string) error {
			return figure.Images(p, 1, 1, []figure.Image{{W: 2, H: 2, Pix: []float32{0}, Title: "x"}})
		}, `image "x" is 2x2 with 1 values`},
		{"images no pix", func(p string) error {
			return figure.Images(p, 1, 1, []figure.Image{{Pix: []float32{}}})
		}, "is 0x0 with 0 values"},
		{"images cmap", func(p string) error {
			im := digit
			im.Cmap = 7
			return figure.Images(p, 1, 1, []figure.Image{im})
		}, "unknown Cmap 7"},
		{"bars per row", func(p string) error {
			return figure.Bars(p, 0, []figure.BarChart{{Values: probs}})
		}, "0 bar charts per row"},
		{"bars empty", func(p string) error {
			return figure.Bars(p, 1, []figure.BarChart{{}})
		}, "bar chart 0 has no values"},
		{"bars NaN", func(p string) error {
			return figure.Bars(p, 1, []figure.BarChart{{Values: probs}, {Values: []float64{math.Inf(1)}}})
		}, "bar chart 1: value 0 is +Inf"},
		{"bars image", func(p string) error {
			return figure.Bars(p, 1, []figure.BarChart{{Image: figure.Image{W: 3, H: 1, Pix: []float32{0}}, Values: probs}})
		}, "is 3x1 with 1 values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.png")
			err := tc.draw(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "figure: ") {
				t.Fatalf("got error %v, want one containing %q", err, tc.want)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("a failed figure left %v in its directory", ents)
			}
		})
	}
}

// TestWrite checks that a figure's directory is created, that an old
// figure is replaced, and that no temporary file stays behind, whether
// the write succeeds or fails.
func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "f.png")
	one := []figure.BarChart{{Values: []float64{1}}}
	if err := figure.Bars(path, 1, one); err != nil {
		t.Fatal(err)
	}
	if err := figure.Bars(path, 1, append(one, one...)); err != nil {
		t.Fatal(err)
	}
	if w, h := lecturetest.PNGSize(t, path); w != 240 || h != 320 {
		t.Errorf("overwritten figure is %dx%d, want 240x320", w, h)
	}
	if err := os.Mkdir(filepath.Join(dir, "d.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := figure.Bars(filepath.Join(dir, "d.png"), 1, one); err == nil {
		t.Error("writing over a directory succeeded")
	}
	var names []string
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "d.png f.png" {
		t.Errorf("directory holds %s, want d.png f.png", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("figure mode: %v, %v; want -rw-r--r--", fi.Mode(), err)
	}
}

// TestImagePixels reads back the grey of each image pixel, drawn with
// nearest-neighbour scaling: gray_r and gray, a fixed and an automatic
// scale, values beyond the scale, NaN.
func TestImagePixels(t *testing.T) {
	nan := float32(math.NaN())
	for _, tc := range []struct {
		name string
		im   figure.Image
		want []uint8
	}{
		{"gray_r fixed", figure.Image{W: 4, H: 1, Pix: []float32{0, 0.5, 1, 2}, VMax: 1}, []uint8{255, 127, 0, 0}},
		{"gray fixed", figure.Image{W: 4, H: 1, Pix: []float32{-1, 0, 0.5, 1}, VMax: 1, Cmap: figure.Gray}, []uint8{0, 0, 128, 255}},
		{"gray_r auto", figure.Image{W: 3, H: 1, Pix: []float32{-2, 0, 2}}, []uint8{255, 127, 0}},
		{"gray auto NaN", figure.Image{W: 3, H: 1, Pix: []float32{-1, nan, 3}, Cmap: figure.Gray}, []uint8{0, 255, 255}},
		{"constant", figure.Image{W: 2, H: 1, Pix: []float32{0.3, 0.3}}, []uint8{255, 255}},
		{"rows", figure.Image{W: 1, H: 2, Pix: []float32{1, 0}, VMax: 1}, []uint8{0, 255}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "im.png")
			if err := figure.Images(path, 1, 1, []figure.Image{tc.im}); err != nil {
				t.Fatal(err)
			}
			img := decode(t, path)
			// The image is centred in its cell and as large as fits:
			// sample the middle of each of its pixels.
			b := img.Bounds()
			side := float64(b.Dx()) - 2*8 // the cell less its gaps
			px := side / float64(max(tc.im.W, tc.im.H))
			x0 := float64(b.Dx())/2 - px*float64(tc.im.W)/2
			y0 := float64(b.Dy())/2 - px*float64(tc.im.H)/2
			for i, want := range tc.want {
				x := int(x0 + px*(float64(i%tc.im.W)+0.5))
				y := int(y0 + px*(float64(i/tc.im.W)+0.5))
				r, g, bl, _ := img.At(x, y).RGBA()
				if r>>8 != uint32(want) || g != r || bl != r {
					t.Errorf("pixel %d at (%d, %d) is %d/%d/%d, want grey %d", i, x, y, r>>8, g>>8, bl>>8, want)
				}
			}
		})
	}
}

func decode(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
