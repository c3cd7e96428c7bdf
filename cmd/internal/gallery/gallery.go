package gallery

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/cmd"
	"github.com/tf1go/tf1go/models"
)

// notebooks holds the Python of the notebooks' key cells, one file per
// notebook, each cell under its "# [MSE-04]" marker.
//
//go:embed notebooks/*.py
var notebooks embed.FS

// index is every cell the page can show: the Go ones from the programs
// and the models they build, the Python ones from the notebooks.
type index struct{ goCells, pyCells *cellIndex }

func loadIndex() (*index, error) {
	ix := &index{goCells: newCellIndex(), pyCells: newCellIndex()}
	if err := ix.goCells.add(cmd.Sources, "*/main.go", "//", true); err != nil {
		return nil, err
	}
	if err := ix.goCells.add(models.Source, "*.go", "//", true); err != nil {
		return nil, err
	}
	if err := ix.pyCells.add(notebooks, "notebooks/*.py", "#", false); err != nil {
		return nil, err
	}
	return ix, nil
}

// A row is one or more consecutive key cells: the Go beside the Python.
type row struct{ Go, Python string }

// rows groups a program's key cells into rows; cells that share a Go
// snippet (a marker naming several labels) share a row.
func (ix *index) rows(cells []string) []row {
	var rows []row
	for _, l := range cells {
		goText, py := ix.goCells.text[l], ix.pyCells.text[l]
		if goText == "" && py == "" {
			continue
		}
		if n := len(rows); n > 0 && goText != "" && rows[n-1].Go == goText {
			rows[n-1].Python = strings.TrimSpace(rows[n-1].Python + "\n\n" + py)
			continue
		}
		rows = append(rows, row{Go: goText, Python: py})
	}
	return rows
}

// A section is what the page shows of one program.
type section struct {
	Program
	Rows    []row
	Ran     bool     // out/<Name>.txt exists
	Lines   string   // its printed lines
	Figures []string // its PNGs in out/, by base name
	Curves  []chart
}

// figures returns the PNGs of outDir that belong to each program: a file
// <name>.png or <name>-*.png belongs to the program with the longest
// such name (mnist-dynamic-filter-result-conv.png is MDR's, not MDC's).
func figures(outDir string) (map[string][]string, error) {
	pngs, err := filepath.Glob(filepath.Join(outDir, "*.png"))
	if err != nil {
		return nil, err
	}
	byProgram := map[string][]string{}
	for _, p := range pngs {
		base := filepath.Base(p)
		owner := ""
		for _, prog := range Programs {
			if (base == prog.Name+".png" || strings.HasPrefix(base, prog.Name+"-")) && len(prog.Name) > len(owner) {
				owner = prog.Name
			}
		}
		if owner != "" {
			byProgram[owner] = append(byProgram[owner], base)
		}
	}
	for _, fs := range byProgram {
		sort.Strings(fs)
	}
	return byProgram, nil
}

// Build returns the gallery page for what outDir holds: for each of
// Programs, its key cells in Go beside the notebook's Python, the lines
// it printed (outDir/<name>.txt), its figures (outDir/<name>*.png, linked
// by base name, so the page opens from disk beside them) and, for the
// TensorBoard programs, the scalar curves of their event files
// (outDir/<name>/). A program that has not run gets a section saying so.
// The page needs no network: its style is inline and its charts are SVG.
func Build(outDir string) ([]byte, error) {
	ix, err := loadIndex()
	if err != nil {
		return nil, err
	}
	figs, err := figures(outDir)
	if err != nil {
		return nil, err
	}
	var sections []section
	for _, p := range Programs {
		s := section{Program: p, Rows: ix.rows(p.Cells), Figures: figs[p.Name]}
		lines, err := os.ReadFile(filepath.Join(outDir, p.Name+".txt"))
		switch {
		case err == nil:
			s.Ran, s.Lines = true, string(lines)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
		if p.Events {
			curves, err := readCurves(filepath.Join(outDir, p.Name))
			if err != nil {
				return nil, err
			}
			for _, c := range curves {
				s.Curves = append(s.Curves, newChart(c))
			}
		}
		sections = append(sections, s)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, sections); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Handler serves the gallery of outDir: the page at / (and /index.html),
// built afresh on each request, and the figures it links. Nothing else of
// outDir is served.
func Handler(outDir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		switch {
		case r.URL.Path == "/" || r.URL.Path == "/index.html":
			b, err := Build(outDir)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(b)
		case r.URL.Path == "/"+name && strings.HasSuffix(name, ".png") && isFigure(outDir, name):
			http.ServeFile(w, r, filepath.Join(outDir, name))
		default:
			http.NotFound(w, r)
		}
	})
}

// isFigure reports whether name is one of the figures the page links.
func isFigure(outDir, name string) bool {
	figs, err := figures(outDir)
	if err != nil {
		return false
	}
	for _, fs := range figs {
		for _, f := range fs {
			if f == name {
				return true
			}
		}
	}
	return false
}

// A chart is a Curve drawn as an SVG polyline in a w×h box.
type chart struct {
	Tag              string
	Points           string // the polyline's points
	XMax             int64
	YMin, YMax, Last string
}

const chartW, chartH = 320.0, 160.0

func newChart(c Curve) chart {
	ch := chart{Tag: c.Tag}
	if len(c.Values) == 0 {
		return ch
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range c.Values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
	}
	xMax := c.Steps[len(c.Steps)-1]
	if xMax <= 0 {
		xMax = 1
	}
	pts := make([]string, len(c.Values))
	for i, v := range c.Values {
		x := float64(c.Steps[i]) / float64(xMax) * chartW
		y := chartH - (v-lo)/(hi-lo)*chartH
		pts[i] = fmt.Sprintf("%.1f,%.1f", x, y)
	}
	ch.Points = strings.Join(pts, " ")
	ch.XMax = xMax
	ch.YMin, ch.YMax = fmt.Sprintf("%g", lo), fmt.Sprintf("%g", hi)
	ch.Last = fmt.Sprintf("step %d: %g", c.Steps[len(c.Steps)-1], c.Values[len(c.Values)-1])
	return ch
}

var page = template.Must(template.New("page").Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tf1go: the lecture's notebooks, run in Go</title>
<style>
body { font-family: sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em; color: #222; }
nav a { margin-right: .6em; }
section { border-top: 2px solid #ccc; margin-top: 2em; padding-top: .5em; }
h2 .label { color: #666; font-weight: normal; }
.slides { color: #666; }
.cells { display: grid; grid-template-columns: 1fr 1fr; gap: .5em; }
.cells h4 { margin: .2em 0; }
pre { background: #f6f6f6; padding: .5em; overflow: auto; tab-size: 4; font-size: 12px; margin: 0; }
pre.lines { max-height: 20em; }
.missing { color: #a00; }
img { max-width: 100%; border: 1px solid #ddd; margin: .3em 0; }
svg { background: #fafafa; border: 1px solid #ddd; margin-right: 1em; }
svg polyline { fill: none; stroke: #1f77b4; stroke-width: 1.5; }
svg text { font-size: 10px; fill: #444; }
</style>
</head>
<body>
<h1>tf1go: the lecture's notebooks, run in Go</h1>
<p>Every lecture program in the lecture's order: its key cells in Go beside the notebook's Python,
the lines it printed and the figures it drew when <code>make run</code> ran it.
<code>make gallery</code> rebuilds this page from what <code>out/</code> holds.</p>
<nav>{{range .}}<a href="#{{.Name}}">{{.Label}}</a>{{end}}</nav>
{{range .}}
<section id="{{.Name}}" data-ran="{{.Ran}}">
<h2><span class="label">{{.Label}}</span> {{.Title}}</h2>
<p><code>cmd/{{.Name}}</code>{{if .Slides}} <span class="slides">· slides {{.Slides}}</span>{{end}}</p>
{{if .Note}}<p>{{.Note}}</p>{{end}}
{{if .Rows}}<div class="cells"><h4>Go</h4><h4>Python (the notebook)</h4>
{{range .Rows}}<pre class="go">{{.Go}}</pre><pre class="python">{{if .Python}}{{.Python}}{{else}}(no notebook cell){{end}}</pre>
{{end}}</div>{{end}}
{{if .Ran}}<h3>Printed lines</h3>
<pre class="lines">{{.Lines}}</pre>
{{else if not .Page}}<p class="missing">Not run: out/{{.Name}}.txt is missing (make run writes it).</p>{{end}}
{{if .Curves}}<h3>TensorBoard scalars, read back from the event file</h3>
<div class="curves">{{range .Curves}}<svg class="curve" width="360" height="200" viewBox="-30 -20 360 200" data-tag="{{.Tag}}">
<text x="0" y="-6">{{.Tag}} ({{.Last}})</text>
<text x="-28" y="8">{{.YMax}}</text><text x="-28" y="160">{{.YMin}}</text><text x="290" y="172">{{.XMax}}</text>
<polyline points="{{.Points}}"/></svg>{{end}}</div>
{{else if .Events}}<p class="missing">No event file in out/{{.Name}}/.</p>{{end}}
{{range .Figures}}<img src="{{.}}" alt="{{.}}">
{{end}}
</section>
{{end}}
</body>
</html>
`
