package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
)

// conv2DOp slides a filter over an NHWC batch (tf.nn.conv2d). Its kernel
// lays the windows out as rows (im2col) and multiplies them by the filter
// with one GEMM per chunk of images; both gradients run the same way.
type conv2DOp struct {
	strides []int
	padding string
}

func (conv2DOp) Type() string { return "Conv2D" }

func (c conv2DOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	x, f := in[0], in[1]
	same, err := c.attrs()
	if err != nil {
		return x.DType(), nil, err
	}
	if err := requireSameFloat("Conv2D", "input", "filter", x, f); err != nil {
		return x.DType(), nil, err
	}
	xs, err := rank4(x.Shape())
	if err != nil {
		return x.DType(), nil, err
	}
	fs, err := rank4(f.Shape())
	if err != nil {
		return x.DType(), nil, err
	}
	if xs[3] >= 0 && fs[2] >= 0 && xs[3] != fs[2] {
		return x.DType(), nil, errors.Errorf("Dimensions must be equal, but are %d and %d", xs[3], fs[2])
	}
	oh, err := outDim(xs[1], fs[0], c.strides[1], same)
	if err != nil {
		return x.DType(), nil, err
	}
	ow, err := outDim(xs[2], fs[1], c.strides[2], same)
	if err != nil {
		return x.DType(), nil, err
	}
	return x.DType(), graph.Shape{xs[0], oh, ow, fs[3]}, nil
}

// attrs checks strides and padding as TF's Conv2D does.
func (c conv2DOp) attrs() (same bool, err error) {
	if len(c.strides) != 4 {
		return false, errors.Errorf("Conv2D requires the stride attribute to contain 4 values, but got: %d", len(c.strides))
	}
	if c.strides[0] != 1 || c.strides[3] != 1 {
		return false, errors.New("Current implementation does not yet support strides in the batch and depth dimensions.")
	}
	if err := positiveStrides(c.strides); err != nil {
		return false, err
	}
	return parsePadding("Conv2D", c.padding)
}

// geom is the concrete geometry for input x and filter f.
func (c conv2DOp) geom(x, f []int) geom {
	return newGeom(x, f[0], f[1], c.strides, c.padding == "SAME")
}

func (c conv2DOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	g := c.geom(in[0].Shape(), in[1].Shape())
	if out.DType() == nd.Float32 {
		conv2D(g, in[0], in[1], out, epilogue[float32]{})
	} else {
		conv2D(g, in[0], in[1], out, epilogue[float64]{})
	}
	return nil
}

func (c conv2DOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	x, f := n.Inputs()[0], n.Inputs()[1]
	return []*graph.Tensor{
		node(conv2DBackpropInputOp{c}, x, f, dy),
		node(conv2DBackpropFilterOp{c}, x, f, dy),
	}
}

// conv2DBackpropInputOp is the gradient of Conv2D for its input
// (TF's Conv2DBackpropInput): inputs x (for its shape), filter, dy.
type conv2DBackpropInputOp struct{ conv conv2DOp }

func (conv2DBackpropInputOp) Type() string { return "Conv2DBackpropInput" }

func (conv2DBackpropInputOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}

func (b conv2DBackpropInputOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	g := b.conv.geom(in[0].Shape(), in[1].Shape())
	if out.DType() == nd.Float32 {
		conv2DBackpropInput[float32](g, in[1], in[2], out)
	} else {
		conv2DBackpropInput[float64](g, in[1], in[2], out)
	}
	return nil
}

// conv2DBackpropFilterOp is the gradient of Conv2D for its filter
// (TF's Conv2DBackpropFilter): inputs x, filter (for its shape), dy.
type conv2DBackpropFilterOp struct{ conv conv2DOp }

func (conv2DBackpropFilterOp) Type() string { return "Conv2DBackpropFilter" }

func (conv2DBackpropFilterOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[1].DType(), in[1].Shape(), nil
}

func (b conv2DBackpropFilterOp) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	g := b.conv.geom(in[0].Shape(), in[1].Shape())
	if out.DType() == nd.Float32 {
		conv2DBackpropFilter[float32](g, in[0], in[2], out)
	} else {
		conv2DBackpropFilter[float64](g, in[0], in[2], out)
	}
	return nil
}

// Conv2D convolves an NHWC batch with a filter of shape [height, width,
// in_channels, out_channels] (tf.nn.conv2d(input, filter, strides,
// padding)). strides is [1, stride_y, stride_x, 1]; padding is "SAME"
// (output size ceil(in/stride), zeros padded, the odd one at the bottom
// and right, as TF does) or "VALID" (no padding). As in TF it is a
// cross-correlation: the filter is not flipped. The filter may be a
// tensor, a variable, an *nd.Array or a Go nested slice such as the
// lecture's constant edge filters; Go values take input's dtype.
func Conv2D(input, filter any, strides []int, padding string) *graph.Tensor {
	x, f := operands(input, filter)
	return node(conv2DOp{strides: append([]int{}, strides...), padding: padding}, x, f)
}

// geom is the concrete geometry of a window sliding over an NHWC batch:
// input n×h×w×c, window kh×kw moved by sy, sx, output oh×ow after
// padding pt rows on top and pl columns on the left.
type geom struct {
	n, h, w, c     int
	kh, kw, sy, sx int
	oh, ow, pt, pl int
}

func newGeom(x []int, kh, kw int, strides []int, same bool) geom {
	g := geom{n: x[0], h: x[1], w: x[2], c: x[3], kh: kh, kw: kw, sy: strides[1], sx: strides[2]}
	g.oh, g.pt, _ = window(g.h, kh, g.sy, same)
	g.ow, g.pl, _ = window(g.w, kw, g.sx, same)
	return g
}

// window is TF's GetWindowedOutputSize for one spatial axis: the output
// size and the padding before the first element. SAME pads (out-1)*stride
// + k - in in all, the smaller half before.
func window(in, k, stride int, same bool) (out, before int, err error) {
	if same {
		out = (in + stride - 1) / stride
		return out, max((out-1)*stride+k-in, 0) / 2, nil
	}
	if in < k {
		return 0, 0, errors.Errorf("Negative dimension size caused by subtracting %d from %d", k, in)
	}
	return (in - k + stride) / stride, 0, nil
}

// outDim is window's output size for a static shape: None when the input
// size (or, for VALID, the window size) is not known.
func outDim(in, k, stride int, same bool) (int, error) {
	if in < 0 || (!same && k < 0) {
		return graph.None, nil
	}
	out, _, err := window(in, k, stride, same)
	return out, err
}

func parsePadding(op, padding string) (same bool, err error) {
	switch padding {
	case "SAME":
		return true, nil
	case "VALID":
		return false, nil
	}
	return false, errors.Errorf(`Attr 'padding' of '%s' Op passed string '%s' not in: "SAME", "VALID".`, op, padding)
}

func positiveStrides(strides []int) error {
	for _, s := range strides[1:3] {
		if s <= 0 {
			return errors.Errorf("Stride must be > 0, but got %d", s)
		}
	}
	return nil
}

// rank4 returns an NHWC shape's dims, all None when the rank is unknown.
func rank4(s graph.Shape) (graph.Shape, error) {
	if !s.Known() {
		return graph.Shape{graph.None, graph.None, graph.None, graph.None}, nil
	}
	if len(s) != 4 {
		return nil, errors.Errorf("Shape must be rank 4 but is rank %d", len(s))
	}
	return s, nil
}

// requireSameFloat checks that a and b, inputs aName and bName of op, are
// float tensors of one dtype.
func requireSameFloat(op, aName, bName string, a, b *graph.Tensor) error {
	if err := requireFloat(a); err != nil {
		return err
	}
	if err := requireFloat(b); err != nil {
		return err
	}
	if a.DType() != b.DType() {
		return errors.Errorf("Input '%s' of '%s' Op has type %s that does not match type %s of argument '%s'.",
			bName, op, dtName(b.DType()), dtName(a.DType()), aName)
	}
	return nil
}

// colBudget is how many elements of windows-as-rows (im2col) one
// goroutine of a conv kernel lays out at a time: whole images, at least
// one, about 256 KiB of float32, so the GEMM reads them from cache.
const colBudget = 1 << 16

// chunk is how many images fit in colBudget, and the row length k.
func (g geom) chunk() (images, k int) {
	k = g.kh * g.kw * g.c
	return max(1, colBudget/max(1, g.oh*g.ow*k)), k
}

// im2col writes the windows of images n0..n1 of x as the rows of col:
// one row per output position (n, oy, ox), columns (ky, kx, c); padding
// reads as zero. Each image is copied into a zero-padded one first, so
// that every window row is one plain copy with no edges to find, which
// is faster on the lecture's shapes than finding them (and lets one
// AVX or AVX-512 loop do all the copies, see windows).
func im2col[T float32 | float64](col, x []T, g geom, n0, n1 int) {
	pw, ph, lead := g.padded()
	buf := getScratch[T](ph*pw + 8) // + what windows' 8-value moves read
	defer putScratch(buf)
	pad := *buf
	clear(pad) // the padding; the image, copied in per image, lies within
	i := 0
	for n := n0; n < n1; n++ {
		copyPadded(x, pad, g, n, pw, ph, lead, false)
		for oy := 0; oy < g.oh; oy++ {
			i = windows(col, i, pad[oy*g.sy*pw:], g, pw, false)
		}
	}
}

// col2im is im2col's adjoint: it sets images n0..n1 of x (zero before)
// to the sums of the rows of col over the windows that read each
// element, added in window order, as adding each row onto x would. It
// adds them in a zero-padded image, with no edges to find, and copies
// the image out of it.
func col2im[T float32 | float64](x, col []T, g geom, n0, n1 int) {
	pw, ph, lead := g.padded()
	buf := getScratch[T](ph * pw)
	defer putScratch(buf)
	pad := *buf
	i := 0
	for n := n0; n < n1; n++ {
		clear(pad)
		for oy := 0; oy < g.oh; oy++ {
			i = windows(col, i, pad[oy*g.sy*pw:], g, pw, true)
		}
		copyPadded(x, pad, g, n, pw, ph, lead, true)
	}
}

// padded is the geometry of an image zero-padded as far as the windows
// reach: ph rows of pw elements, the image's rows from row pt on and its
// columns from element lead on (fewer where the windows stop short).
func (g geom) padded() (pw, ph, lead int) {
	pw = ((g.ow-1)*g.sx + g.kw) * g.c
	return pw, (g.oh-1)*g.sy + g.kh, min(g.pl*g.c, pw)
}

// copyPadded copies image n of x into its place in pad (see padded), or
// if out back from there.
func copyPadded[T float32 | float64](x, pad []T, g geom, n, pw, ph, lead int, out bool) {
	row := g.w * g.c
	for py := min(g.pt, ph); py < min(g.pt+g.h, ph); py++ {
		xr, pr := x[(n*g.h+py-g.pt)*row:][:row], pad[py*pw+lead:(py+1)*pw]
		if out {
			copy(xr, pr)
		} else {
			copy(pr, xr)
		}
	}
}

// The loops windows may run on float32, slowest first: Go's, and the
// assembly ones (conv_amd64.s) for AVX, 8 floats at a time, and for
// AVX-512, 16.
const (
	goWindows = iota
	avxWindows
	avx512Windows
)

// windowLoops are the loops windows runs on float32: the fastest this
// CPU has (a variable, so that tests run the others too).
var windowLoops = bestWindows

// windows goes over the ow windows of the kh padded input rows in pad
// (pw apart), which are the rows of col from col[i] on: it copies them
// from pad to col (im2col), or if add adds them from col onto pad
// (col2im) in window order. It returns where in col it stopped.
func windows[T float32 | float64](col []T, i int, pad []T, g geom, pw int, add bool) int {
	seg, step, kh := g.kw*g.c, g.sx*g.c, g.kh
	n := g.ow * kh * seg
	c32, f32 := any(col).([]float32)
	p32, _ := any(pad).([]float32)
	if f32 && windowLoops != goWindows && n > 0 {
		_, _ = c32[i:i+n], p32[:(g.ow-1)*step+(kh-1)*pw+seg]
		windowsAsm(&c32[i], &p32[0], seg, step, pw, kh, g.ow, add, windowLoops == avx512Windows)
		return i + n
	}
	if add {
		for o := 0; o < g.ow*step; o += step {
			for s := o; s < o+kh*pw; s += pw {
				addTo(pad[s:], col[i:i+seg])
				i += seg
			}
		}
		return i
	}
	short := f32 && seg <= 8
	for o := 0; o < g.ow*step; o += step {
		for s := o; s < o+kh*pw; s += pw {
			if short && i+8 <= len(col) {
				// 8 values in two 16-byte moves, cheaper than a loop: what
				// they write past seg, the next row segment overwrites
				// (or lies past the chunk's rows)
				d, v := c32[i:i+8:i+8], p32[s:s+8:s+8]
				*(*[4]float32)(d[0:4]) = *(*[4]float32)(v[0:4])
				*(*[4]float32)(d[4:8]) = *(*[4]float32)(v[4:8])
			} else {
				move(col[i:i+seg], pad[s:])
			}
			i += seg
		}
	}
	return i
}

// move is copy, in a loop for the few elements of a one-channel window
// row (the first convolution's), where copy's call costs more.
func move[T float32 | float64](dst, src []T) {
	if len(dst) > 16 {
		copy(dst, src)
		return
	}
	for i := range dst {
		dst[i] = src[i]
	}
}

// addTo adds src onto dst's first len(src) elements; float32 with
// biasRelu32's SSE add (src as a bias over one row).
func addTo[T float32 | float64](dst, src []T) {
	if d, ok := any(dst).([]float32); ok {
		biasRelu32(d[:len(src)], any(src).([]float32), false)
		return
	}
	for j, v := range src {
		dst[j] += v
	}
}

// filterGroups is how many partial sums the filter gradient keeps: the
// images are cut into this many consecutive groups (fewer if there are
// fewer chunks), each summed in order, and the groups added in order. A
// constant, so that the sums do not depend on GOMAXPROCS.
const filterGroups = 8

// conv2D computes out[n,oy,ox,:] = windows · filter, a chunk of images at
// a time, with the filter packed once for all chunks, and runs e on each
// chunk of out while it is in cache; with e.pool, out is the pooled
// convolution, and the whole convolution is never stored.
func conv2D[T float32 | float64](g geom, x, f, out *nd.Array, e epilogue[T]) {
	per, k := g.chunk()
	rows, o := g.oh*g.ow, f.Dim(3)
	if k == 0 || rows == 0 || o == 0 {
		if k == 0 {
			clear(out.Data().([]T))
			e.applyRows(out.Data().([]T))
		}
		return
	}
	fb := newFixedB(false, k, o, f.Data().([]T), o)
	defer fb.release()
	xd, od := x.Data().([]T), out.Data().([]T)
	par.Chunks(g.n, per, func(_, n0, n1 int) {
		col := getScratch[T](per * rows * k)
		defer putScratch(col)
		m := (n1 - n0) * rows
		im2col(*col, xd, g, n0, n1)
		if e.pool == nil {
			fb.mul(false, m, *col, k, od[n0*rows*o:], o, false)
			e.apply(od[n0*rows*o : n1*rows*o])
			return
		}
		// the chunk's convolution goes to scratch, pooled from there
		conv := getScratch[T](per * rows * o)
		defer putScratch(conv)
		fb.mul(false, m, *col, k, *conv, o, false)
		e.apply((*conv)[:m*o])
		pooled := e.pool.oh * e.pool.ow * o
		for i := range n1 - n0 {
			poolImage(*e.pool, *conv, od[n0*pooled:], nil, i)
		}
	})
}

// conv2DBackpropInput computes dx: each chunk's dy · filterᵀ gives the
// gradient of every window, which col2im adds back onto the input.
func conv2DBackpropInput[T float32 | float64](g geom, f, dy, dx *nd.Array) {
	per, k := g.chunk()
	rows, o := g.oh*g.ow, f.Dim(3)
	dxd := dx.Data().([]T)
	clear(dxd)
	if k == 0 || rows == 0 || o == 0 {
		return
	}
	fb := newFixedB(true, o, k, f.Data().([]T), o)
	defer fb.release()
	dyd := dy.Data().([]T)
	par.Chunks(g.n, per, func(_, n0, n1 int) {
		col := getScratch[T](per * rows * k)
		defer putScratch(col)
		m := (n1 - n0) * rows
		fb.mul(false, m, dyd[n0*rows*o:], o, *col, k, false)
		col2im(dxd, *col, g, n0, n1)
	})
}

// conv2DBackpropFilter computes df = Σ over chunks of windowsᵀ · dy. The
// chunks are cut into filterGroups consecutive groups; each group's
// products are summed in chunk order into the group's part, and the parts
// added in group order, so the float sums, and a training run, do not
// depend on how the goroutines happened to share the groups.
func conv2DBackpropFilter[T float32 | float64](g geom, x, dy, df *nd.Array) {
	per, k := g.chunk()
	rows, o := g.oh*g.ow, df.Dim(3)
	dw := df.Data().([]T)
	if k == 0 || rows == 0 || o == 0 {
		clear(dw)
		return
	}
	chunks := (g.n + per - 1) / per
	groups := min(filterGroups, chunks)
	parts := getScratch[T](groups * k * o)
	defer putScratch(parts)
	xd, dyd := x.Data().([]T), dy.Data().([]T)
	par.Chunks(groups, 1, func(_, g0, _ int) {
		col := getScratch[T](per * rows * k)
		defer putScratch(col)
		part := (*parts)[g0*k*o : (g0+1)*k*o]
		for c := g0 * chunks / groups; c < (g0+1)*chunks/groups; c++ {
			n0, n1 := c*per, min(c*per+per, g.n)
			m := (n1 - n0) * rows
			im2col(*col, xd, g, n0, n1)
			db := newFixedB(false, m, o, dyd[n0*rows*o:], o)
			db.mul(true, k, *col, k, part, o, c > g0*chunks/groups)
			db.release()
		}
	})
	par.For(len(dw), 4096, func(i0, i1 int) {
		for i := i0; i < i1; i++ {
			s := (*parts)[i]
			for p := 1; p < groups; p++ {
				s += (*parts)[p*k*o+i]
			}
			dw[i] = s
		}
	})
}
