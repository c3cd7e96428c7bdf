package ops

import (
	"math"
	"slices"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
)

// maxPoolOp takes the largest value of each window of an NHWC batch,
// channel by channel (tf.nn.max_pool). Padding never wins: a window
// that hangs over the edge takes the max of the values inside.
type maxPoolOp struct {
	ksize, strides []int
	padding        string
}

func (maxPoolOp) Type() string { return "MaxPool" }

func (p maxPoolOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x := in[0]
	same, err := p.attrs()
	if err != nil {
		return x.DType(), nil, err
	}
	if err := requireFloat(x); err != nil {
		return x.DType(), nil, err
	}
	s, err := p.outShape(x.Shape(), same)
	return x.DType(), s, err
}

// outShape is the pooled shape of an input of shape xs.
func (p maxPoolOp) outShape(xs graph.Shape, same bool) (graph.Shape, error) {
	xs, err := rank4(xs)
	if err != nil {
		return nil, err
	}
	oh, err := outDim(xs[1], p.ksize[1], p.strides[1], same)
	if err != nil {
		return nil, err
	}
	ow, err := outDim(xs[2], p.ksize[2], p.strides[2], same)
	if err != nil {
		return nil, err
	}
	return graph.Shape{xs[0], oh, ow, xs[3]}, nil
}

// attrs checks ksize, strides and padding as TF's MaxPool does.
func (p maxPoolOp) attrs() (same bool, err error) {
	if len(p.ksize) != 4 {
		return false, errors.New("Sliding window ksize field must specify 4 dimensions")
	}
	if len(p.strides) != 4 {
		return false, errors.New("Sliding window stride field must specify 4 dimensions")
	}
	if p.ksize[0] != 1 || p.strides[0] != 1 {
		return false, errors.New("Pooling is not yet supported on the batch dimension.")
	}
	if p.ksize[3] != 1 || p.strides[3] != 1 {
		return false, errors.New("tf1go: MaxPool across depth (ksize[3] or strides[3] > 1) is not supported")
	}
	if p.ksize[1] <= 0 || p.ksize[2] <= 0 {
		return false, errors.Errorf("Sliding window ksize must be positive, but got %v", p.ksize)
	}
	if err := positiveStrides(p.strides); err != nil {
		return false, err
	}
	return parsePadding("MaxPool", p.padding)
}

func (p maxPoolOp) geom(x []int) geom {
	return newGeom(x, p.ksize[1], p.ksize[2], p.strides, p.padding == "SAME")
}

func (p maxPoolOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	return p.compute(in, out, nil)
}

// compute pools in[0] into out, recording each output's argmax in
// args[i] when args is not nil.
func (p maxPoolOp) compute(in []*nd.Array, out *nd.Array, args []int) error {
	g := p.geom(in[0].Shape())
	if out.DType() == nd.Float32 {
		maxPool(g, in[0].Float32s(), out.Float32s(), args)
	} else {
		maxPool(g, in[0].Float64s(), out.Float64s(), args)
	}
	return nil
}

func (p maxPoolOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{node(maxPoolGradOp{p}, n.Inputs()[0], dy)}
}

// maxPoolGradOp routes each output's gradient to the input that was its
// max (TF's MaxPoolGrad): inputs x, dy.
type maxPoolGradOp struct{ pool maxPoolOp }

func (maxPoolGradOp) Type() string { return "MaxPoolGrad" }

func (maxPoolGradOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}

func (p maxPoolGradOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	return p.compute(in, out, nil, false)
}

// compute routes dy = in[1] to the maxima of x = in[0], found again or,
// when args is not nil, as the forward pass recorded them; with relu
// (args only), the result is ReluGrad's against x.
func (p maxPoolGradOp) compute(in []*nd.Array, out *nd.Array, args []int, relu bool) error {
	g := p.pool.geom(in[0].Shape())
	if out.DType() == nd.Float32 {
		maxPoolGrad(g, in[0].Float32s(), in[1].Float32s(), out.Float32s(), args, relu)
	} else {
		maxPoolGrad(g, in[0].Float64s(), in[1].Float64s(), out.Float64s(), args, relu)
	}
	return nil
}

// argmaxes is where a max-pool that keeps its argmax (opkit.ArgmaxKeeper) leaves
// them for its gradient: the flat index in x of each output's max, but
// for the channels whose argmax the gradient finds again (route2x2:
// float32 2×2 windows inside the image that tile it), which are not
// recorded.
type argmaxes struct{ idx []int }

// maxPoolKeepOp is MaxPool recording its argmax for maxPoolGradKeepOp.
type maxPoolKeepOp struct {
	maxPoolOp
	keep *argmaxes
}

func (p maxPoolKeepOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	if cap(p.keep.idx) < out.Len() {
		p.keep.idx = make([]int, out.Len())
	}
	p.keep.idx = p.keep.idx[:out.Len()]
	return p.maxPoolOp.compute(in, out, p.keep.idx)
}

// maxPoolGradKeepOp is MaxPoolGrad reading the argmax its forward pass
// recorded instead of searching the windows again. Same inputs.
type maxPoolGradKeepOp struct {
	maxPoolGradOp
	keep *argmaxes
}

func (p maxPoolGradKeepOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	if len(p.keep.idx) != in[1].Len() {
		return errors.Errorf("MaxPoolGrad: the forward pass recorded %d argmaxes for a dy of %d elements", len(p.keep.idx), in[1].Len())
	}
	return p.maxPoolGradOp.compute(in, out, p.keep.idx, false)
}

// FuseReluGrad gives, when grad is ReluGrad, the op computing
// ReluGrad(x, MaxPoolGrad(x, dy)) from MaxPoolGrad's inputs (the gradient
// of a max-pool over a ReLU's output x): the compile step's fusion.
func (p maxPoolGradKeepOp) FuseReluGrad(grad graph.Op) (graph.Op, bool) {
	if grad != graph.Op(reluGrad) {
		return nil, false
	}
	return maxPoolGradReluOp{p}, true
}

// maxPoolGradReluOp is maxPoolGradKeepOp followed by ReluGrad against the
// pool's input x in the same pass, image by image: where x is not
// positive the gradient is +0, as ReluGrad gives. Only the argmaxes can
// hold anything but +0, so only they are checked. Same inputs as
// MaxPoolGrad.
type maxPoolGradReluOp struct{ maxPoolGradKeepOp }

func (maxPoolGradReluOp) Type() string { return "MaxPoolGrad+ReluGrad" }

func (p maxPoolGradReluOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	if len(p.keep.idx) != in[1].Len() {
		return errors.Errorf("MaxPoolGrad: the forward pass recorded %d argmaxes for a dy of %d elements", len(p.keep.idx), in[1].Len())
	}
	return p.maxPoolGradOp.compute(in, out, p.keep.idx, true)
}

// KeepArgmax implements opkit.ArgmaxKeeper.
func (p maxPoolOp) KeepArgmax(grad graph.Op) (graph.Op, graph.Op, bool) {
	gr, ok := grad.(maxPoolGradOp)
	if !ok || !slices.Equal(p.ksize, gr.pool.ksize) || !slices.Equal(p.strides, gr.pool.strides) || p.padding != gr.pool.padding {
		return nil, nil, false
	}
	keep := &argmaxes{}
	return maxPoolKeepOp{p, keep}, maxPoolGradKeepOp{gr, keep}, true
}

// poolWindow sets best to the max of window (n, oy, ox), channel by channel,
// and, when arg is not nil, arg to the flat index in x of the first
// element holding it in row-major window order: TF's CPU kernel picks
// that one on ties.
func poolWindow[T float32 | float64](g geom, x []T, n, oy, ox int, best []T, arg []int) {
	y0, y1 := max(0, oy*g.sy-g.pt), min(g.h, oy*g.sy-g.pt+g.kh)
	x0, x1 := max(0, ox*g.sx-g.pl), min(g.w, ox*g.sx-g.pl+g.kw)
	first := ((n*g.h+y0)*g.w + x0) * g.c
	copy(best, x[first:first+g.c])
	for c := range arg {
		arg[c] = first + c
	}
	for y := y0; y < y1; y++ {
		for xx := x0; xx < x1; xx++ {
			at := ((n*g.h+y)*g.w + xx) * g.c
			for c, v := range x[at : at+g.c] {
				if v > best[c] {
					best[c] = v
					if arg != nil {
						arg[c] = at + c
					}
				}
			}
		}
	}
}

// maxPool writes the max of every window into out, an image per
// goroutine, and each one's argmax into args if not nil.
func maxPool[T float32 | float64](g geom, x, out []T, args []int) {
	par.Chunks(g.n, 1, func(_, n, _ int) { poolImage(g, x, out, args, n) })
}

// poolImage is maxPool for image n.
func poolImage[T float32 | float64](g geom, x, out []T, args []int, n int) {
	x32, _ := any(x).([]float32)
	out32, _ := any(out).([]float32)
	tiles := g.tiles()
	o := n * g.oh * g.ow * g.c
	for oy := 0; oy < g.oh; oy++ {
		for ox := 0; ox < g.ow; ox++ {
			var arg []int
			if args != nil {
				arg = args[o : o+g.c]
			}
			if at, ok := g.inside2x2(n, oy, ox); ok && x32 != nil && arg != nil && tiles {
				// The gradient finds the first k argmaxes again (route2x2).
				k := refound2x2(g.c)
				max2x2(g, x32, at, out32[o:o+k], nil)
				max2x2ArgGo(x32, at, g.c, g.w*g.c, out32[o:o+g.c], arg, k)
			} else if ok && x32 != nil {
				max2x2(g, x32, at, out32[o:o+g.c], arg)
			} else {
				poolWindow(g, x, n, oy, ox, out[o:o+g.c], arg)
			}
			o += g.c
		}
	}
}

// maxPoolGrad adds each window's dy to the input that was its max: the
// one args names, or, if args is nil, the one found again. With relu
// (args only), each sum is then ReluGrad's: +0 where x is not positive.
func maxPoolGrad[T float32 | float64](g geom, x, dy, dx []T, args []int, relu bool) {
	x32, _ := any(x).([]float32)
	per := g.oh * g.ow * g.c // outputs per image
	par.Chunks(g.n, 1, func(_, n, _ int) {
		o := n * per
		if args != nil && g.sy >= g.kh && g.sx >= g.kw {
			routeApart(g, x, dy, dx, args, relu, n)
			return
		}
		clear(dx[n*g.h*g.w*g.c : (n+1)*g.h*g.w*g.c])
		if args != nil {
			for i, j := range args[o : o+per] {
				dx[j] += dy[o+i]
			}
			if relu { // after every add: windows may overlap
				for _, j := range args[o : o+per] {
					if !(x[j] > 0) {
						dx[j] = 0
					}
				}
			}
			return
		}
		best, best32, arg := getScratch[T](g.c), getScratch[float32](g.c), getScratch[int](g.c)
		defer putScratch(best)
		defer putScratch(best32)
		defer putScratch(arg)
		for oy := 0; oy < g.oh; oy++ {
			for ox := 0; ox < g.ow; ox++ {
				if at, ok := g.inside2x2(n, oy, ox); ok && x32 != nil {
					max2x2(g, x32, at, *best32, *arg)
				} else {
					poolWindow(g, x, n, oy, ox, *best, *arg)
				}
				for c, j := range *arg {
					dx[j] += dy[o+c]
				}
				o += g.c
			}
		}
	})
}

// routeApart is maxPoolGrad with args for image n when no two windows
// overlap (each stride at least its window): every element of dx is
// written once, the argmax of its window getting dy + 0 (as 0 + dy,
// which turns -0 into +0), or, with relu, +0 where x is not positive;
// the rest of the window, and any element no window covers, +0.
func routeApart[T float32 | float64](g geom, x, dy, dx []T, args []int, relu bool, n int) {
	covered := g.tiles()
	if !covered {
		clear(dx[n*g.h*g.w*g.c : (n+1)*g.h*g.w*g.c])
	}
	x32, _ := any(x).([]float32)
	dy32, _ := any(dy).([]float32)
	dx32, _ := any(dx).([]float32)
	o := n * g.oh * g.ow * g.c
	for oy := 0; oy < g.oh; oy++ {
		y0, y1 := max(0, oy*g.sy-g.pt), min(g.h, oy*g.sy-g.pt+g.kh)
		for ox := 0; ox < g.ow; ox++ {
			if at, ok := g.inside2x2(n, oy, ox); ok && x32 != nil && covered {
				route2x2(x32, dy32[o:o+g.c], dx32, args[o:o+g.c], at, g.c, g.w*g.c, relu)
				o += g.c
				continue
			}
			x0, x1 := max(0, ox*g.sx-g.pl), min(g.w, ox*g.sx-g.pl+g.kw)
			if covered {
				for y := y0; y < y1; y++ {
					at := ((n*g.h+y)*g.w + x0) * g.c
					clear(dx[at : at+(x1-x0)*g.c])
				}
			}
			for i, j := range args[o : o+g.c] {
				v := dy[o+i] + 0
				if relu && !(x[j] > 0) {
					v = 0
				}
				dx[j] = v
			}
			o += g.c
		}
	}
}

// route2x2Go is routeApart for a float32 2×2 window wholly inside the
// image, starting at x[at], for channels c0 onwards, whose dy and
// argmaxes are dy and args: the window's four corners of dx (cs floats
// apart, rows row apart) cleared, then the argmax's written, chosen
// without a branch that random data would mispredict.
func route2x2Go(x, dy, dx []float32, args []int, at, cs, row int, relu bool, c0 int) {
	d00, d01 := dx[at:at+cs], dx[at+cs:at+2*cs]
	d10, d11 := dx[at+row:at+row+cs], dx[at+row+cs:at+row+2*cs]
	d01, d10, d11, dy, args = d01[:len(d00)], d10[:len(d00)], d11[:len(d00)], dy[:len(d00)], args[:len(d00)]
	for c := c0; c < len(d00); c++ {
		j := args[c]
		vb := math.Float32bits(dy[c] + 0)
		// x[j] > 0 on the bits: above +0 and at most +Inf (not NaN).
		if relu && math.Float32bits(x[j])-1 >= 0x7f800000 {
			vb = 0
		}
		d00[c], d01[c], d10[c], d11[c] = 0, 0, 0, 0
		dx[j] = math.Float32frombits(vb)
	}
}

// tiles reports whether the windows tile x: strides equal to the
// window, every element of x in one window.
func (g geom) tiles() bool {
	return g.sy == g.kh && g.sx == g.kw &&
		(g.oh-1)*g.sy-g.pt+g.kh >= g.h && (g.ow-1)*g.sx-g.pl+g.kw >= g.w
}

// inside2x2 reports whether window (n, oy, ox) is a 2×2 window wholly
// inside the image, and where in x it starts.
func (g geom) inside2x2(n, oy, ox int) (int, bool) {
	y, xx := oy*g.sy-g.pt, ox*g.sx-g.pl
	if g.kh != 2 || g.kw != 2 || y < 0 || xx < 0 || y+2 > g.h || xx+2 > g.w {
		return 0, false
	}
	return ((n*g.h+y)*g.w + xx) * g.c, true
}

// max2x2 is poolWindow for a float32 2×2 window wholly inside the
// image, starting at x[at]: the lecture's pools. It makes the same
// comparisons in the same order, choosing with conditional moves (see
// pick) rather than branches that random data mispredicts.
func max2x2(g geom, x []float32, at int, best []float32, arg []int) {
	row := g.w * g.c
	x00, x01 := x[at:at+g.c], x[at+g.c:at+2*g.c]
	x10, x11 := x[at+row:at+row+g.c], x[at+row+g.c:at+row+2*g.c]
	best = best[:len(x00)]
	if arg == nil {
		max4(best, x00, x01, x10, x11)
		return
	}
	arg = arg[:len(x00)]
	max2x2Arg(x, at, g.c, row, best, arg)
}

// max2x2ArgGo is max2x2's loop with argmax, for channels c0 onwards:
// the window's corners are x[at+c], x[at+cs+c], x[at+row+c] and
// x[at+row+cs+c].
func max2x2ArgGo(x []float32, at, cs, row int, best []float32, arg []int, c0 int) {
	x00, x01 := x[at:at+cs], x[at+cs:at+2*cs]
	x10, x11 := x[at+row:at+row+cs], x[at+row+cs:at+row+2*cs]
	for c := c0; c < len(best); c++ {
		b, j := x00[c], at+c
		b, j = pickArg(b, j, x01[c], at+cs+c)
		b, j = pickArg(b, j, x10[c], at+row+c)
		b, j = pickArg(b, j, x11[c], at+row+cs+c)
		best[c], arg[c] = b, j
	}
}

// max4Go is max4 in Go.
func max4Go(dst, a, b, c, d []float32) {
	for i, m := range a[:len(dst)] {
		dst[i] = pick(pick(pick(m, b[i]), c[i]), d[i])
	}
}

// pick is "if v > b { b = v }" on the bits, which compiles to a
// conditional move.
func pick(b, v float32) float32 {
	bb := math.Float32bits(b)
	if v > b {
		bb = math.Float32bits(v)
	}
	return math.Float32frombits(bb)
}

// pickArg is pick that also carries the winner's index.
func pickArg(b float32, j int, v float32, jv int) (float32, int) {
	bb := math.Float32bits(b)
	if v > b {
		bb, j = math.Float32bits(v), jv
	}
	return math.Float32frombits(bb), j
}

// MaxPool takes the max of each window of an NHWC batch
// (tf.nn.max_pool(value, ksize, strides, padding)): ksize is
// [1, height, width, 1], strides [1, stride_y, stride_x, 1], padding
// "SAME" or "VALID" with Conv2D's sizes. Its gradient goes to the first
// max of each window, as TF's CPU kernel routes it.
func MaxPool(value any, ksize, strides []int, padding string) *graph.Tensor {
	op := maxPoolOp{ksize: append([]int{}, ksize...), strides: append([]int{}, strides...), padding: padding}
	return node(op, tensor(value, 0))
}
