package nd_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/nd"
)

// TestString pins numpy's str(a) for the cases its FloatingFormat,
// IntegerFormat, BoolFormat and _formatArray distinguish. Each want was
// written from numpy's rules (numpy >= 1.14 defaults: precision 8,
// floatmode 'maxprec', linewidth 75, threshold 1000, edgeitems 3).
func TestString(t *testing.T) {
	seq := func(n int) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = float64(i)
		}
		return out
	}
	i64 := func(xs ...int64) []int64 { return xs }
	for _, c := range []struct {
		name string
		a    *nd.Array
		want string
	}{
		{"float32 column, float32 precision", nd.FromFloat32s([]float32{0.56029755, 0.49259415}, 2, 1), "[[0.56029755]\n [0.49259415]]"},
		{"float32 0.1 is not 0.10000000149", nd.FromFloat32s([]float32{0.1, 0.2}, 2), "[0.1 0.2]"},
		{"float64 capped at 8 digits", nd.FromFloat64s([]float64{1.0 / 3, 2.0 / 3}, 2), "[0.33333333 0.66666667]"},
		{"padded to one width", nd.FromFloat64s([]float64{1, 2.5, -10}, 3), "[  1.    2.5 -10. ]"},
		{"whole numbers keep the point", nd.FromFloat32s([]float32{0, 1, 2}, 3), "[0. 1. 2.]"},
		{"scientific for small values", nd.FromFloat64s([]float64{1e-5, 1}, 2), "[1.e-05 1.e+00]"},
		{"scientific, mantissas padded", nd.FromFloat64s([]float64{1.5e-5, 1}, 2), "[1.5e-05 1.0e+00]"},
		{"scientific for a wide range", nd.FromFloat64s([]float64{1, 1001}, 2), "[1.000e+00 1.001e+03]"},
		{"nan and inf", nd.FromFloat64s([]float64{math.NaN(), 1, math.Inf(-1)}, 3), "[ nan   1. -inf]"},
		{"ints right-aligned", nd.FromInt64s(i64(1, 10, -3, 200), 2, 2), "[[  1  10]\n [ -3 200]]"},
		{"bools", nd.FromBools([]bool{true, false, true}, 3), "[ True False  True]"},
		{"rank 3: blank line between blocks", nd.FromInt64s(i64(1, 2, 3, 4, 5, 6, 7, 8), 2, 2, 2), "[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]"},
		{"rank 0 float32", nd.Scalar(nd.Float32, 0.5), "0.5"},
		{"rank 0 whole", nd.Scalar(nd.Float64, 1), "1.0"},
		{"rank 0 tiny", nd.Scalar(nd.Float64, 1e-5), "1e-05"},
		{"rank 0 int", nd.Scalar(nd.Int64, 7), "7"},
		{"rank 0 bool", nd.Scalar(nd.Bool, 1), "True"},
		{"empty", nd.New(nd.Float32, 2, 0), "[]"},
		{"wrapped at 75 columns", nd.FromFloat64s(seq(20), 20),
			"[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19.]"},
		{"summarized past 1000 elements", nd.FromFloat64s(seq(1001), 1001), "[   0.    1.    2. ...  998.  999. 1000.]"},
		{"summarized rows", nd.FromInt64s(make([]int64, 2000), 1000, 2), "[[0 0]\n [0 0]\n [0 0]\n ...\n [0 0]\n [0 0]\n [0 0]]"},
	} {
		if got := c.a.String(); got != c.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

// TestMisusePanicsWithError checks nd's one policy: misuse panics with an
// *nd.Error (never a runtime error such as makeslice or a bad type
// assertion), and a fetched value read as a scalar returns one.
func TestMisusePanicsWithError(t *testing.T) {
	a := nd.FromFloat32s([]float32{1, 2, 3, 4}, 2, 2)
	for _, c := range []struct {
		name string
		f    func()
		msg  string
	}{
		{"3 values for (2, 2)", func() { nd.FromFloat32s([]float32{1, 2, 3}, 2, 2) }, "nd.FromFloat32s: 3 values do not fill shape (2, 2) (4 elements)"},
		{"float64s", func() { nd.FromFloat64s(nil, 1) }, "nd.FromFloat64s: 0 values do not fill shape (1,)"},
		{"int64s", func() { nd.FromInt64s([]int64{1}, 2) }, "nd.FromInt64s: 1 values"},
		{"bools", func() { nd.FromBools([]bool{true}, 0) }, "nd.FromBools: 1 values"},
		{"negative dim", func() { nd.New(nd.Float32, -1, 2) }, "nd.New: negative dimension -1 in shape (?, 2)"},
		{"negative dim with data", func() { nd.FromFloat32s(nil, -1, 0) }, "nd.FromFloat32s: negative dimension"},
		{"invalid dtype", func() { nd.New(nd.Invalid, 2) }, "nd.New: invalid dtype 0"},
		{"scalar of invalid dtype", func() { nd.Scalar(nd.Invalid, 1) }, "nd.New: invalid dtype"},
		{"wrong accessor", func() { a.Float64s() }, "nd.Float64s: array of dtype float"},
		{"wrong accessor int", func() { a.Int64s() }, "nd.Int64s: array of dtype float"},
		{"wrong accessor bool", func() { a.Bools() }, "nd.Bools: array of dtype float"},
		{"reshape", func() { a.Reshaped(3) }, "nd.Reshaped: 4 values do not fill shape (3,)"},
		{"prefix", func() { a.Prefix(5) }, "nd.Prefix: shape (5,) needs 5 elements, array has 4"},
		{"rows", func() { a.Rows(1, 3) }, "nd.Rows: [1:3] out of range for shape (2, 2)"},
		{"row", func() { a.Row(2) }, "nd.Row: row 2 out of range"},
		{"dim", func() { a.Dim(2) }, "nd.Dim: dim 2 of an array of shape (2, 2)"},
		{"at", func() { a.At(0) }, "nd.At: 1 indices for shape (2, 2)"},
		{"at range", func() { a.At(0, 2) }, "nd.At: index [0 2] out of range"},
		{"float", func() { a.Float() }, "nd.Float64: array of shape (2, 2) holds 4 values, not one"},
		{"copy dtype", func() { a.CopyFrom(nd.New(nd.Float64, 4)) }, "nd.CopyFrom: cannot copy double (4,) into float (2, 2)"},
		{"copy size", func() { a.CopyFrom(nd.New(nd.Float32, 3)) }, "nd.CopyFrom: cannot copy float (3,) into float (2, 2)"},
		{"concat none", func() { nd.Concat() }, "nd.Concat: need at least one array"},
		{"concat scalar", func() { nd.Concat(nd.Scalar(nd.Float32, 1)) }, "nd.Concat: zero-dimensional array 0"},
		{"concat dims", func() { nd.Concat(a, nd.New(nd.Float32, 1, 3)) }, "nd.Concat: array 1 is float (1, 3), array 0 is float (2, 2)"},
		{"concat dtypes", func() { nd.Concat(a, nd.New(nd.Float64, 1, 2)) }, "nd.Concat: array 1 is double (1, 2)"},
	} {
		func() {
			defer func() {
				r := recover()
				err, ok := r.(error)
				var ne *nd.Error
				if !ok || !errors.As(err, &ne) {
					t.Errorf("%s: panicked with %#v, want an *nd.Error", c.name, r)
					return
				}
				if !strings.HasPrefix(err.Error(), c.msg) {
					t.Errorf("%s: %q, want it to start %q", c.name, err, c.msg)
				}
			}()
			c.f()
		}()
	}
}

func TestScalarAccessors(t *testing.T) {
	for _, a := range []*nd.Array{nd.Scalar(nd.Float32, 2.5), nd.FromFloat64s([]float64{2.5}, 1, 1), nd.FromInt64s([]int64{2}, 1)} {
		f32, err1 := a.Float32()
		f64, err2 := a.Float64()
		i, err3 := a.Int64()
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatalf("%v: %v", a, err)
		}
		if float64(f32) != f64 || i != int64(f64) {
			t.Errorf("%v: Float32 %v, Float64 %v, Int64 %v", a, f32, f64, i)
		}
	}
	if i, _ := nd.FromInt64s([]int64{1<<62 + 1}, 1).Int64(); i != 1<<62+1 {
		t.Errorf("Int64 of an int64 array lost precision: %d", i)
	}
	two := nd.New(nd.Float32, 2, 1)
	for name, f := range map[string]func() error{
		"Float32": func() error { _, err := two.Float32(); return err },
		"Float64": func() error { _, err := two.Float64(); return err },
		"Int64":   func() error { _, err := two.Int64(); return err },
	} {
		var ne *nd.Error
		if err := f(); !errors.As(err, &ne) || err.Error() != "nd."+name+": array of shape (2, 1) holds 2 values, not one" {
			t.Errorf("%s of a (2, 1) array: %v", name, err)
		}
	}
}

// TestViews checks that Rows, Row, Reshaped and Prefix share the data
// and Clone does not.
func TestViews(t *testing.T) {
	a := nd.FromFloat32s([]float32{1, 2, 3, 4, 5, 6}, 3, 2)
	rows, row, flat, pre, clone := a.Rows(1, 3), a.Row(2), a.Reshaped(6), a.Prefix(2, 2), a.Clone()
	a.Float32s()[5] = 60
	a.Float32s()[2] = 30
	for _, c := range []struct {
		v    *nd.Array
		want string
	}{{rows, "[[30.  4.]\n [ 5. 60.]]"}, {row, "[ 5. 60.]"}, {flat, "[ 1.  2. 30.  4.  5. 60.]"}, {pre, "[[ 1.  2.]\n [30.  4.]]"}, {clone, "[[1. 2.]\n [3. 4.]\n [5. 6.]]"}} {
		if got := c.v.String(); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
	if at := a.At(2, 1); at != 60 {
		t.Errorf("At(2, 1) = %v", at)
	}
}

func TestConcat(t *testing.T) {
	a := nd.FromInt64s([]int64{1, 2}, 1, 2)
	b := nd.FromInt64s([]int64{3, 4, 5, 6}, 2, 2)
	c := nd.Concat(a, b)
	if got := c.String(); got != "[[1 2]\n [3 4]\n [5 6]]" {
		t.Errorf("Concat = %s", got)
	}
	b.Int64s()[0] = 30
	if c.At(1, 0) != 3 {
		t.Error("Concat shares data with its inputs; want a copy")
	}
}

// TestConversions checks From's dtype conversions (numpy's astype) and
// its shared result for an array of the asked dtype.
func TestConversions(t *testing.T) {
	f := nd.FromFloat64s([]float64{-1.7, 0, 2.5}, 3)
	for _, c := range []struct {
		dt   nd.DType
		want string
	}{{nd.Float32, "[-1.7  0.   2.5]"}, {nd.Int64, "[-1  0  2]"}, {nd.Bool, "[ True False  True]"}} {
		a, err := nd.From(f, c.dt)
		if err != nil || a.String() != c.want || a.DType() != c.dt {
			t.Errorf("From(%v, %v) = %v, %v; want %s", f, c.dt, a, err, c.want)
		}
	}
	if same, _ := nd.From(f, nd.Float64); same != f {
		t.Error("From of an array of the same dtype copied it")
	}
	a, err := nd.From([][2]int{{1, 2}, {3, 4}}, nd.Float32)
	if err != nil || a.String() != "[[1. 2.]\n [3. 4.]]" {
		t.Errorf("From([][2]int) = %v, %v", a, err)
	}
	var ce *nd.ConvertError
	if _, err := nd.From(f, nd.Invalid); !errors.As(err, &ce) {
		t.Errorf("From with dtype Invalid: %v, want a *ConvertError", err)
	}
}
