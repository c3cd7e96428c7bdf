package figure_test

import (
	"fmt"
	"image"
	_ "image/png"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/figure"
)

// size prints the pixel size of the PNG at path.
func size(path string) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %dx%d\n", filepath.Base(path), cfg.Width, cfg.Height)
}

// tempDir returns a fresh directory for an example's figure.
func tempDir() string {
	dir, err := os.MkdirTemp("", "figure")
	if err != nil {
		log.Fatal(err)
	}
	return dir
}

// A logistic regression's output on a 100x100 grid over [0, 30]², with
// two training points and the model's boundary w0 + w1 x1 + w2 x2 = 0.
func ExampleDecisionField() {
	dir := tempDir()
	defer os.RemoveAll(dir)

	w0, w1, w2 := -15.6304, 0.5603, 0.492596
	f := figure.Field{X0: 0, X1: 30, Y0: 0, Y1: 30, Values: make([][]float64, 100)}
	for i := range f.Values { // rows go up in x2
		f.Values[i] = make([]float64, 100)
		for j := range f.Values[i] { // columns go right in x1
			x1, x2 := 30*float64(j)/99, 30*float64(i)/99
			f.Values[i][j] = 1 / (1 + math.Exp(-(w0 + w1*x1 + w2*x2)))
		}
	}
	xs := [][2]float64{{20.73, 18.21}, {16.50, 14.69}}
	ts := []float64{1, 0}
	boundary := figure.Series{X: []float64{0, 30}, Y: []float64{-w0 / w2, -(w0 + 30*w1) / w2}}

	path := filepath.Join(dir, "mle.png")
	if err := figure.DecisionField(path, "", f, xs, ts, boundary); err != nil {
		log.Fatal(err)
	}
	size(path)
	// Output: mle.png: 600x596
}

// Train and test accuracy per step, as CAF draws them.
func ExampleLines() {
	dir := tempDir()
	defer os.RemoveAll(dir)

	train := figure.Series{Name: "Training set"}
	test := figure.Series{Name: "Test set"}
	for i := range 100 {
		train.X, train.Y = append(train.X, float64(i)), append(train.Y, 0.9-0.4*math.Exp(-float64(i)/20))
		test.X, test.Y = append(test.X, float64(i)), append(test.Y, 0.87-0.4*math.Exp(-float64(i)/15))
	}
	path := filepath.Join(dir, "caf.png")
	if err := figure.Lines(path, "", "", "", train, test); err != nil {
		log.Fatal(err)
	}
	size(path)
	// Output: caf.png: 640x480
}

// The least squares fit: data as points, the model as a line.
func ExampleLines_scatterAndLine() {
	dir := tempDir()
	defer os.RemoveAll(dir)

	data := figure.Series{Points: true, X: []float64{1, 2, 3, 4}, Y: []float64{5.2, 5.7, 8.6, 14.9}}
	fit := figure.Series{X: []float64{1, 2.5, 4}, Y: []float64{4.9, 7.1, 14.6}}
	path := filepath.Join(dir, "lse.png")
	if err := figure.Lines(path, "Temperature", "month", "°C", data, fit); err != nil {
		log.Fatal(err)
	}
	size(path)
	// Output: lse.png: 640x480
}

// OCE's scatter of the classifier's two tanh outputs, one group per class.
func ExampleScatter() {
	dir := tempDir()
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "oce.png")
	err := figure.Scatter(path, "",
		figure.Series{X: []float64{-0.99, -0.97}, Y: []float64{0.98, 0.99}, Marker: figure.VBar, Size: 14},
		figure.Series{X: []float64{0.99, 0.98}, Y: []float64{0.97, 0.99}, Marker: figure.HBar, Size: 14},
		figure.Series{X: []float64{0.98, 0.99}, Y: []float64{-0.99, -0.96}, Marker: figure.Plus, Size: 14},
	)
	if err != nil {
		log.Fatal(err)
	}
	size(path)
	// Output: oce.png: 500x500
}

// A 2x5 grid of digits titled with their labels, as MDS draws the first
// batch; here each "digit" is a bar at a different column. A filter on
// its own range would leave VMin and VMax zero.
func ExampleImages() {
	dir := tempDir()
	defer os.RemoveAll(dir)

	var imgs []figure.Image
	for d := range 10 {
		im := figure.Image{W: 28, H: 28, Pix: make([]float32, 28*28), Title: fmt.Sprint(d), VMin: 0, VMax: 1}
		for y := 4; y < 24; y++ {
			im.Pix[y*28+4+2*d] = 1
		}
		imgs = append(imgs, im)
	}
	path := filepath.Join(dir, "mds.png")
	if err := figure.Images(path, 2, 5, imgs); err != nil {
		log.Fatal(err)
	}
	size(path)
	// Output: mds.png: 600x290
}

// Misclassified digits beside their probabilities, two to a row as MDR
// draws them, and a chart without an image as the recognizer draws it.
func ExampleBars() {
	dir := tempDir()
	defer os.RemoveAll(dir)

	digit := figure.Image{W: 28, H: 28, Pix: make([]float32, 28*28), Title: "2 / 7", VMin: 0, VMax: 1}
	p := []float64{0.01, 0.01, 0.60, 0.01, 0.01, 0.01, 0.01, 0.32, 0.01, 0.01}
	mdr := []figure.BarChart{{Image: digit, Values: p}, {Image: digit, Values: p}, {Image: digit, Values: p}}
	path := filepath.Join(dir, "mdr.png")
	if err := figure.Bars(path, 2, mdr); err != nil {
		log.Fatal(err)
	}
	size(path)

	path = filepath.Join(dir, "hwr.png")
	if err := figure.Bars(path, 1, []figure.BarChart{{Values: p}}); err != nil {
		log.Fatal(err)
	}
	size(path)
	// Output:
	// mdr.png: 720x320
	// hwr.png: 240x160
}
