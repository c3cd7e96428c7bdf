package graphview

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"slices"
	"strings"

	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/graph"
)

// group is one box of the drawing: a name scope's nodes, or one node.
type group struct {
	name    string
	members []*graph.Node
	kind    string // feed, variable, optimizer, gradient or op: the box's colour
}

// edge joins two boxes; shapes are the tensors' static shapes it carries.
type edge struct {
	from, to int
	shapes   []string
	control  bool
}

// scopes groups g's nodes by the first part of their names, as
// TensorBoard folds a name scope ("hidden1/MatMul", "Variable/Adam"), or
// node by node with expand. Constants and random initial values are left
// out: they are initial values and hyperparameters, not the model's
// structure.
func scopes(g *graph.Graph, expand bool) ([]*group, []edge) {
	var groups []*group
	index := map[string]int{}
	of := map[*graph.Node]int{}
	for _, n := range g.Nodes() {
		if t := n.Op().Type(); t == "Const" || t == "TruncatedNormal" {
			continue
		}
		key := n.Name()
		switch {
		case expand:
		case n.Op().Type() == "SymbolicGradient":
			key = "gradients" // where TF names them
		default:
			key, _, _ = strings.Cut(key, "/")
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, &group{name: key})
		}
		groups[i].members = append(groups[i].members, n)
		of[n] = i
	}
	for _, gr := range groups {
		gr.kind = kindOf(gr.members)
	}
	type key struct {
		from, to int
		control  bool
	}
	at := map[key]int{}
	var edges []edge
	add := func(from *graph.Node, to int, shape string, control bool) {
		f, ok := of[from]
		if !ok || f == to {
			return
		}
		k := key{f, to, control}
		i, seen := at[k]
		if !seen {
			i = len(edges)
			at[k] = i
			edges = append(edges, edge{from: f, to: to, control: control})
		}
		if shape != "" && !slices.Contains(edges[i].shapes, shape) {
			edges[i].shapes = append(edges[i].shapes, shape)
		}
	}
	for _, n := range g.Nodes() {
		to, ok := of[n]
		if !ok {
			continue
		}
		for _, in := range n.Inputs() {
			add(in.Node(), to, in.Shape().String(), false)
		}
		for _, c := range n.ControlInputs() {
			add(c, to, "", true)
		}
	}
	return groups, edges
}

// kindOf names what a box holds, for its colour.
func kindOf(nodes []*graph.Node) string {
	kind := "op"
	for _, n := range nodes {
		switch t := n.Op().Type(); {
		case t == "Placeholder":
			return "feed"
		case strings.HasPrefix(t, "Apply"):
			return "optimizer"
		case t == "SymbolicGradient":
			kind = "gradient"
		case t == "VariableV2" && kind == "op":
			kind = "variable"
		}
	}
	return kind
}

var fill = map[string]string{
	"feed": "#d9f0d3", "variable": "#fde0c5", "optimizer": "#e5d8f0", "gradient": "#f8d7da", "op": "#e3ecf7",
}

// halfway is the point half the way along a path.
func halfway(pts [][2]float64) [2]float64 {
	seg := func(i int) float64 { return math.Hypot(pts[i+1][0]-pts[i][0], pts[i+1][1]-pts[i][1]) }
	rest := 0.0
	for i := range len(pts) - 1 {
		rest += seg(i) / 2
	}
	for i := range len(pts) - 1 {
		if l := seg(i); rest <= l && l > 0 {
			f := rest / l
			return [2]float64{pts[i][0] + f*(pts[i+1][0]-pts[i][0]), pts[i][1] + f*(pts[i+1][1]-pts[i][1])}
		}
		rest -= seg(i)
	}
	return pts[0]
}

// label is a box's two lines: its name, and its op or how many ops.
func (gr *group) label() (string, string) {
	if len(gr.members) == 1 {
		return gr.name, gr.members[0].Op().Type()
	}
	return gr.name, fmt.Sprintf("%d ops", len(gr.members))
}

const (
	boxH       = 34.0
	margin     = 16.0
	panelW     = 430.0
	lineH      = 16.0
	charW      = 7.0 // a 12px sans-serif character, about
	smallChar  = 6.0
	panelChars = 64 // monospace 11px characters across the report panel
)

// wrap breaks a report line at spaces into lines of at most n characters,
// the continuations indented under the line's value.
func wrap(line string, n int) []string {
	var out []string
	for len([]rune(line)) > n {
		r := []rune(line)
		cut := strings.LastIndex(string(r[:n]), " ")
		if cut <= 12 {
			break
		}
		out = append(out, line[:cut])
		line = "            " + strings.TrimLeft(line[cut:], " ")
	}
	return append(out, line)
}

// Draw draws g as declared, its name scopes folded unless expand; with a
// report (session.Explain's), it also shows what the compile step did:
// the nodes it pruned dashed and grey, and beside the graph its report.
func Draw(g *graph.Graph, rep *compile.Report, expand bool) []byte {
	groups, edges := scopes(g, expand)
	boxes := make([]Box, len(groups))
	for i, gr := range groups {
		a, b := gr.label()
		boxes[i] = Box{W: max(float64(len(a))*charW, float64(len(b))*smallChar) + 16, H: boxH}
	}
	pairs := make([][2]int, len(edges))
	for i, e := range edges {
		pairs[i] = [2]int{e.from, e.to}
	}
	lay := layoutGraph(boxes, pairs)

	kept := map[string]bool{}
	if rep != nil {
		for _, name := range rep.Kept {
			kept[name] = true
		}
	}
	live := func(gr *group) bool {
		if rep == nil {
			return true
		}
		for _, n := range gr.members {
			if kept[n.Name()] {
				return true
			}
		}
		return false
	}

	var lines []string
	if rep != nil {
		for _, l := range strings.Split(strings.TrimRight(rep.String(), "\n"), "\n") {
			lines = append(lines, wrap(l, panelChars)...)
		}
		lines = append(lines, "", "dashed grey: pruned, not needed by the fetches",
			"pink: gradients, expanded by the backward pass")
	}
	w := lay.Width + 2*margin
	if rep != nil {
		w += panelW
	}
	h := max(lay.Height, float64(len(lines))*lineH) + 2*margin

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`+"\n", w, h, w, h)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>` + "\n")
	for i, e := range edges {
		pts := lay.Paths[i]
		var d strings.Builder
		for k, p := range pts {
			cmd := "L"
			if k == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.1f,%.1f ", cmd, p[0]+margin, p[1]+margin)
		}
		dash := ""
		if e.control {
			dash = ` stroke-dasharray="3 3"`
		}
		stroke := "#777" // the model's data flow; the optimizer's inputs are lighter
		if k := groups[e.to].kind; k == "optimizer" || k == "gradient" {
			stroke = "#aac"
		}
		if !live(groups[e.from]) || !live(groups[e.to]) {
			stroke = "#ddd"
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s"%s marker-end="url(#arrow)"/>`+"\n", strings.TrimSpace(d.String()), stroke, dash)
		if len(e.shapes) > 0 {
			mid := halfway(pts)
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" fill="#555">%s</text>`+"\n",
				mid[0]+margin+3, mid[1]+margin+3, html.EscapeString(strings.Join(e.shapes, " ")))
		}
	}
	for i, gr := range groups {
		x, y := lay.X[i]+margin, lay.Y[i]+margin
		a, sub := gr.label()
		style, text := fmt.Sprintf(`fill="%s" stroke="#555"`, fill[gr.kind]), "#111"
		if !live(gr) {
			style, text = `fill="#f6f6f6" stroke="#aaa" stroke-dasharray="4 3"`, "#999"
		}
		var title strings.Builder
		for _, n := range gr.members {
			fmt.Fprintf(&title, "%s (%s)\n", n.Name(), n.Op().Type())
		}
		fmt.Fprintf(&b, `<g><title>%s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="4" %s/>`,
			html.EscapeString(strings.TrimSpace(title.String())), x, y, boxes[i].W, boxH, style)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-weight="bold" fill="%s">%s</text>`,
			x+boxes[i].W/2, y+14, text, html.EscapeString(a))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10" fill="%s">%s</text></g>`+"\n",
			x+boxes[i].W/2, y+28, text, html.EscapeString(sub))
	}
	for i, line := range lines {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-family="monospace" font-size="11">%s</text>`+"\n",
			w-panelW+margin, margin+float64(i+1)*lineH, html.EscapeString(line))
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}
