package ops_test

import (
	"errors"
	"math"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// seq is the float32 array 1, 2, 3, ... of the given shape.
func seq(shape ...int) *nd.Array {
	a := nd.New(graph.Float32, shape...)
	for i := range a.Float32s() {
		a.Float32s()[i] = float32(i + 1)
	}
	return a
}

// full is a float32 array of the given shape filled with v.
func full(v float32, shape ...int) *nd.Array {
	a := nd.New(graph.Float32, shape...)
	for i := range a.Float32s() {
		a.Float32s()[i] = v
	}
	return a
}

// f32s is a float32 array of the given shape.
func f32s(data []float32, shape ...int) *nd.Array { return nd.FromFloat32s(data, shape...) }

var (
	stride1 = []int{1, 1, 1, 1}
	stride2 = []int{1, 2, 2, 1}
)

// TestConv2D checks values against TF's, worked out by hand: SAME pads
// the odd row and column at the bottom and right.
func TestConv2D(t *testing.T) {
	conv := func(strides []int, padding string) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return ops.Conv2D(in[0], in[1], strides, padding) }
	}
	ones := func(shape ...int) *nd.Array { return full(1, shape...) }
	runCases(t, []opCase{
		{"VALID 2x2 on 3x3", conv(stride1, "VALID"), []any{seq(1, 3, 3, 1), ones(2, 2, 1, 1)},
			f32s([]float32{12, 16, 24, 28}, 1, 2, 2, 1), 0},
		// pad_total 1: none on top and left, one row and column after
		{"SAME 2x2 on 3x3", conv(stride1, "SAME"), []any{seq(1, 3, 3, 1), ones(2, 2, 1, 1)},
			f32s([]float32{12, 16, 9, 24, 28, 15, 15, 17, 9}, 1, 3, 3, 1), 0},
		// out 2, pad_total (2-1)*2+3-4 = 1, at the bottom and right
		{"SAME 3x3 stride 2 on 4x4", conv(stride2, "SAME"), []any{seq(1, 4, 4, 1), ones(3, 3, 1, 1)},
			f32s([]float32{54, 45, 72, 54}, 1, 2, 2, 1), 0},
		// out 3, pad_total 2: one on each side
		{"SAME 3x3 stride 2 on 5x5", conv(stride2, "SAME"), []any{seq(1, 5, 5, 1), ones(3, 3, 1, 1)},
			f32s([]float32{16, 33, 28, 69, 117, 87, 76, 123, 88}, 1, 3, 3, 1), 0},
		{"VALID stride 1x2", conv([]int{1, 1, 2, 1}, "VALID"), []any{seq(1, 3, 4, 1), f32s([]float32{1, 2}, 1, 2, 1, 1)},
			f32s([]float32{5, 11, 17, 23, 29, 35}, 1, 3, 2, 1), 0},
		// cross-correlation: the filter is not flipped
		{"not flipped", conv(stride1, "VALID"), []any{seq(1, 3, 3, 1), f32s([]float32{1, 0, 0, 0}, 2, 2, 1, 1)},
			f32s([]float32{1, 2, 4, 5}, 1, 2, 2, 1), 0},
		{"channels", conv(stride1, "SAME"), []any{f32s([]float32{1, 2}, 1, 1, 1, 2), f32s([]float32{1, 2, 3, 4, 5, 6}, 1, 1, 2, 3)},
			f32s([]float32{9, 12, 15}, 1, 1, 1, 3), 0},
		{"batch and filters", conv(stride1, "VALID"), []any{seq(2, 2, 2, 1), f32s([]float32{1, 1, 1, 0, 1, 0, 1, -1}, 2, 2, 1, 2)},
			f32s([]float32{10, -3, 26, -3}, 2, 1, 1, 2), 0},
		{"filter larger than input, SAME", conv(stride1, "SAME"), []any{seq(1, 1, 2, 1), ones(3, 3, 1, 1)},
			f32s([]float32{3, 3}, 1, 1, 2, 1), 0},
		{"float64", conv(stride1, "VALID"), []any{f64([]float64{0.1, 0.2, 0.3, 0.4}, 1, 2, 2, 1), f64([]float64{0.5, 0.6, 0.7, 0.8}, 2, 2, 1, 1)},
			f64([]float64{0.1*0.5 + 0.2*0.6 + 0.3*0.7 + 0.4*0.8}, 1, 1, 1, 1), 1e-15},
		// the lecture's OFE: a constant filter written as a Go nested slice
		{"Go slice filter", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.Conv2D(in[0], [][][][]float64{{{{1}}, {{1}}}, {{{1}}, {{1}}}}, stride1, "VALID")
		}, []any{seq(1, 3, 3, 1)}, f32s([]float32{12, 16, 24, 28}, 1, 2, 2, 1), 0},
		{"float64 *nd.Array constant filter converted", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.Conv2D(in[0], f64([]float64{1, 0, 0, 0}, 2, 2, 1, 1), stride1, "VALID")
		}, []any{seq(1, 3, 3, 1)}, f32s([]float32{1, 2, 4, 5}, 1, 2, 2, 1), 0},
	})
}

// directConv is the definition of TF's conv2d, one output at a time.
func directConv(x, f *nd.Array, sy, sx int, same bool) *nd.Array {
	n, h, w, c := x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3)
	kh, kw, o := f.Dim(0), f.Dim(1), f.Dim(3)
	oh, ow, pt, pl := (h-kh+sy)/sy, (w-kw+sx)/sx, 0, 0
	if same {
		oh, ow = (h+sy-1)/sy, (w+sx-1)/sx
		pt, pl = max((oh-1)*sy+kh-h, 0)/2, max((ow-1)*sx+kw-w, 0)/2
	}
	out := nd.New(x.DType(), n, oh, ow, o)
	for b := 0; b < n; b++ {
		for oy := 0; oy < oh; oy++ {
			for ox := 0; ox < ow; ox++ {
				for k := 0; k < o; k++ {
					s := 0.0
					for ky := 0; ky < kh; ky++ {
						for kx := 0; kx < kw; kx++ {
							y, xx := oy*sy-pt+ky, ox*sx-pl+kx
							if y < 0 || y >= h || xx < 0 || xx >= w {
								continue
							}
							for ci := 0; ci < c; ci++ {
								s += x.At(b, y, xx, ci) * f.At(ky, kx, ci, k)
							}
						}
					}
					out.SetFlat(((b*oh+oy)*ow+ox)*o+k, s)
				}
			}
		}
	}
	return out
}

// TestConv2DMatchesDefinition runs odd sizes, strides and paddings, and
// batches that span several im2col chunks, against directConv, and
// checks both gradients there.
func TestConv2DMatchesDefinition(t *testing.T) {
	for _, c := range []struct {
		name       string
		x, f       []int
		sy, sx     int
		padding    string
		tolFloat32 float64
	}{
		{"SAME 5x5", []int{3, 9, 11, 3}, []int{5, 5, 3, 4}, 1, 1, "SAME", 1e-5},
		{"SAME 4x3 stride 3x2", []int{2, 10, 7, 2}, []int{4, 3, 2, 5}, 3, 2, "SAME", 1e-5},
		{"VALID 3x2 stride 2x3", []int{2, 9, 11, 3}, []int{3, 2, 3, 2}, 2, 3, "VALID", 1e-5},
		{"1x1", []int{2, 4, 5, 6}, []int{1, 1, 6, 3}, 1, 1, "SAME", 1e-5},
		{"stride larger than filter", []int{1, 9, 9, 1}, []int{2, 2, 1, 2}, 4, 4, "SAME", 1e-5},
		{"many chunks", []int{45, 16, 16, 3}, []int{3, 3, 3, 4}, 1, 1, "SAME", 1e-5},
	} {
		t.Run(c.name, func(t *testing.T) {
			x, f := randArray(81, -1, 1, c.x...), randArray(82, -1, 1, c.f...)
			want := directConv(x, f, c.sy, c.sx, c.padding == "SAME")
			for _, dt := range []graph.DType{graph.Float64, graph.Float32} {
				xv, _ := nd.From(x, dt)
				fv, _ := nd.From(f, dt)
				g := graph.New()
				y := ops.Conv2D(ops.Constant(xv).In(g), fv, []int{1, c.sy, c.sx, 1}, c.padding)
				got, err := session.New(g).Run(y, nil)
				if err != nil {
					t.Fatal(err)
				}
				tol := 1e-12
				if dt == graph.Float32 {
					tol = c.tolFloat32
				}
				checkArray(t, got.(*nd.Array), want, tol)
			}
			checkConvAdjoint(t, x, f, []int{1, c.sy, c.sx, 1}, c.padding)
		})
	}
}

// checkConvAdjoint checks both gradients of a large conv at once: conv
// is bilinear, so for any dy, sum(dy*conv(x,f)) = sum(x*dx) = sum(f*df).
func checkConvAdjoint(t *testing.T, x, f *nd.Array, strides []int, padding string) {
	t.Helper()
	g := graph.New()
	xt, ft := g.Placeholder(graph.Float64, graph.Shape(x.Shape())), g.Placeholder(graph.Float64, graph.Shape(f.Shape()))
	y := ops.Conv2D(xt, ft, strides, padding)
	dy := ops.Constant(randArray(83, -1, 1, y.Shape()...))
	obj := ops.ReduceSum(ops.Mul(dy, y))
	grads := ops.Gradients([]*graph.Tensor{obj}, []*graph.Tensor{xt, ft})
	vals, err := session.New(g).Run([]any{obj, grads[0], grads[1]}, session.Feed{xt: x, ft: f})
	if err != nil {
		t.Fatal(err)
	}
	v := vals.([]any)
	dot := func(a, b *nd.Array) float64 {
		s := 0.0
		for i := 0; i < a.Len(); i++ {
			s += a.Flat(i) * b.Flat(i)
		}
		return s
	}
	want := v[0].(*nd.Array).Float()
	if dx := dot(x, v[1].(*nd.Array)); math.Abs(dx-want) > 1e-9*max(1, math.Abs(want)) {
		t.Errorf("sum(x*dx) = %v, want sum(dy*y) = %v", dx, want)
	}
	if df := dot(f, v[2].(*nd.Array)); math.Abs(df-want) > 1e-9*max(1, math.Abs(want)) {
		t.Errorf("sum(f*df) = %v, want sum(dy*y) = %v", df, want)
	}
}

// gradOfSum returns d(sum(y))/dx for each x, computed by a Session.
func gradOfSum(t *testing.T, g *graph.Graph, y *graph.Tensor, feed session.Feed, xs ...*graph.Tensor) []*nd.Array {
	t.Helper()
	grads := ops.Gradients([]*graph.Tensor{ops.ReduceSum(y)}, xs)
	fetches := make([]any, len(grads))
	for i, gr := range grads {
		fetches[i] = gr
	}
	vals, err := session.New(g).Run(fetches, feed)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*nd.Array, len(grads))
	for i, v := range vals.([]any) {
		out[i] = v.(*nd.Array)
	}
	return out
}

// TestConv2DGradientTF checks Conv2DBackpropInput and Conv2DBackpropFilter
// for dy = 1: dx counts the windows over each input (SAME's extra
// padding at the bottom and right shows), df sums what each tap saw.
func TestConv2DGradientTF(t *testing.T) {
	for _, c := range []struct {
		name           string
		padding        string
		wantDx, wantDf []float32
	}{
		{"VALID", "VALID", []float32{1, 2, 1, 2, 4, 2, 1, 2, 1}, []float32{12, 16, 24, 28}},
		{"SAME", "SAME", []float32{1, 2, 2, 2, 4, 4, 2, 4, 4}, []float32{45, 33, 39, 28}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			x := g.Placeholder(graph.Float32, graph.Shape{1, 3, 3, 1})
			f := g.Placeholder(graph.Float32, graph.Shape{2, 2, 1, 1})
			y := ops.Conv2D(x, f, stride1, c.padding)
			gs := gradOfSum(t, g, y, session.Feed{x: seq(1, 3, 3, 1), f: f32s([]float32{1, 1, 1, 1}, 2, 2, 1, 1)}, x, f)
			checkArray(t, gs[0], f32s(c.wantDx, 1, 3, 3, 1), 0)
			checkArray(t, gs[1], f32s(c.wantDf, 2, 2, 1, 1), 0)
		})
	}
}

func TestGradientConv2D(t *testing.T) {
	for _, c := range []struct {
		name    string
		x, f    []int
		strides []int
		padding string
	}{
		{"SAME", []int{2, 4, 5, 3}, []int{3, 3, 3, 2}, stride1, "SAME"},
		{"SAME stride 2, odd padding", []int{1, 6, 7, 2}, []int{2, 3, 2, 3}, stride2, "SAME"},
		{"VALID stride 2x3", []int{2, 7, 8, 2}, []int{3, 2, 2, 2}, []int{1, 2, 3, 1}, "VALID"},
		{"filter larger than input", []int{1, 2, 2, 1}, []int{5, 5, 1, 2}, stride1, "SAME"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Conv2D(xs[0], xs[1], c.strides, c.padding) },
				randArray(91, -1, 1, c.x...), randArray(92, -1, 1, c.f...))
		})
	}
	// the CNN's layer, small: relu(conv + bias), max_pool, flatten, softmax
	t.Run("conv layer to softmax", func(t *testing.T) {
		checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
			h := ops.Relu(ops.BiasAdd(ops.Conv2D(xs[0], xs[1], stride1, "SAME"), xs[2]))
			p := ops.MaxPool(h, []int{1, 2, 2, 1}, stride2, "SAME")
			return ops.Softmax(ops.MatMul(ops.Reshape(p, -1, 3*3*2), xs[3]))
		}, randArray(93, 0, 1, 2, 5, 6, 1), randArray(94, -1, 1, 3, 3, 1, 2), randArray(95, -0.1, 0.1, 2), randArray(96, -1, 1, 18, 3))
	})
}

func TestConv2DShapes(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 28, 28, 1})
	w := g.Variable(ops.TruncatedNormal([]int{5, 5, 1, 32}, ops.Stddev(0.1)))
	anyRank := g.Placeholder(graph.Float32, nil)
	for _, c := range []struct {
		y    *graph.Tensor
		want string
	}{
		{ops.Conv2D(x, w, stride1, "SAME"), "(?, 28, 28, 32)"},
		{ops.Conv2D(x, w, stride2, "SAME"), "(?, 14, 14, 32)"},
		{ops.Conv2D(x, w, stride1, "VALID"), "(?, 24, 24, 32)"},
		{ops.Conv2D(x, w, []int{1, 3, 2, 1}, "VALID"), "(?, 8, 12, 32)"},
		{ops.Conv2D(anyRank, w, stride1, "SAME"), "(?, ?, ?, 32)"},
		{ops.Conv2D(x, anyRank, stride1, "SAME"), "(?, 28, 28, ?)"},
		{ops.Conv2D(x, anyRank, stride1, "VALID"), "(?, ?, ?, ?)"},
		{ops.MaxPool(x, []int{1, 2, 2, 1}, stride2, "SAME"), "(?, 14, 14, 1)"},
		{ops.MaxPool(ops.Conv2D(x, w, stride1, "SAME"), []int{1, 3, 3, 1}, stride2, "VALID"), "(?, 13, 13, 32)"},
		{ops.MaxPool(anyRank, []int{1, 2, 2, 1}, stride2, "SAME"), "(?, ?, ?, ?)"},
	} {
		if got := c.y.Shape().String(); got != c.want {
			t.Errorf("%s: shape %s, want %s", c.y.Name(), got, c.want)
		}
	}
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
}

// buildError is one graph-building error case: build adds the bad op to
// g; want is the whole message, in TF's words.
type buildError struct {
	name  string
	build func(g *graph.Graph)
	want  string
}

func checkBuildErrors(t *testing.T, cases []buildError) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			c.build(g)
			var ge *graph.Error
			if err := g.Err(); !errors.As(err, &ge) || err.Error() != c.want {
				t.Fatalf("g.Err() = %v (%T)\nwant *graph.Error %q", err, err, c.want)
			}
		})
	}
}

func TestConv2DErrors(t *testing.T) {
	img := func(g *graph.Graph) *graph.Tensor {
		return g.Placeholder(graph.Float32, graph.Shape{graph.None, 28, 28, 1})
	}
	w := ops.Zeros(5, 5, 1, 32)
	checkBuildErrors(t, []buildError{
		{"input rank", func(g *graph.Graph) {
			ops.Conv2D(g.Placeholder(graph.Float32, graph.Shape{graph.None, 28, 28}), w, stride1, "SAME")
		}, "Shape must be rank 4 but is rank 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28], [5,5,1,32]."},
		{"filter rank", func(g *graph.Graph) { ops.Conv2D(img(g), ops.Zeros(5, 5, 32), stride1, "SAME") },
			"Shape must be rank 4 but is rank 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,32]."},
		{"channels", func(g *graph.Graph) {
			ops.Conv2D(g.Placeholder(graph.Float32, graph.Shape{1, 8, 8, 3}), w, stride1, "SAME")
		},
			"Dimensions must be equal, but are 3 and 1 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,8,8,3], [5,5,1,32]."},
		{"padding", func(g *graph.Graph) { ops.Conv2D(img(g), w, stride1, "same") },
			`Attr 'padding' of 'Conv2D' Op passed string 'same' not in: "SAME", "VALID". for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,1,32].`},
		{"strides length", func(g *graph.Graph) { ops.Conv2D(img(g), w, []int{1, 1, 1}, "SAME") },
			"Conv2D requires the stride attribute to contain 4 values, but got: 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,1,32]."},
		{"batch stride", func(g *graph.Graph) { ops.Conv2D(img(g), w, []int{2, 1, 1, 1}, "SAME") },
			"Current implementation does not yet support strides in the batch and depth dimensions. for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,1,32]."},
		{"zero stride", func(g *graph.Graph) { ops.Conv2D(img(g), w, []int{1, 0, 1, 1}, "SAME") },
			"Stride must be > 0, but got 0 for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,1,32]."},
		{"VALID filter too large", func(g *graph.Graph) {
			ops.Conv2D(g.Placeholder(graph.Float32, graph.Shape{1, 3, 8, 1}), w, stride1, "VALID")
		},
			"Negative dimension size caused by subtracting 5 from 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,3,8,1], [5,5,1,32]."},
		{"VALID 5x5 filter on 4x4", func(g *graph.Graph) {
			ops.Conv2D(g.Placeholder(graph.Float32, graph.Shape{graph.None, 4, 4, 1}), g.Variable(ops.Zeros(5, 5, 1, 2)), stride1, "VALID")
		},
			"Negative dimension size caused by subtracting 5 from 4 for 'Conv2D' (op: 'Conv2D') with input shapes: [?,4,4,1], [5,5,1,2]."},
		{"dtype", func(g *graph.Graph) {
			ops.Conv2D(img(g), ops.Constant(nd.New(graph.Float64, 5, 5, 1, 32)), stride1, "SAME")
		},
			"Input 'filter' of 'Conv2D' Op has type float64 that does not match type float32 of argument 'input'. for 'Conv2D' (op: 'Conv2D') with input shapes: [?,28,28,1], [5,5,1,32]."},
	})
	// a fed batch too small for the filter fails at Run, in the same words
	g := graph.New()
	x := g.Placeholder(graph.Float32, nil)
	y := ops.Conv2D(x, w, stride1, "VALID")
	_, err := session.New(g).Run(y, session.Feed{x: nd.New(graph.Float32, 1, 3, 8, 1)})
	var ge *graph.Error
	if want := "Negative dimension size caused by subtracting 5 from 3"; !errors.As(err, &ge) || ge.Msg != want {
		t.Errorf("Run with a 3x8 image: %v, want %q", err, want)
	}
}

// TestConv2DLectureEdgeFilter runs OFE's constant edge filters (Chapter
// 4: 5x5, vertical and horizontal, /23, built in float64 and made a
// float32 constant) over a vertical bar: the vertical filter answers
// -14, -9, 0, 9, 14 (/23) across the bar's row, the horizontal one 0 (to float32 rounding).
func TestConv2DLectureEdgeFilter(t *testing.T) {
	f0 := [5][5]float64{{2, 1, 0, -1, -2}, {3, 2, 0, -2, -3}, {4, 3, 0, -3, -4}, {3, 2, 0, -2, -3}, {2, 1, 0, -1, -2}}
	filters := nd.New(graph.Float64, 5, 5, 1, 2)
	for y := range 5 {
		for x := range 5 {
			filters.SetFlat((y*5+x)*2, f0[y][x]/23)
			filters.SetFlat((y*5+x)*2+1, f0[x][y]/23)
		}
	}
	bar := nd.New(graph.Float32, 1, 5, 5, 1)
	for y := range 5 {
		bar.SetFlat(y*5+2, 1)
	}
	f32, _ := nd.From(filters, graph.Float32)
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 5, 5, 1})
	for _, w := range []any{ops.Constant(f32), filters} {
		got := mustRun(t, session.New(g), ops.Conv2D(x, w, stride1, "SAME"), session.Feed{x: bar}).(*nd.Array)
		for ox, want := range []float64{-14, -9, 0, 9, 14} {
			if v, h := got.At(0, 2, ox, 0), got.At(0, 2, ox, 1); math.Abs(v-want/23) > 1e-6 || math.Abs(h) > 1e-6 {
				t.Errorf("%T filter: row 2 column %d: vertical %v, horizontal %v; want %v and 0", w, ox, v, h, want/23)
			}
		}
	}
}
