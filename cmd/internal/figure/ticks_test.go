package figure

import (
	"strings"
	"testing"
)

// The steps and labels matplotlib's default locator and formatter give for
// the lecture's axes.
func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 30, "0 5 10 15 20 25 30"},
		{-15, 15, "-15 -10 -5 0 5 10 15"},
		{0.45, 12.55, "2 4 6 8 10 12"},
		{-125, 2625, "0 500 1000 1500 2000 2500"},
		{0.45, 0.92, "0.5 0.6 0.7 0.8 0.9"},
		{-1.1, 1.1, "-1.00 -0.75 -0.50 -0.25 0.00 0.25 0.50 0.75 1.00"},
		{-10, 10, "-10.0 -7.5 -5.0 -2.5 0.0 2.5 5.0 7.5 10.0"},
		{1, 1, ""},
	} {
		var got []string
		for _, tk := range (ticks{}).Ticks(tc.lo, tc.hi) {
			got = append(got, tk.Label)
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("ticks on [%g, %g]: %s, want %s", tc.lo, tc.hi, s, tc.want)
		}
	}
}

// grey follows matplotlib's 256-entry lookup: index floor(256 x), clipped.
func TestGrey(t *testing.T) {
	for _, tc := range []struct {
		v, lo, hi float64
		gray      uint8
	}{
		{0, 0, 1, 0},
		{1, 0, 1, 255},
		{0.5, 0, 1, 128},
		{0.999, 0, 1, 255},
		{1.0 / 256, 0, 1, 1},
		{-3, 0, 1, 0},
		{7, 0, 1, 255},
		{3, 2, 4, 128},
		{5, 5, 5, 0},
	} {
		if got := Gray.grey(tc.v, tc.lo, tc.hi); got != tc.gray {
			t.Errorf("gray(%g on [%g, %g]) = %d, want %d", tc.v, tc.lo, tc.hi, got, tc.gray)
		}
		if got := GrayR.grey(tc.v, tc.lo, tc.hi); got != 255-tc.gray {
			t.Errorf("gray_r(%g on [%g, %g]) = %d, want %d", tc.v, tc.lo, tc.hi, got, 255-tc.gray)
		}
	}
}
