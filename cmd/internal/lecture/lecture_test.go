package lecture

import (
	"testing"

	"github.com/tf1go/tf1go/nd"
)

func TestLinspace(t *testing.T) {
	got := Linspace(0, 30, 100)
	if len(got) != 100 || got[0] != 0 || got[99] != 30 {
		t.Fatalf("Linspace(0, 30, 100) = %v ... %v (%d values)", got[0], got[len(got)-1], len(got))
	}
	// numpy: np.linspace(0, 30, 100)[1] == 0.30303030303030304
	if got[1] != 0.30303030303030304 {
		t.Errorf("Linspace(0, 30, 100)[1] = %v, want 0.30303030303030304", got[1])
	}
	if got := Linspace(1, 12, 12); got[5] != 6 {
		t.Errorf("Linspace(1, 12, 12)[5] = %v, want 6", got[5])
	}
	if got := Linspace(-15, 15, 1); len(got) != 1 || got[0] != -15 {
		t.Errorf("Linspace(-15, 15, 1) = %v, want [-15]", got)
	}
}

func TestLocations(t *testing.T) {
	got := Locations(-15, 15, 3)
	want := [][2]float64{{-15, -15}, {0, -15}, {15, -15}, {-15, 0}, {0, 0}, {15, 0}, {-15, 15}, {0, 15}, {15, 15}}
	if len(got) != len(want) {
		t.Fatalf("got %d locations, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("location %d = %v, want %v (x1 varies fastest)", i, got[i], want[i])
		}
	}
}

func TestReshape(t *testing.T) {
	a := nd.FromFloat32s([]float32{1, 2, 3, 4, 5, 6}, 6, 1)
	got, err := Reshape(a, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0][2] != 3 || got[1][0] != 4 {
		t.Errorf("Reshape = %v, want [[1 2 3] [4 5 6]]", got)
	}
	if _, err := Reshape(a, 4); err == nil {
		t.Error("Reshape of 6 values into rows of 4: no error")
	}
}
