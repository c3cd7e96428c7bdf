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
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/gallery"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gallery:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gallery", flag.ContinueOnError)
	out := fs.String("out", "out", "the folder make run wrote; index.html goes there")
	if err := fs.Parse(args); err != nil {
		return err
	}
	page, err := gallery.Build(*out)
	if err != nil {
		return err
	}
	path := filepath.Join(*out, "index.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "wrote", path)
	return nil
}
