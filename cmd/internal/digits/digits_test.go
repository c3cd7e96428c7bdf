package digits

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tf1go/tf1go/nd"
)

func TestArgmaxAndRows(t *testing.T) {
	p := nd.FromFloat32s([]float32{0.1, 0.7, 0.2, 0.5, 0.5, 0}, 2, 3)
	got := Argmax(p)
	if got[0] != 1 || got[1] != 0 { // ties go to the first, as np.argmax
		t.Errorf("Argmax = %v, want [1 0]", got)
	}
	images := nd.New(nd.Float32, 2, 784)
	images.Float32s()[784+5] = 1
	rows := Rows(images)
	if len(rows) != 2 || len(rows[1]) != 784 || rows[1][5] != 1 {
		t.Errorf("Rows: %d rows, second row[5] = %v", len(rows), rows[1][5])
	}
}

func TestFigures(t *testing.T) {
	dir := t.TempDir()
	images := nd.New(nd.Float32, 12, 784)
	labels := nd.New(nd.Float32, 12, 10)
	for i := 0; i < 12; i++ {
		labels.Float32s()[i*10+i%10] = 1
		images.Float32s()[i*784+300+i] = 1
	}
	if err := Samples(filepath.Join(dir, "s.png"), images.Rows(0, 10), labels.Rows(0, 10)); err != nil {
		t.Fatal(err)
	}
	if err := Predictions(filepath.Join(dir, "p.png"), images, labels, labels); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"s.png", "p.png"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}
