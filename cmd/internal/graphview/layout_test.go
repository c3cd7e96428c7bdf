package graphview

import (
	"math"
	"reflect"
	"testing"
)

// TestLayout checks what makes a layered drawing readable on small graphs
// of each kind: edges point down (bar those reversed to break a cycle,
// which point up), boxes of a layer do not overlap, each path starts at
// its source's bottom and ends at its target's top, and the same input
// gives the same drawing.
func TestLayout(t *testing.T) {
	box := Box{W: 60, H: 30}
	cases := []struct {
		name   string
		n      int
		edges  [][2]int
		layers []int
	}{
		{"chain", 3, [][2]int{{0, 1}, {1, 2}}, []int{0, 1, 2}},
		{"diamond", 4, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, []int{0, 1, 1, 2}},
		{"long edge", 4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {0, 3}}, []int{0, 1, 2, 3}},
		{"late source", 4, [][2]int{{0, 1}, {1, 2}, {3, 2}}, []int{0, 1, 2, 1}},
		{"cycle", 3, [][2]int{{0, 1}, {1, 2}, {2, 0}}, []int{0, 1, 2}},
		{"self-loop and isolated", 3, [][2]int{{0, 0}, {0, 1}}, []int{0, 1, 0}},
		{"fan", 6, [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}}, []int{0, 1, 1, 1, 1, 1}},
	}
	for _, c := range cases {
		boxes := make([]Box, c.n)
		for i := range boxes {
			boxes[i] = box
		}
		lay := layoutGraph(boxes, c.edges)
		if !reflect.DeepEqual(lay.Layer, c.layers) {
			t.Errorf("%s: layers %v, want %v", c.name, lay.Layer, c.layers)
		}
		for i := range boxes {
			for j := i + 1; j < len(boxes); j++ {
				if lay.Layer[i] == lay.Layer[j] && math.Abs(lay.X[i]-lay.X[j]) < box.W+hGap-1e-9 {
					t.Errorf("%s: boxes %d and %d overlap on layer %d (x %v, %v)", c.name, i, j, lay.Layer[i], lay.X[i], lay.X[j])
				}
			}
		}
		k := 0
		for _, e := range c.edges {
			if e[0] == e[1] {
				continue
			}
			pts := lay.Paths[k]
			k++
			first, last := pts[0], pts[len(pts)-1]
			if first != [2]float64{lay.X[e[0]] + box.W/2, lay.Y[e[0]] + box.H} && first != [2]float64{lay.X[e[0]] + box.W/2, lay.Y[e[0]]} {
				t.Errorf("%s: edge %v starts at %v, not on box %d", c.name, e, first, e[0])
			}
			if last != [2]float64{lay.X[e[1]] + box.W/2, lay.Y[e[1]]} && last != [2]float64{lay.X[e[1]] + box.W/2, lay.Y[e[1]] + box.H} {
				t.Errorf("%s: edge %v ends at %v, not on box %d", c.name, e, last, e[1])
			}
			if down := lay.Layer[e[1]] > lay.Layer[e[0]]; down != (last[1] > first[1]) {
				t.Errorf("%s: edge %v between layers %d and %d drawn from y %v to %v", c.name, e, lay.Layer[e[0]], lay.Layer[e[1]], first[1], last[1])
			}
		}
		if k != len(lay.Paths) {
			t.Errorf("%s: %d paths for %d edges (self-loops dropped)", c.name, len(lay.Paths), k)
		}
		if again := layoutGraph(boxes, c.edges); !reflect.DeepEqual(again, lay) {
			t.Errorf("%s: a second layout differs", c.name)
		}
	}
}

// TestLayoutUncrosses: two chains drawn crossed at the top come out
// side by side, with no crossing.
func TestLayoutUncrosses(t *testing.T) {
	boxes := make([]Box, 6)
	for i := range boxes {
		boxes[i] = Box{W: 40, H: 20}
	}
	// 0→3→5 and 1→2→4: ordered by index, 3 sits right of 2 below 0 left of 1
	lay := layoutGraph(boxes, [][2]int{{0, 3}, {1, 2}, {3, 5}, {2, 4}})
	if (lay.X[0] < lay.X[1]) != (lay.X[3] < lay.X[2]) || (lay.X[3] < lay.X[2]) != (lay.X[5] < lay.X[4]) {
		t.Errorf("chains cross: x %v", lay.X)
	}
}
