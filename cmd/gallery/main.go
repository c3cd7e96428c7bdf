// Command gallery writes the gallery page, index.html, into the folder
// where make run put the lecture programs' printed lines and figures:
// every program in the lecture's order with its key cells in Go beside
// the notebook's Python, its lines, its figures and, for the TensorBoard
// notebooks, the curves of their event files. The page opens from disk,
// without a server or a network. make gallery runs it.
//
//	go run ./cmd/gallery [-out out/]
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/gallery"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
)

func main() { lecture.Main("gallery", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("gallery", args, lecture.NoSession)
	if err != nil {
		return err
	}
	page, err := gallery.Build(flags.Out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(flags.Out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(flags.Out, "index.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "wrote", path)
	return nil
}
