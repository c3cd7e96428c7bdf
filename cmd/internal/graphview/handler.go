package graphview

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"
	"sync"

	"github.com/tf1go/tf1go/cmd/internal/webapp"
	"github.com/tf1go/tf1go/session"
)

// Handler serves the graph view (mount it with http.StripPrefix):
//
//	GET /            the list of Models
//	GET /{name}      its page: the graph as declared and what compile did
//	GET /{name}.svg  one drawing: ?view=declared or compiled, &expand=1 unfolds the name scopes
//
// Drawings are made once and kept.
func Handler() http.Handler {
	var (
		mu    sync.Mutex
		cache = map[string][]byte{}
	)
	draw := func(m Model, compiled, expand bool) ([]byte, error) {
		key := fmt.Sprint(m.Name, compiled, expand)
		mu.Lock()
		defer mu.Unlock()
		if svg, ok := cache[key]; ok {
			return svg, nil
		}
		svg, err := Render(m, compiled, expand)
		if err == nil {
			cache[key] = svg
		}
		return svg, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		if !webapp.Allow(w, req, http.MethodGet, http.MethodHead) {
			return
		}
		path := strings.TrimPrefix(req.URL.Path, "/")
		if path == "" {
			page(w, "tf1go lab: graphs", index())
			return
		}
		if path == "graphs.css" {
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			w.Write([]byte(css))
			return
		}
		name, svgOnly := strings.CutSuffix(path, ".svg")
		m, ok := find(name)
		if !ok {
			webapp.Error(w, http.StatusNotFound, fmt.Sprintf("no model %q: the graph view has %s", name, names()))
			return
		}
		q := req.URL.Query()
		expand := q.Get("expand") == "1"
		if svgOnly {
			view := q.Get("view")
			if view != "declared" && view != "compiled" {
				webapp.Error(w, http.StatusBadRequest, fmt.Sprintf("view=%q: want declared or compiled", view))
				return
			}
			svg, err := draw(m, view == "compiled", expand)
			if err != nil {
				webapp.Error(w, http.StatusInternalServerError, err.Error())
				return
			}
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Write(svg)
			return
		}
		declared, err := draw(m, false, expand)
		if err == nil {
			var compiled []byte
			if compiled, err = draw(m, true, expand); err == nil {
				page(w, m.Title, modelPage(m, expand, declared, compiled))
				return
			}
		}
		webapp.Error(w, http.StatusInternalServerError, err.Error())
	})
	return mux
}

// Render draws m: as declared, or with what the compile step did for its
// training step (session.Explain).
func Render(m Model, compiled, expand bool) ([]byte, error) {
	g, fetches, feed := m.Build()
	if err := g.Err(); err != nil {
		return nil, err
	}
	if !compiled {
		return Draw(g, nil, expand), nil
	}
	sess := session.New(g)
	defer sess.Close()
	rep, err := sess.Explain(fetches, feed)
	if err != nil {
		return nil, err
	}
	return Draw(g, rep, expand), nil
}

func find(name string) (Model, bool) {
	for _, m := range Models {
		if m.Name == name {
			return m, true
		}
	}
	return Model{}, false
}

func names() string {
	var n []string
	for _, m := range Models {
		n = append(n, m.Name)
	}
	return strings.Join(n, ", ")
}

func index() string {
	var b strings.Builder
	b.WriteString("<h1>The lecture's graphs</h1>\n<p>Each model as declared (name scopes folded, static shapes on the edges) and what tf1go's compile step did to one training step: what it pruned, how many nodes the backward pass added, the stable rewrites, the fused chains. Drawn by the server, laid out in layers.</p>\n<ul>\n")
	for _, m := range Models {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", m.Name, html.EscapeString(m.Title))
	}
	b.WriteString("</ul>\n")
	return b.String()
}

func modelPage(m Model, expand bool, declared, compiled []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>", html.EscapeString(m.Title))
	if expand {
		fmt.Fprintf(&b, `Every node. <a href="%s">Fold the name scopes</a>.`, m.Name)
	} else {
		fmt.Fprintf(&b, `Name scopes folded into one box each (hover for their nodes). <a href="%s?expand=1">Every node</a>.`, m.Name)
	}
	b.WriteString(" Constants and random initial values are not drawn; edges into the gradients and the optimizer are lighter. Colours: green feeds, orange variables, pink gradients, purple optimizer updates, blue ops.</p>\n")
	fmt.Fprintf(&b, "<h2>As declared</h2>\n<div class=\"svg\">%s</div>\n<h2>What the compile step did</h2>\n<div class=\"svg\">%s</div>\n",
		bytes.TrimSpace(declared), bytes.TrimSpace(compiled))
	return b.String()
}

const css = `body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5em 2em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin-top: 1.5em; }
.svg { overflow: auto; border: 1px solid #ddd; }
`

func page(w http.ResponseWriter, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title><link rel="stylesheet" href="graphs.css"></head>
<body><p><a href="../">tf1go lab</a> › <a href="./">graphs</a></p>
%s</body></html>
`, html.EscapeString(title), body)
}
