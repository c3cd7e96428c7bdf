package gallery

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tf1go/tf1go/cmd"
)

func TestParseCells(t *testing.T) {
	src := `package main

// [MST-03]
func newNet() *net {
	return &net{}
}

func run() error {
	// [MSE-01]
	np := nprand.New(1)

	// [MSE-02], [MSE-03]: two cells
	// in one
	g := graph.New()
	if true {
		x := 1
	}

	// [MDC-03] .. [MDC-05]: the model
	m := models.NewMDC(g)
	return nil
}
`
	tests := []struct {
		label, want string
	}{
		{"MST-03", "// [MST-03]\nfunc newNet() *net {\n\treturn &net{}\n}"},
		{"MSE-01", "// [MSE-01]\nnp := nprand.New(1)"},
		{"MSE-02", "// [MSE-02], [MSE-03]: two cells\n// in one\ng := graph.New()\nif true {\n\tx := 1\n}"},
		{"MSE-03", "// [MSE-02], [MSE-03]: two cells\n// in one\ng := graph.New()\nif true {\n\tx := 1\n}"},
		{"MDC-04", "// [MDC-03] .. [MDC-05]: the model\nm := models.NewMDC(g)\nreturn nil"},
	}
	ix := newCellIndex()
	if err := ix.add(fstest.MapFS{"main.go": {Data: []byte(src)}}, "*.go", "//", true); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if got := ix.text[tt.label]; got != tt.want {
			t.Errorf("cell %s:\n%s\nwant:\n%s", tt.label, got, tt.want)
		}
	}
	// a label named by itself wins over a range that covers it
	if err := ix.add(fstest.MapFS{"model.go": {Data: []byte("func f() {\n\t// [MDC-04]\n\tw := 1\n}\n")}}, "*.go", "//", true); err != nil {
		t.Fatal(err)
	}
	if got := ix.text["MDC-04"]; got != "// [MDC-04]\nw := 1" {
		t.Errorf("MDC-04 after the model's own cell = %q", got)
	}
	if got := ix.text["MDC-03"]; !strings.Contains(got, "models.NewMDC") {
		t.Errorf("MDC-03 = %q, want the range's cell still", got)
	}
}

func TestMarkerLabels(t *testing.T) {
	tests := []struct {
		line    string
		want    string
		isRange bool
	}{
		{"\t// [LSE-10], [LSE-11]: one loop here", "LSE-10 LSE-11", false},
		{"// [CNN-02] .. [CNN-05]: the model", "CNN-02 CNN-03 CNN-04 CNN-05", true},
		{"# [MSE-04]", "", false}, // not a Go comment
		{"// see [MSE-04] for the loss", "", false},
		{"// [MDR-09]: the first ten misclassified", "MDR-09", false},
	}
	for _, tt := range tests {
		labels, isRange, _ := markerLabels(tt.line, "//")
		if got := strings.Join(labels, " "); got != tt.want || isRange != tt.isRange {
			t.Errorf("markerLabels(%q) = %q, range %v; want %q, %v", tt.line, got, isRange, tt.want, tt.isRange)
		}
	}
}

// TestKeyCells checks the table against the sources: every key cell of a
// program in the tree has its Go, and its Python unless the program has
// no notebook.
func TestKeyCells(t *testing.T) {
	ix, err := loadIndex()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Programs {
		if _, err := fs.Stat(cmd.Sources, p.Name+"/main.go"); err != nil {
			t.Logf("%s: not in this tree, its section says it did not run", p.Name)
			continue
		}
		for _, l := range p.Cells {
			if ix.goCells.text[l] == "" {
				t.Errorf("%s: no Go cell %s in cmd/%s/main.go or models", p.Name, l, p.Name)
			}
			if _, err := fs.Stat(notebooks, "notebooks/"+p.Label+".py"); err == nil && ix.pyCells.text[l] == "" {
				t.Errorf("%s: no Python cell %s in notebooks/%s.py", p.Name, l, p.Label)
			}
		}
	}
}

func TestReadCurvesTensorFlow(t *testing.T) {
	src := filepath.Join("..", "..", "..", "..", "shared", "data", "tf", "tensorboard_events", "events.out.tfevents.1485818149.train")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("TensorFlow's event file is not here (%v): it comes with ../shared", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644); err != nil {
		t.Fatal(err)
	}
	curves, err := readCurves(dir)
	if err != nil {
		t.Fatal(err)
	}
	// ten scalars "loss", every 50 steps; the histograms are not curves
	if len(curves) != 1 || curves[0].Tag != "loss" || len(curves[0].Steps) != 10 {
		t.Fatalf("curves = %+v, want one, loss, of 10 points", curves)
	}
	c := curves[0]
	if c.Steps[0] != 0 || float32(c.Values[0]) != 9.3906136 || c.Steps[1] != 50 || float32(c.Values[1]) != 1.0807965 {
		t.Errorf("first points (%d, %v), (%d, %v); want (0, 9.3906136), (50, 1.0807965)", c.Steps[0], c.Values[0], c.Steps[1], c.Values[1])
	}

	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCurves(dir); err == nil || !strings.Contains(err.Error(), "corrupted record") {
		t.Errorf("damaged event file: err = %v, want a corrupted record", err)
	}
}

// fixture writes a small out/ folder: two programs' lines and figures.
func fixture(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"mnist-softmax.txt":                    "Step: 100, Loss: 7747.077148, Accuracy: 0.848400\n",
		"mnist-softmax.png":                    "png",
		"mnist-dynamic-filter.txt":             "Step: 100, Loss: 1.0, Accuracy: 0.9\n",
		"mnist-dynamic-filter-result-conv.png": "png",
		"other.png":                            "png",
		"secret.txt":                           "not served",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuild(t *testing.T) {
	b, err := Build(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	// the sections in the lecture's order
	last := -1
	for _, p := range Programs {
		i := strings.Index(page, `<section id="`+p.Name+`"`)
		if i < last {
			t.Errorf("section %s missing or out of order", p.Name)
		}
		last = i
	}
	mse := sectionOf(t, page, "mnist-softmax")
	for _, want := range []string{
		`data-ran="true"`,
		"Step: 100, Loss: 7747.077148, Accuracy: 0.848400",
		"trainStep := train.NewAdamOptimizer().Minimize(loss)",
		"train_step = tf.train.AdamOptimizer().minimize(loss)",
		`<img src="mnist-softmax.png"`,
		"slides 52-65",
	} {
		if !strings.Contains(mse, want) {
			t.Errorf("MSE's section lacks %q", want)
		}
	}
	// MDR's figure is not MDC's, though its name starts with MDC's
	if strings.Contains(sectionOf(t, page, "mnist-dynamic-filter"), "result-conv.png") {
		t.Error("MDC's section shows MDR's figure")
	}
	if !strings.Contains(sectionOf(t, page, "mnist-dynamic-filter-result"), `<img src="mnist-dynamic-filter-result-conv.png"`) {
		t.Error("MDR's section lacks its figure")
	}
	if lse := sectionOf(t, page, "least-squares"); !strings.Contains(lse, "Not run: out/least-squares.txt is missing") {
		t.Error("a program that did not run is not said so")
	}
	if strings.Contains(page, "other.png") || strings.Contains(page, "http") && strings.Contains(page, "<link") {
		t.Error("the page links a file of no program, or an external style")
	}
}

func sectionOf(t *testing.T, page, name string) string {
	t.Helper()
	start := strings.Index(page, `<section id="`+name+`"`)
	if start < 0 {
		t.Fatalf("no section %s", name)
	}
	end := strings.Index(page[start:], "</section>")
	return page[start : start+end]
}

func TestHandler(t *testing.T) {
	h := Handler(fixture(t))
	tests := []struct {
		path string
		code int
	}{
		{"/", http.StatusOK},
		{"/index.html", http.StatusOK},
		{"/mnist-softmax.png", http.StatusOK},
		{"/other.png", http.StatusNotFound},
		{"/secret.txt", http.StatusNotFound},
		{"/sub/mnist-softmax.png", http.StatusNotFound},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != tt.code {
			t.Errorf("GET %s: %d, want %d", tt.path, rec.Code, tt.code)
		}
	}
}
