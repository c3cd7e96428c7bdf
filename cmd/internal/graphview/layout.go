package graphview

import (
	"math"
	"slices"
)

// A layered (Sugiyama-style) drawing of a directed graph, top to bottom:
// cycles broken by reversing back edges, nodes put on layers by longest
// path, long edges routed through dummy points, each layer ordered by the
// barycentre of its neighbours to cut crossings, then nodes pulled over
// their neighbours without overlapping.

// Box is a node to place: its size.
type Box struct{ W, H float64 }

// Layout is where the boxes and edges go.
type Layout struct {
	X, Y          []float64      // each box's top-left corner
	Layer         []int          // each box's layer, 0 at the top
	Paths         [][][2]float64 // each edge's points, from its source's bottom to its target's top
	Width, Height float64
}

const (
	hGap     = 24.0 // between boxes of a layer
	dummyGap = 10.0 // between two edges passing a layer
	vGap     = 56.0 // between layers
)

// layoutGraph places boxes with edges (source, target index pairs).
// Self-loops are dropped.
func layoutGraph(boxes []Box, edges [][2]int) *Layout {
	n := len(boxes)
	dag := acyclic(n, edges)
	layer := longestPath(n, dag)

	// nodes of the layered graph: the boxes, then one dummy per layer an
	// edge crosses
	type vertex struct {
		w     float64
		up    []int // neighbours one layer above
		down  []int // and below
		layer int
	}
	vs := make([]vertex, n)
	for i, b := range boxes {
		vs[i] = vertex{w: b.W, layer: layer[i]}
	}
	chains := make([][]int, len(edges)) // per edge, its vertices from top to bottom
	for k, e := range dag {
		if e[0] == e[1] {
			continue
		}
		chain := []int{e[0]}
		for l := layer[e[0]] + 1; l < layer[e[1]]; l++ {
			vs = append(vs, vertex{w: 0, layer: l})
			chain = append(chain, len(vs)-1)
		}
		chain = append(chain, e[1])
		for i := 1; i < len(chain); i++ {
			vs[chain[i-1]].down = append(vs[chain[i-1]].down, chain[i])
			vs[chain[i]].up = append(vs[chain[i]].up, chain[i-1])
		}
		chains[k] = chain
	}

	depth := 0
	for _, l := range layer {
		depth = max(depth, l+1)
	}
	layers := make([][]int, depth)
	for v := range vs {
		layers[vs[v].layer] = append(layers[vs[v].layer], v)
	}

	// order: barycentre sweeps down and up, keeping the best seen
	pos := make([]float64, len(vs))
	index := func() {
		for _, l := range layers {
			for i, v := range l {
				pos[v] = float64(i)
			}
		}
	}
	index()
	crossings := func() int {
		c := 0
		for _, l := range layers {
			var es [][2]float64
			for _, v := range l {
				for _, w := range vs[v].down {
					es = append(es, [2]float64{pos[v], pos[w]})
				}
			}
			for i := range es {
				for j := i + 1; j < len(es); j++ {
					if (es[i][0]-es[j][0])*(es[i][1]-es[j][1]) < 0 {
						c++
					}
				}
			}
		}
		return c
	}
	sortBy := func(l []int, nbrs func(int) []int) {
		bary := make(map[int]float64, len(l))
		for _, v := range l {
			bary[v] = pos[v]
			if ns := nbrs(v); len(ns) > 0 {
				s := 0.0
				for _, w := range ns {
					s += pos[w]
				}
				bary[v] = s / float64(len(ns))
			}
		}
		slices.SortStableFunc(l, func(a, b int) int { return cmpFloat(bary[a], bary[b]) })
		for i, v := range l {
			pos[v] = float64(i)
		}
	}
	best, bestOrder := crossings(), cloneLayers(layers)
	for it := 0; it < 12 && best > 0; it++ {
		if it%2 == 0 {
			for i := 1; i < len(layers); i++ {
				sortBy(layers[i], func(v int) []int { return vs[v].up })
			}
		} else {
			for i := len(layers) - 2; i >= 0; i-- {
				sortBy(layers[i], func(v int) []int { return vs[v].down })
			}
		}
		if c := crossings(); c < best {
			best, bestOrder = c, cloneLayers(layers)
		}
	}
	layers = bestOrder

	// x: pack each layer, then pull nodes towards their neighbours' centres
	// in alternating sweeps, never closer than hGap
	x := make([]float64, len(vs)) // centres
	sep := func(a, b int) float64 {
		gap := hGap
		if vs[a].w == 0 && vs[b].w == 0 {
			gap = dummyGap
		}
		return (vs[a].w+vs[b].w)/2 + gap
	}
	for _, l := range layers {
		for i, v := range l {
			if i > 0 {
				x[v] = x[l[i-1]] + sep(l[i-1], v)
			}
		}
	}
	for it := 0; it < 16; it++ {
		for li := range layers {
			l := layers[li]
			if it%2 == 1 {
				l = layers[len(layers)-1-li]
			}
			want := make([]float64, len(l))
			for i, v := range l {
				ns := append(slices.Clone(vs[v].up), vs[v].down...)
				want[i] = x[v]
				if len(ns) > 0 {
					s := 0.0
					for _, w := range ns {
						s += x[w]
					}
					want[i] = s / float64(len(ns))
				}
			}
			place(l, want, x, sep)
		}
	}

	// shift so the leftmost edge is at 0, and collect the drawing
	minX, maxX := math.Inf(1), math.Inf(-1)
	for v := range vs {
		minX, maxX = min(minX, x[v]-vs[v].w/2), max(maxX, x[v]+vs[v].w/2)
	}
	rowH := make([]float64, depth)
	for i, b := range boxes {
		rowH[layer[i]] = max(rowH[layer[i]], b.H)
	}
	rowY := make([]float64, depth)
	for l := 1; l < depth; l++ {
		rowY[l] = rowY[l-1] + rowH[l-1] + vGap
	}
	out := &Layout{X: make([]float64, n), Y: make([]float64, n), Layer: layer}
	for i, b := range boxes {
		out.X[i], out.Y[i] = x[i]-b.W/2-minX, rowY[layer[i]]+(rowH[layer[i]]-b.H)/2
	}
	for k, chain := range chains {
		if chain == nil {
			continue
		}
		var pts [][2]float64
		for i, v := range chain {
			px := x[v] - minX
			switch {
			case i == 0:
				pts = append(pts, [2]float64{px, out.Y[v] + boxes[v].H})
			case i == len(chain)-1:
				pts = append(pts, [2]float64{px, out.Y[v]})
			default:
				l := vs[v].layer
				pts = append(pts, [2]float64{px, rowY[l]}, [2]float64{px, rowY[l] + rowH[l]})
			}
		}
		if dag[k] != edges[k] { // reversed to break a cycle: draw it back
			slices.Reverse(pts)
		}
		out.Paths = append(out.Paths, pts)
	}
	if depth > 0 {
		out.Width, out.Height = maxX-minX, rowY[depth-1]+rowH[depth-1]
	}
	return out
}

// place moves layer l's nodes as near as it can to want, keeping their
// order and separations: once pushing overlaps to the right, once to the
// left, and takes the mean of the two (which keeps the separations).
func place(l []int, want, x []float64, sep func(a, b int) float64) {
	right := make([]float64, len(l))
	for i, v := range l {
		right[i] = want[i]
		if i > 0 {
			right[i] = max(right[i], right[i-1]+sep(l[i-1], v))
		}
	}
	left := make([]float64, len(l))
	for i := len(l) - 1; i >= 0; i-- {
		left[i] = want[i]
		if i < len(l)-1 {
			left[i] = min(left[i], left[i+1]-sep(l[i], l[i+1]))
		}
	}
	for i, v := range l {
		x[v] = (left[i] + right[i]) / 2
	}
}

// acyclic returns edges with the back edges of a depth-first search
// (in node order) reversed, so the result has no cycle.
func acyclic(n int, edges [][2]int) [][2]int {
	out := slices.Clone(edges)
	adj := make([][]int, n) // edge indices by source
	for k, e := range edges {
		adj[e[0]] = append(adj[e[0]], k)
	}
	state := make([]int8, n) // 0 new, 1 on the stack, 2 done
	var visit func(v int)
	visit = func(v int) {
		state[v] = 1
		for _, k := range adj[v] {
			switch w := edges[k][1]; state[w] {
			case 0:
				visit(w)
			case 1:
				out[k] = [2]int{w, v}
			}
		}
		state[v] = 2
	}
	for v := range n {
		if state[v] == 0 {
			visit(v)
		}
	}
	return out
}

// longestPath puts each node one layer below its lowest predecessor, and
// each source one layer above its highest successor.
func longestPath(n int, dag [][2]int) []int {
	layer := make([]int, n)
	indeg := make([]int, n)
	succ := make([][]int, n)
	for _, e := range dag {
		if e[0] != e[1] {
			succ[e[0]] = append(succ[e[0]], e[1])
			indeg[e[1]]++
		}
	}
	var queue []int
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	sources := slices.Clone(queue)
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range succ[v] {
			layer[w] = max(layer[w], layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	// a source (a variable, a feed) sits just above its first use
	for _, v := range sources {
		if len(succ[v]) > 0 {
			layer[v] = math.MaxInt
			for _, w := range succ[v] {
				layer[v] = min(layer[v], layer[w]-1)
			}
		}
	}
	return layer
}

func cloneLayers(ls [][]int) [][]int {
	out := make([][]int, len(ls))
	for i, l := range ls {
		out[i] = slices.Clone(l)
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
