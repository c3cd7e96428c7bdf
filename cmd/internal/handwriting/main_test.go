package handwriting

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/webtest"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// startServer serves the shipped model on a free loopback port, as run
// does, with the handler wrapped by wrap when it is not nil. It returns
// the base URL ("http://127.0.0.1:port").
func startServer(t testing.TB, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	m, sess, err := LoadCNN("")
	if err != nil {
		t.Fatal(err)
	}
	return webtest.Serve(t, func(ctx context.Context) http.Handler {
		h := NewHandler(NewRecognizer(ctx, m, sess))
		if wrap != nil {
			h = wrap(h)
		}
		return h
	})
}

// mnistTest is the MNIST test set.
var mnistTest = sync.OnceValues(func() (*mnist.DataSet, error) {
	data, err := mnist.ReadDataSets("")
	if err != nil {
		return nil, err
	}
	return data.Test, nil
})

// testImages is the first n MNIST test images as the canvas would give
// them, each pixel binarised (>= 0.5 → 1), with their one-hot labels and
// their digits.
func testImages(t testing.TB, n int) (images [][]float32, oneHot *nd.Array, labels []int) {
	t.Helper()
	test, err := mnistTest()
	if err != nil {
		t.Skipf("no MNIST test set (it comes from the GoMNIST module): %v", err)
	}
	px := test.Images().Rows(0, n).Float32s()
	oneHot = test.Labels().Rows(0, n)
	images, labels = make([][]float32, n), make([]int, n)
	for i := range n {
		images[i] = make([]float32, imageSize*imageSize)
		for k := range images[i] {
			if px[i*len(images[i])+k] >= 0.5 {
				images[i][k] = 1
			}
		}
		labels[i] = argmax(oneHot.Row(i).Float32s())
	}
	return images, oneHot, labels
}

// trainingSession is cmd/mnist-cnn's graph and session, Adam slots and
// all, holding the shipped weights.
func trainingSession(t testing.TB) (*models.CNN, *session.Session) {
	t.Helper()
	g := graph.New()
	m := models.NewCNN(g, true)
	sess := session.New(g)
	prefix, err := extractShipped(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// the shipped checkpoint has no Adam slots: restore the model's own
	// variables, and initialize the rest as the training program does
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	if err := train.NewSaver(g.TrainableVariables()...).Restore(sess, prefix); err != nil {
		t.Fatal(err)
	}
	return m, sess
}

// trainingEvaluation is cmd/mnist-cnn's evaluation of the images with the
// shipped weights: p and accuracy fetched in one Run with keep_prob 1.0.
// It returns the digits p gives and the accuracy.
func trainingEvaluation(t testing.TB, images [][]float32, oneHot *nd.Array) ([]int, float64) {
	t.Helper()
	m, sess := trainingSession(t)
	arrs, err := sess.RunTensors(session.Feed{m.X: images, m.T: oneHot, m.KeepProb: 1.0}, m.P, m.Accuracy)
	if err != nil {
		t.Fatal(err)
	}
	acc, err := arrs[1].Float64()
	if err != nil {
		t.Fatal(err)
	}
	p := arrs[0].Float32s()
	digits := make([]int, len(images))
	for i := range digits {
		digits[i] = argmax(p[i*10 : (i+1)*10])
	}
	return digits, acc
}

// postPredict posts one image and decodes the answer.
func postPredict(ctx context.Context, c *http.Client, base string, image []float32, maps bool) (prediction, error) {
	body, err := json.Marshal(map[string]any{"image": image})
	if err != nil {
		return prediction{}, err
	}
	url := base + "/api/predict"
	if !maps {
		url += "?maps=0"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return prediction{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return prediction{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return prediction{}, err
	}
	if res.StatusCode != http.StatusOK {
		return prediction{}, fmt.Errorf("%s: %s", res.Status, b)
	}
	var p prediction
	if err := json.Unmarshal(b, &p); err != nil {
		return prediction{}, fmt.Errorf("answer %q: %v", b, err)
	}
	return p, nil
}

// forEach runs f(0..n-1) on at most workers goroutines and returns the
// first error.
func forEach(n, workers int, f func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	sem := make(chan struct{}, workers)
	for i := range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := f(i); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// TestPredictMNIST feeds 500 binarised MNIST test images through
// /api/predict: at least 95% are right, and each digit is the one
// cmd/mnist-cnn's own evaluation gives for the same image (the server
// adds nothing but I/O).
func TestPredictMNIST(t *testing.T) {
	const n = 500
	images, oneHot, labels := testImages(t, n)
	base := startServer(t, nil)
	got := make([]int, n)
	// eight clients at once, so that the server batches as it does in use
	err := forEach(n, 8, func(i int) error {
		p, err := postPredict(t.Context(), http.DefaultClient, base, images[i], false)
		got[i] = p.Digit
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	correct := 0
	for i := range n {
		if got[i] == labels[i] {
			correct++
		}
	}
	want, acc := trainingEvaluation(t, images, oneHot)
	for i := range n {
		if got[i] != want[i] {
			t.Errorf("image %d: the server says %d, mnist-cnn's evaluation %d", i, got[i], want[i])
		}
	}
	if int(acc*n+0.5) != correct {
		t.Errorf("the server gets %d of %d right, mnist-cnn's evaluation %v", correct, n, acc)
	}
	t.Logf("%d of %d binarised test images right (%.1f%%); mnist-cnn's evaluation: accuracy %f",
		correct, n, 100*float64(correct)/n, acc)
	if correct < n*95/100 {
		t.Errorf("%d of %d right, want at least 95%%", correct, n)
	}
}

// TestPredictMaps checks the conv maps of one answer: their counts and
// sizes, each map scaled to its own range, and ReLU's output never below 0.
// Asking for maps changes neither the digit nor the probabilities.
func TestPredictMaps(t *testing.T) {
	images, _, _ := testImages(t, 1)
	base := startServer(t, nil)
	with, err := postPredict(t.Context(), http.DefaultClient, base, images[0], true)
	if err != nil {
		t.Fatal(err)
	}
	without, err := postPredict(t.Context(), http.DefaultClient, base, images[0], false)
	if err != nil {
		t.Fatal(err)
	}
	if without.Conv1 != nil || without.Conv2 != nil {
		t.Error("maps=0 answered maps")
	}
	if with.Digit != without.Digit || !slices.Equal(with.Probabilities, without.Probabilities) {
		t.Errorf("with maps %d %v, without %d %v", with.Digit, with.Probabilities, without.Digit, without.Probabilities)
	}
	for _, c := range []struct {
		name        string
		fm          *featureMaps
		count, size int
	}{{"conv1", with.Conv1, 32, 28}, {"conv2", with.Conv2, 64, 14}} {
		if c.fm == nil || c.fm.Count != c.count || c.fm.Size != c.size {
			t.Fatalf("%s: %+v, want %d maps of %dx%d", c.name, c.fm, c.count, c.size, c.size)
		}
		for half, px := range map[string]mapPixels{"before": c.fm.Before, "after": c.fm.After} {
			b, err := base64.StdEncoding.DecodeString(px.Data)
			if err != nil || len(b) != c.count*c.size*c.size || len(px.Min) != c.count || len(px.Max) != c.count {
				t.Fatalf("%s %s: %d bytes (%v), %d min, %d max", c.name, half, len(b), err, len(px.Min), len(px.Max))
			}
			for f := range c.count {
				m := b[f*c.size*c.size : (f+1)*c.size*c.size]
				lo, hi := slices.Min(m), slices.Max(m)
				if px.Min[f] < px.Max[f] && (lo != 0 || hi != 255) || px.Min[f] == px.Max[f] && hi != 0 {
					t.Errorf("%s %s map %d: bytes %d..%d for values %v..%v", c.name, half, f, lo, hi, px.Min[f], px.Max[f])
				}
				if half == "after" && px.Min[f] < 0 {
					t.Errorf("%s after ReLU, map %d: min %v", c.name, f, px.Min[f])
				}
			}
		}
	}
}

// TestScaleMaps scales a 2x2 NHWC activation with two channels, batch of
// two, as imshow normalises: each map from its own min to its own max.
func TestScaleMaps(t *testing.T) {
	// image 1's maps: channel 0 is 1, 2, 3, 5; channel 1 is constant
	a := []float32{
		9, 9, 9, 9, 9, 9, 9, 9, // image 0, ignored
		1, 7, 2, 7, 3, 7, 5, 7,
	}
	got := scaleMaps(a, 1, 2, 2)
	data, _ := base64.StdEncoding.DecodeString(got.Data)
	want := []byte{0, 64, 128, 255, 0, 0, 0, 0}
	if !bytes.Equal(data, want) || !slices.Equal(got.Min, []float32{1, 7}) || !slices.Equal(got.Max, []float32{5, 7}) {
		t.Errorf("got bytes %v min %v max %v, want %v [1 7] [5 7]", data, got.Min, got.Max, want)
	}
}

// malformed are requests the server must refuse with a 4xx and a JSON
// error, without panicking.
var malformed = []struct {
	name, method, contentType, query, body string
	status                                 int
}{
	{"wrong length", "POST", "application/json", "", imageJSON(783, "0"), 400},
	{"too long", "POST", "application/json", "", imageJSON(785, "0"), 400},
	{"above 1", "POST", "application/json", "", imageJSON(784, "1.5"), 400},
	{"below 0", "POST", "application/json", "", imageJSON(784, "-0.1"), 400},
	{"NaN", "POST", "application/json", "", imageJSON(784, "NaN"), 400},
	{"NaN string", "POST", "application/json", "", imageJSON(784, `"NaN"`), 400},
	{"huge number", "POST", "application/json", "", imageJSON(784, "1e999"), 400},
	{"nested", "POST", "application/json", "", imageJSON(784, "[0]"), 400},
	{"null image", "POST", "application/json", "", `{"image": null}`, 400},
	{"not JSON", "POST", "application/json", "", "draw me a 7", 400},
	{"empty body", "POST", "application/json", "", "", 400},
	{"unknown field", "POST", "application/json", "", `{"img": [0]}`, 400},
	{"trailing data", "POST", "application/json", "", imageJSON(784, "0") + "{}", 400},
	{"bad maps", "POST", "application/json", "?maps=2", imageJSON(784, "0"), 400},
	{"over 64 KB", "POST", "application/json", "", `{"image": [` + strings.Repeat(" ", 70000) + `0]}`, 413},
	{"text/plain", "POST", "text/plain", "", imageJSON(784, "0"), 415},
	{"no content type", "POST", "", "", imageJSON(784, "0"), 415},
	{"GET", "GET", "", "", "", 405},
	{"PUT", "PUT", "application/json", "", imageJSON(784, "0"), 405},
	{"DELETE", "DELETE", "", "", "", 405},
}

// imageJSON is {"image": [v, v, ...]} with n values.
func imageJSON(n int, v string) string {
	return `{"image": [` + strings.TrimSuffix(strings.Repeat(v+",", n), ",") + `]}`
}

// sendMalformed sends malformed[i] and checks the answer.
func sendMalformed(ctx context.Context, c *http.Client, base string, i int) error {
	m := malformed[i]
	req, err := http.NewRequestWithContext(ctx, m.method, base+"/api/predict"+m.query, strings.NewReader(m.body))
	if err != nil {
		return err
	}
	if m.contentType != "" {
		req.Header.Set("Content-Type", m.contentType)
	}
	res, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %v", m.name, err)
	}
	defer res.Body.Close()
	var body struct{ Error string }
	err = json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != m.status || err != nil || body.Error == "" ||
		res.Header.Get("Content-Type") != "application/json" {
		return fmt.Errorf("%s: %s %s, error %q (%v); want %d with a JSON error",
			m.name, res.Status, res.Header.Get("Content-Type"), body.Error, err, m.status)
	}
	return nil
}

func TestBadInput(t *testing.T) {
	base := startServer(t, nil)
	for i, m := range malformed {
		t.Run(m.name, func(t *testing.T) {
			if err := sendMalformed(t.Context(), http.DefaultClient, base, i); err != nil {
				t.Error(err)
			}
		})
	}
	for _, path := range []string{"/nope", "/web/hwr.js", "/index.html/x"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", path, res.Status)
		}
	}
	if _, err := postPredict(t.Context(), http.DefaultClient, base, make([]float32, 784), false); err != nil {
		t.Errorf("after the bad requests: %v", err)
	}
}

// TestLoad sends 1,000 valid requests at once (over at most 64
// connections) with 200 malformed ones among them: every valid one gets
// mnist-cnn's digit, every malformed one a 4xx, and /healthz is still 200
// after. It logs the latency per prediction, alone and under the load.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("1,200 requests")
	}
	const n, bad = 1000, 200
	images, oneHot, _ := testImages(t, n/2)
	want, _ := trainingEvaluation(t, images, oneHot)
	base := startServer(t, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()

	alone := make([]time.Duration, 50)
	for i := range alone {
		start := time.Now()
		if _, err := postPredict(ctx, client, base, images[i], false); err != nil {
			t.Fatal(err)
		}
		alone[i] = time.Since(start)
	}

	loaded := make([]time.Duration, n)
	start := time.Now()
	err := forEach(n+bad, n+bad, func(i int) error {
		if i%6 == 5 { // one request in six is malformed
			return sendMalformed(ctx, client, base, (i/6)%len(malformed))
		}
		k := i - i/6 // the k-th valid request
		img := k % len(images)
		t0 := time.Now()
		p, err := postPredict(ctx, client, base, images[img], k%10 == 0) // one in ten with maps
		loaded[k] = time.Since(t0)
		if err == nil && p.Digit != want[img] {
			err = fmt.Errorf("request %d (test image %d): digit %d, want %d", k, img, p.Digit, want[img])
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	res, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("/healthz after the load: %s", res.Status)
	}
	p50, p99 := percentiles(alone)
	t.Logf("one request at a time: p50 %v, p99 %v (%d requests)", p50, p99, len(alone))
	p50, p99 = percentiles(loaded)
	t.Logf("%d valid (one in ten with maps) and %d malformed requests at once: p50 %v, p99 %v per prediction; all done in %v (%.0f predictions/s)",
		n, bad, p50, p99, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds())
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[int(q*float64(len(s)-1)+0.5)].Round(10 * time.Microsecond) }
	return at(0.50), at(0.99)
}

// TestRunServes starts the program as go run does and fetches the page:
// it is up within seconds and stops when told.
func TestRunServes(t *testing.T) {
	start := time.Now()
	url, stop := webtest.Run(t, Run, "-addr", "127.0.0.1:0")
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	t.Logf("%s served the page %v after start", url, time.Since(start).Round(time.Millisecond))
	if res.StatusCode != http.StatusOK || !bytes.Contains(page, []byte(`<canvas id="canvas" width="140" height="140">`)) {
		t.Errorf("GET /: %s\n%s", res.Status, page)
	}
	stop()
}

// TestBadCheckpoint: a missing or damaged checkpoint is one line that says
// how to make one.
func TestBadCheckpoint(t *testing.T) {
	dir := t.TempDir()
	shippedPrefix, err := extractShipped(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage")
	for _, f := range bundleFiles(garbage) {
		os.WriteFile(f, []byte("not a checkpoint\n"), 0o644)
	}
	truncated := filepath.Join(dir, "truncated")
	for i, f := range bundleFiles(shippedPrefix) {
		b, _ := os.ReadFile(f)
		if i == 1 {
			b = b[:len(b)/2]
		}
		os.WriteFile(bundleFiles(truncated)[i], b, 0o644)
	}
	empty := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing"), garbage, truncated, empty} {
		err := Run(t.Context(), []string{"-checkpoint", path, "-addr", "127.0.0.1:0"}, io.Discard)
		if err == nil {
			t.Errorf("%s: no error", path)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") || !strings.Contains(msg, path) || !strings.Contains(msg, "go run ./cmd/mnist-cnn") {
			t.Errorf("%s: %q, want one line naming it and how to make one", path, msg)
		}
	}
}

// TestExport exports a training checkpoint of cmd/mnist-cnn (Adam slots
// and all) holding the shipped weights: the same bytes as the shipped
// checkpoint, and a PROVENANCE that quotes the log and the files' sha256.
// The server restores the training checkpoint too, given its directory.
func TestExport(t *testing.T) {
	src := t.TempDir()
	_, sess := trainingSession(t)
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2
	ckpt, err := saver.Save(sess, filepath.Join(src, "cnn_session"), 1500)
	if err != nil {
		t.Fatal(err)
	}
	if m, sess, err := LoadCNN(src); err != nil || len(sess.Graph().GlobalVariables()) != 8 || m.P == nil {
		t.Fatalf("serving the training checkpoint's directory: %v", err)
	}
	log := filepath.Join(src, "log.txt")
	os.WriteFile(log, []byte("Step: 1000, Loss: 2.0, Accuracy: 0.5\nStep: 1500, Loss: 1.0, Accuracy: 0.9\nStep: 2000, Loss: 0.5, Accuracy: 0.95\n"), 0o644)
	out := filepath.Join(t.TempDir(), "cnn")
	if err := Run(t.Context(), []string{"-checkpoint", ckpt, "-export", out, "-training-log", log, "-trained-by", "mnist-cnn's run"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	prov, err := os.ReadFile(filepath.Join(filepath.Dir(out), "PROVENANCE"))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range bundleFiles(out) {
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := shipped.ReadFile(bundleFiles(shippedName)[i])
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the shipped file it was exported from", f)
		}
	}
	checkProvenance(t, string(prov), func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(filepath.Dir(out), name))
	})
	for _, want := range []string{"steps:       1500\n", "its line:    Step: 1500, Loss: 1.0, Accuracy: 0.9\n",
		"log's last:  Step: 2000, Loss: 0.5, Accuracy: 0.95\n", "trained by:  mnist-cnn's run\n",
		"-export " + out + " -training-log " + log + ` -trained-by 'mnist-cnn'\''s run'` + "\n"} {
		if !strings.Contains(string(prov), want) {
			t.Errorf("PROVENANCE lacks %q:\n%s", want, prov)
		}
	}
}

// TestShippedCheckpoint: the shipped checkpoint is what its PROVENANCE
// says (sha256), at most 15 MB, from a run at 0.99 test accuracy or more.
func TestShippedCheckpoint(t *testing.T) {
	prov, err := os.ReadFile("model/PROVENANCE")
	if err != nil {
		t.Fatal(err)
	}
	size := checkProvenance(t, string(prov), func(name string) ([]byte, error) {
		return shipped.ReadFile("model/" + name)
	})
	if size > 15<<20 {
		t.Errorf("the shipped checkpoint is %d bytes, over 15 MB", size)
	}
	var step int
	var loss, acc float64
	_, line, _ := strings.Cut(string(prov), "its line:    ")
	line, _, _ = strings.Cut(line, "\n")
	if _, err := fmt.Sscanf(line, "Step: %d, Loss: %f, Accuracy: %f", &step, &loss, &acc); err != nil || acc < 0.99 {
		t.Errorf("PROVENANCE's training line %q: accuracy %v (%v), want at least 0.99", line, acc, err)
	}
}

// checkProvenance checks each sha256 line of a PROVENANCE against the
// file read names and returns the files' total size.
func checkProvenance(t *testing.T, prov string, read func(name string) ([]byte, error)) int {
	t.Helper()
	_, sums, ok := strings.Cut(prov, "sha256:\n")
	if !ok {
		t.Fatalf("PROVENANCE has no sha256 section:\n%s", prov)
	}
	total, seen := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(sums), "\n") {
		sum, name, _ := strings.Cut(line, "  ")
		b, err := read(name)
		if err != nil {
			t.Fatal(err)
		}
		total += len(b)
		seen++
		if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != sum {
			t.Errorf("%s: sha256 %s, PROVENANCE says %s", name, got, sum)
		}
	}
	if seen != 2 {
		t.Errorf("PROVENANCE lists %d files, want the bundle's 2", seen)
	}
	return total
}

// BenchmarkRun is one session Run of the recognizer on a batch: one image
// with its maps, as the page asks, and full batches without.
func BenchmarkRun(b *testing.B) {
	images, _, _ := testImages(b, maxBatch)
	m, sess, err := LoadCNN("")
	if err != nil {
		b.Fatal(err)
	}
	r := &Recognizer{m: m, sess: sess}
	for _, c := range []struct {
		n    int
		maps bool
	}{{1, true}, {1, false}, {8, false}, {maxBatch, false}} {
		b.Run(fmt.Sprintf("batch=%d/maps=%v", c.n, c.maps), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.run(images[:c.n], c.maps); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*c.n), "µs/image")
		})
	}
}
