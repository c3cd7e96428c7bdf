package gallery_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/tf1go/tf1go/cmd/internal/gallery"
)

// Build makes the page from what a run left in its out/ folder: here one
// program's printed lines. The programs that did not run get a section
// that says so.
func ExampleBuild() {
	out, err := os.MkdirTemp("", "out")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	line := "Step: 20000, Loss: 3.623067, Accuracy: 0.942857\n"
	if err := os.WriteFile(filepath.Join(out, "max-likelihood.txt"), []byte(line), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	page, err := gallery.Build(out)
	if err != nil {
		fmt.Println(err)
		return
	}
	html := string(page)
	fmt.Println(strings.Count(html, "<section "), "sections")
	fmt.Println(strings.Contains(html, line))
	fmt.Println(strings.Count(html, "Not run:"), "not run")
	// Output:
	// 18 sections
	// true
	// 16 not run
}

// Handler serves the same page, and the figures it links, for a server
// such as cmd/lab; nothing else of the folder is served.
func ExampleHandler() {
	out, err := os.MkdirTemp("", "out")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	for name, data := range map[string]string{"mnist-sample.png": "(a PNG)", "notes.txt": "private"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			fmt.Println(err)
			return
		}
	}
	h := gallery.Handler(out)
	for _, path := range []string{"/", "/mnist-sample.png", "/notes.txt"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		fmt.Println(path, rec.Code)
	}
	// Output:
	// / 200
	// /mnist-sample.png 200
	// /notes.txt 404
}
