package filters

import (
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
	"github.com/tf1go/tf1go/nd"
)

// TestEdge checks edge_filter()'s values: filter1 is filter0 transposed,
// the middle column (row) is zero, and the largest weight is 4/23.
func TestEdge(t *testing.T) {
	f := Edge()
	for i := range 5 {
		for j := range 5 {
			if f[i][j][0][1] != f[j][i][0][0] {
				t.Errorf("filter1[%d][%d] = %v, want filter0[%d][%d] = %v", i, j, f[i][j][0][1], j, i, f[j][i][0][0])
			}
		}
		if f[i][2][0][0] != 0 {
			t.Errorf("filter0[%d][2] = %v, want 0", i, f[i][2][0][0])
		}
	}
	if f[2][0][0][0] != 4/23.0 || f[2][4][0][0] != -4/23.0 {
		t.Errorf("filter0 middle row ends = %v, %v, want ±4/23", f[2][0][0][0], f[2][4][0][0])
	}
}

func TestFigure(t *testing.T) {
	const n = 9
	images, labels := nd.New(nd.Float32, n, 784), nd.New(nd.Float32, n, 3)
	maps := nd.New(nd.Float32, n, 14, 14, 2)
	for i := range n {
		labels.SetFlat(i*3+i%3, 1)
		images.SetFlat(i*784+i, 1)
		maps.SetFlat(i*14*14*2+i, float64(i))
	}
	filterVals, err := nd.From(Edge(), nd.Float32)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "maps.png")
	if err := Figure(path, filterVals, images, labels, maps); err != nil {
		t.Fatal(err)
	}
	// 3 rows and 10 columns of 120-pixel cells, plus the title band.
	if w, h := lecturetest.PNGSize(t, path); w != 1200 || h != 3*145 {
		t.Errorf("figure is %dx%d, want 1200x435", w, h)
	}
	if err := Figure(path, filterVals, images.Rows(0, 8), labels, maps); err == nil {
		t.Error("8 images for 9 maps: no error")
	}
}
