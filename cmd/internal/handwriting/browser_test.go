package handwriting

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/tf1go/tf1go/cmd/internal/browsertest"
	"github.com/tf1go/tf1go/cmd/internal/webtest"
)

var screenshotDir = flag.String("screenshot-dir", "", "where TestBrowser saves its screenshot (default: the test's temp dir)")

// The lecture's canvas → grid rule: a move at (x, y) sets the 2x2 block at
// row floor(y/5), column floor(x/5)+1, clipped at the edge.
const cell = 5

// setBlock sets the lecture's 2x2 block for a move at (x, y) on grid.
func setBlock(grid []float32, x, y int) {
	row, col := y/cell, x/cell+1
	for r := row; r < min(row+2, imageSize); r++ {
		for c := col; c < min(col+2, imageSize); c++ {
			grid[r*imageSize+c] = 1
		}
	}
}

// strokeFor rasterises a binarised image back through the lecture's grid:
// the canvas points of one stroke whose blocks cover the ink, and the grid
// that the lecture's rule makes of them. Blocks that fit inside the ink
// come first; an ink pixel they miss gets a block of its own, which may
// spill one pixel past the ink, as a pen would. The points are ordered
// nearest first, so that the stroke runs along the ink.
func strokeFor(image []float32) (points [][2]int, grid []float32) {
	ink := func(r, c int) bool { return r < imageSize && c < imageSize && image[r*imageSize+c] == 1 }
	var anchors [][2]int // row, column of each block's top-left cell
	covered := make([]bool, len(image))
	cover := func(r, c int) {
		anchors = append(anchors, [2]int{r, c})
		for i := r; i < min(r+2, imageSize); i++ {
			for j := c; j < min(c+2, imageSize); j++ {
				covered[i*imageSize+j] = true
			}
		}
	}
	for r := range imageSize {
		for c := 1; c < imageSize; c++ { // the shift leaves column 0 unreachable
			if ink(r, c) && ink(r+1, c) && ink(r, c+1) && ink(r+1, c+1) {
				cover(r, c)
			}
		}
	}
	for r := range imageSize {
		for c := 1; c < imageSize; c++ {
			if ink(r, c) && !covered[r*imageSize+c] {
				cover(r, c)
			}
		}
	}
	// a greedy walk from the top-most block to the nearest one left
	left := slices.Clone(anchors)
	for len(left) > 0 {
		next := 0
		if len(points) > 0 {
			last := points[len(points)-1]
			dist := func(a [2]int) int {
				dr, dc := a[0]*cell+2-last[1], (a[1]-1)*cell+2-last[0]
				return dr*dr + dc*dc
			}
			for i := range left {
				if dist(left[i]) < dist(left[next]) {
					next = i
				}
			}
		}
		a := left[next]
		left = slices.Delete(left, next, next+1)
		points = append(points, [2]int{(a[1]-1)*cell + 2, a[0]*cell + 2}) // x, y in the cell's middle
	}
	grid = make([]float32, len(image))
	for _, p := range points {
		setBlock(grid, p[0], p[1])
	}
	return points, grid
}

// TestBrowser draws MNIST test digits on the page in headless Chromium by
// dispatching mouse events along their ink, and reads #prediction, the
// bars and the maps; the page's grid must be the lecture's rule applied to
// those events. It saves a screenshot and logs where.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	ctx := browsertest.Offline(t, 1100, 1250)

	// every grid the page posts, to compare with the lecture's rule
	posted := make(chan []float32, 16)
	base := startServer(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/predict" {
				b, _ := io.ReadAll(r.Body)
				var in struct{ Image []float32 }
				if json.Unmarshal(b, &in) == nil {
					posted <- in.Image
				}
				r.Body = io.NopCloser(bytes.NewReader(b))
			}
			h.ServeHTTP(w, r)
		})
	})

	// one clear test image of each digit: the first whose drawing the
	// model reads right
	images, _, labels := testImages(t, 200)
	type sample struct {
		index, label int
		points       [][2]int
		grid         []float32
	}
	var samples []sample
	skipped := 0
	for d := range 10 {
		for i := range images {
			if labels[i] != d {
				continue
			}
			points, grid := strokeFor(images[i])
			p, err := postPredict(t.Context(), http.DefaultClient, base, grid, false)
			if err != nil {
				t.Fatal(err)
			}
			<-posted
			if p.Digit == d {
				samples = append(samples, sample{i, d, points, grid})
				break
			}
			skipped++
		}
	}
	if len(samples) < 5 {
		t.Fatalf("only %d digits have a drawing the model reads right", len(samples))
	}
	t.Logf("drawing %d digits (%d drawings of the first 200 test images skipped as read wrong)", len(samples), skipped)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible("#canvas")); err != nil {
		t.Fatalf("starting Chromium and loading the page: %v", err)
	}
	step, cancelStep := context.WithTimeout(ctx, 90*time.Second)
	defer cancelStep()

	box, err := chromedp.Run(step, chromedp.Evaluate[struct {
		Left float64 `json:"left"`
		Top  float64 `json:"top"`
	}](
		`(() => { const r = document.getElementById("canvas").getBoundingClientRect(); return {left: r.left, top: r.top}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	at := func(p [2]int) (float64, float64) { return box.Left + float64(p[0]), box.Top + float64(p[1]) }

	// a mouse stroke: press, move along the ink with the button held, release
	mouse := func(points [][2]int) []chromedp.Action[chromedp.Void] {
		x, y := at(points[0])
		actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x, y, held, chromedp.ClickCount(1))}
		for _, p := range points {
			x, y := at(p)
			actions = append(actions, chromedp.MouseEvent(chromedp.MouseMoved, x, y, held))
		}
		x, y = at(points[len(points)-1])
		return append(actions, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	}
	// a finger's stroke: touch, move along the ink, lift
	touch := func(points [][2]int) []chromedp.Action[chromedp.Void] {
		event := func(typ input.DispatchTouchEventType, p ...[2]int) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				params := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
				for _, q := range p {
					x, y := at(q)
					params.TouchPoints = append(params.TouchPoints, &input.TouchPoint{X: x, Y: y})
				}
				_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, params)
				return err
			})
		}
		actions := []chromedp.Action[chromedp.Void]{event(input.DispatchTouchEventTypeTouchStart, points[0])}
		for _, p := range points {
			actions = append(actions, event(input.DispatchTouchEventTypeTouchMove, p))
		}
		return append(actions, event(input.DispatchTouchEventTypeTouchEnd))
	}

	draw := func(s sample, how string, stroke func([][2]int) []chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(step, append([]chromedp.Action[chromedp.Void]{chromedp.Click("#clear")}, stroke(s.points)...)...); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(step, chromedp.Poll[string](`document.getElementById("prediction").textContent`,
			chromedp.WithPollingTimeout(30*time.Second)))
		if err != nil {
			t.Fatalf("test image %d (a %d) drawn by %s: no prediction: %v", s.index, s.label, how, err)
		}
		select {
		case grid := <-posted:
			if !slices.Equal(grid, s.grid) {
				diff := 0
				for k := range grid {
					if grid[k] != s.grid[k] {
						diff++
					}
				}
				t.Errorf("test image %d drawn by %s: the page posted a grid other than the lecture's rule gives for its %d moves (%d pixels differ)", s.index, how, len(s.points), diff)
			}
		default:
			t.Errorf("test image %d drawn by %s: the page showed %q without posting", s.index, how, text)
		}
		if text != strconv.Itoa(s.label) {
			t.Errorf("test image %d, a %d drawn by %s: #prediction says %q", s.index, s.label, how, text)
		}
		checkBars(t, step, s.label)
		if dark := darkPixels(t, step, "conv1") + darkPixels(t, step, "conv2"); dark == 0 {
			t.Errorf("test image %d drawn by %s: the maps are blank", s.index, how)
		}
	}

	if _, err := chromedp.Run(step, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	draw(samples[0], "touch", touch)
	for _, s := range samples {
		draw(s, "mouse", mouse)
	}

	t.Logf("the screenshot shows a %d drawn", samples[len(samples)-1].label)
	webtest.Screenshot(t, step, *screenshotDir, "handwriting.png")

	// Clear resets the canvas, the prediction, the bars and the maps
	if err := chromedp.Do(step, chromedp.Click("#clear")); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(step, chromedp.Evaluate[struct {
		Prediction string    `json:"prediction"`
		Heights    []float64 `json:"heights"`
		Ink        int       `json:"ink"`
	}](`(() => {
		const c = document.getElementById("canvas");
		const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		let ink = 0;
		for (let i = 0; i < px.length; i += 4) if (px[i] < 255) ink++;
		return {
			prediction: document.getElementById("prediction").textContent,
			heights: [...document.querySelectorAll("#probabilities rect.bar")].map((r) => +r.getAttribute("height")),
			ink,
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if state.Prediction != "" || state.Ink != 0 || len(state.Heights) != 10 || slices.Max(state.Heights) != 0 {
		t.Errorf("after Clear: %+v, want no prediction, a white canvas and 10 empty bars", state)
	}
	if dark := darkPixels(t, step, "conv1") + darkPixels(t, step, "conv2"); dark != 0 {
		t.Errorf("after Clear: %d dark pixels in the maps", dark)
	}
}

// checkBars reads the ten bars: their probabilities sum to 1 and the
// tallest, marked best, is the digit.
func checkBars(t *testing.T, ctx context.Context, digit int) {
	t.Helper()
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[[]struct {
		P      string  `json:"p"`
		Height float64 `json:"height"`
		Best   bool    `json:"best"`
	}](`[...document.querySelectorAll("#probabilities rect.bar")].map((r) => ({
		p: r.getAttribute("data-p"), height: +r.getAttribute("height"), best: r.classList.contains("best")}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(bars) != 10 {
		t.Fatalf("%d bars, want 10", len(bars))
	}
	sum, tallest := 0.0, 0
	for d, b := range bars {
		p, err := strconv.ParseFloat(b.P, 64)
		if err != nil {
			t.Fatalf("bar %d: data-p %q", d, b.P)
		}
		sum += p
		if b.Height > bars[tallest].Height {
			tallest = d
		}
		if b.Best != (d == digit) {
			t.Errorf("bar %d marked best: %v", d, b.Best)
		}
	}
	if tallest != digit || sum < 0.999 || sum > 1.001 {
		t.Errorf("bars %+v: tallest %d, probabilities sum to %v; want %d and 1", bars, tallest, sum, digit)
	}
}

// darkPixels counts the pixels of a maps figure darker than mid grey
// inside its cells (the frames left out).
func darkPixels(t *testing.T, ctx context.Context, id string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`(() => {
		const c = document.getElementById(%q);
		const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		const step = 56 + 6;
		let dark = 0;
		for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
			const u = x %% step, v = y %% step;
			if (u < 4 || u > 58 || v < 4 || v > 58) continue;
			if (px[4 * (y * c.width + x)] < 128) dark++;
		}
		return dark;
	})()`, id)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
