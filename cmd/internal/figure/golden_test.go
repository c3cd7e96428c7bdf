package figure_test

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"github.com/tf1go/tf1go/cmd/internal/figure"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// goldenDelta tolerates anti-aliasing that differs in the last bits
// between architectures; a missing marker or a moved label still fails.
const goldenDelta = 0.1

// lecture holds one figure of each kind the lecture draws, drawn from
// made-up or recorded inputs.
var lecture = []struct {
	name string
	draw func(t *testing.T, path string) error
}{
	{"mle_field", func(t *testing.T, path string) error {
		xs, ts := mle(t)
		return figure.DecisionField(path, "", mleField(), xs, ts, mleBoundary())
	}},
	{"xor_field", func(t *testing.T, path string) error {
		// DNE's kind of field, on a range that is not square, with a title.
		f := figure.Field{X0: -15, X1: 15, Y0: -10, Y1: 10, Values: make([][]float64, 40)}
		for i := range f.Values {
			f.Values[i] = make([]float64, 60)
			for j := range f.Values[i] {
				x1, x2 := -15+30*(float64(j)+0.5)/60, -10+20*(float64(i)+0.5)/40
				f.Values[i][j] = 1 / (1 + math.Exp(-x1*x2/8))
			}
		}
		var xs [][2]float64
		var ts []float64
		for _, x := range [][2]float64{{-7, -7}, {-7, 7}, {7, -7}, {7, 7}, {-12, -3}, {5, 9}, {14, 2}, {-2, -9.8}} {
			xs = append(xs, x)
			ts = append(ts, map[bool]float64{true: 1, false: 0}[x[0]*x[1] > 0])
		}
		return figure.DecisionField(path, "Step: 2000, Accuracy: 0.891667", f, xs, ts)
	}},
	{"caf_accuracy", func(t *testing.T, path string) error {
		train := figure.Series{Name: "Training set"}
		test := figure.Series{Name: "Test set"}
		for i := range 2500 {
			x := float64(i)
			train.X, train.Y = append(train.X, x), append(train.Y, 0.9-0.4*math.Exp(-x/300))
			test.X, test.Y = append(test.X, x), append(test.Y, 0.87-0.4*math.Exp(-x/250))
		}
		return figure.Lines(path, "Accuracy", "step", "accuracy", train, test)
	}},
	{"lse_fit", func(t *testing.T, path string) error {
		data := figure.Series{Points: true}
		for m, v := range []float64{5.2, 5.7, 8.6, 14.9, 18.2, 20.4, 25.5, 26.4, 22.8, 17.5, 11.1, 6.6} {
			data.X, data.Y = append(data.X, float64(m+1)), append(data.Y, v)
		}
		w := []float64{6.11, -4.04, 2.51, -0.282, 0.00828}
		fit := figure.Series{}
		for i := range 100 {
			x := 1 + 11*float64(i)/99
			y := 0.0
			for k := len(w) - 1; k >= 0; k-- {
				y = y*x + w[k]
			}
			fit.X, fit.Y = append(fit.X, x), append(fit.Y, y)
		}
		return figure.Lines(path, "", "", "", data, fit)
	}},
	{"oce_scatter", func(t *testing.T, path string) error {
		var g [3]figure.Series
		for k, m := range []figure.Marker{figure.VBar, figure.HBar, figure.Plus} {
			g[k] = figure.Series{Marker: m, Size: 14}
			for i := range 10 {
				d := 0.02 * float64(i)
				x := [3]float64{-0.99 + d, 0.98 - d, 0.97 - d}[k]
				y := [3]float64{0.96 - d, 0.99 - d, -0.98 + d}[k]
				g[k].X, g[k].Y = append(g[k].X, x), append(g[k].Y, y)
			}
		}
		return figure.Scatter(path, "", g[:]...)
	}},
	{"mds_digits", func(t *testing.T, path string) error {
		var imgs []figure.Image
		for _, d := range "7346181098" {
			imgs = append(imgs, glyph(string(d), string(d)))
		}
		return figure.Images(path, 2, 5, imgs)
	}},
	{"ofe_filters", func(t *testing.T, path string) error {
		// OFE's layout: the images across the top, each filter at the
		// start of a row followed by the images it filtered, all on one
		// scale; the corner stays empty.
		fs := []figure.Image{edge(true, ""), edge(false, "")}
		imgs := make([]figure.Image, 3*4)
		var top float32
		for class := range 3 {
			im := orenist(class)
			imgs[1+class] = im
			for k, f := range fs {
				imgs[4*(k+1)] = f
				c := conv(im, f)
				for _, v := range c.Pix {
					top = max(top, v)
				}
				imgs[4*(k+1)+1+class] = c
			}
		}
		for i := range imgs {
			if i > 4 && i%4 != 0 {
				imgs[i].VMax = top
			}
		}
		return figure.Images(path, 3, 4, imgs)
	}},
	{"feature_maps", func(t *testing.T, path string) error {
		// Feature maps on their own range, one with a NaN pixel, in both
		// colormaps; the last cell stays empty.
		var imgs []figure.Image
		for k := range 3 {
			for _, cm := range []figure.Cmap{figure.GrayR, figure.Gray} {
				im := figure.Image{W: 14, H: 14, Pix: make([]float32, 14*14), Cmap: cm}
				for y := range 14 {
					for x := range 14 {
						im.Pix[y*14+x] = float32(math.Sin(float64(x*(k+1))/5) * math.Cos(float64(y)/4))
					}
				}
				if k == 2 {
					im.Pix[7*14+7] = float32(math.NaN())
				}
				imgs = append(imgs, im)
			}
		}
		return figure.Images(path, 2, 4, imgs[:5])
	}},
	{"mdr_bars", func(t *testing.T, path string) error {
		var charts []figure.BarChart
		for i, pa := range [][2]int{{2, 7}, {6, 5}, {9, 4}, {3, 8}} {
			charts = append(charts, figure.BarChart{
				Image:  glyph(string(rune('0'+pa[1])), string(rune('0'+pa[0]))+" / "+string(rune('0'+pa[1]))),
				Values: softmax(pa[0], i),
			})
		}
		return figure.Bars(path, 2, charts)
	}},
	{"hwr_bars", func(t *testing.T, path string) error {
		return figure.Bars(path, 1, []figure.BarChart{{Values: softmax(4, 0)}})
	}},
}

func TestGolden(t *testing.T) {
	for _, tc := range lecture {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name+".png")
			if err := tc.draw(t, path); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.name+"_golden.png")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				bad := filepath.Join(os.TempDir(), "figure_"+tc.name+".png")
				os.WriteFile(bad, got, 0o644)
				t.Errorf("%s differs from %s; got written to %s (go test -update accepts it)", tc.name, golden, bad)
			}
		})
	}
}

// TestDeterministic draws each figure twice and wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, tc := range lecture {
		dir := t.TempDir()
		var out [2][]byte
		for i := range out {
			path := filepath.Join(dir, tc.name+string(rune('a'+i))+".png")
			if err := tc.draw(t, path); err != nil {
				t.Fatal(err)
			}
			var err error
			if out[i], err = os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}
		if string(out[0]) != string(out[1]) {
			t.Errorf("%s: two draws differ", tc.name)
		}
	}
}
