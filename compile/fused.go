package compile

import (
	"slices"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
)

// tile is how many elements a fused kernel computes at a time: small
// enough that every intermediate stays in L1.
const tile = 256

// fusedGrain is the fewest elements a goroutine of a fused kernel takes:
// smaller chains run on the caller alone.
const fusedGrain = 64 * tile

// fused runs a chain of elementwise ops as one kernel, its elements
// shared among goroutines (each element's value does not depend on who
// computes it). Every op of the chain has the output's shape; inputs from
// outside may broadcast. A float32 chain of ops that all have exact
// float32 kernels (opkit.Float32Kernel) runs in float32, reading its
// inputs and writing its output in place; any other runs in float64,
// rounding after each op of a float32 chain, so that either returns what
// the unfused ops would.
type fused struct {
	ops    []opkit.Elementwise
	k32    []func(dst []float32, args [][]float32) // per op, when the chain runs in float32
	args   [][]int                                 // per op: argument slots
	inputs []*graph.Tensor                         // external inputs, slots 0..len-1
	f32    bool
	n      int                  // output size
	bc     []*opkit.Broadcaster // per external input that broadcasts in no simpler way, else nil
	period []int                // per external input: its size when it repeats along the output (a scalar, a bias), else 0
	work   []*fusedWork         // per goroutine
}

// fusedWork is one goroutine's tiles: inputs, then one per op.
type fusedWork struct {
	bufs   [][]float64
	bufs32 [][]float32
	vals32 [][]float32 // per slot: its tile, or where it is read in place
	args   [][]float64
	args32 [][]float32
	idx    []int // a tile of broadcast indices
}

func newFused(members []*graph.Node) *fused {
	out := members[len(members)-1].Output()
	f := &fused{f32: out.DType() == nd.Float32, n: out.Shape().NumElements()}
	slot := map[*graph.Tensor]int{}
	inGroup := map[*graph.Node]bool{}
	for _, m := range members {
		inGroup[m] = true
	}
	for _, m := range members {
		for _, in := range m.Inputs() {
			if _, ok := slot[in]; !ok && !inGroup[in.Node()] {
				slot[in] = len(f.inputs)
				f.inputs = append(f.inputs, in)
			}
		}
	}
	for _, in := range f.inputs {
		var bc *opkit.Broadcaster
		period := 0
		switch {
		case in.Shape().NumElements() == f.n:
		case trailing(in.Shape(), out.Shape()):
			period = in.Shape().NumElements()
		default:
			bc = opkit.NewBroadcaster(in.Shape(), out.Shape())
		}
		f.bc = append(f.bc, bc)
		f.period = append(f.period, period)
	}
	for i, m := range members {
		var a []int
		for _, in := range m.Inputs() {
			a = append(a, slot[in])
		}
		slot[m.Output()] = len(f.inputs) + i
		op := m.Op().(opkit.Elementwise)
		f.ops = append(f.ops, op)
		f.args = append(f.args, a)
		if k, ok := op.(opkit.Float32Kernel); ok && f.f32 {
			f.k32 = append(f.k32, k.Eval32())
		}
	}
	for _, k := range f.k32 {
		if k == nil {
			f.k32 = nil // some op has no exact float32 kernel
			break
		}
	}
	if len(f.k32) < len(f.ops) {
		f.k32 = nil
	}
	return f
}

// trailing reports whether in broadcasts to out by repeating: its shape,
// leading 1s dropped, is out's trailing dims (a scalar, or a bias along
// the last axis), so input element i%size goes to output element i.
func trailing(in, out graph.Shape) bool {
	for len(in) > 0 && in[0] == 1 {
		in = in[1:]
	}
	return len(in) <= len(out) && slices.Equal(in, out[len(out)-len(in):])
}

// run computes the chain tile by tile, a run of tiles per goroutine;
// programs run one at a time, so the tiles are reused.
func (f *fused) run(in []*nd.Array, out *nd.Array) error {
	per := max(fusedGrain, (f.n+tile-1)/tile*tile/max(1, 4*par.Workers(f.n, fusedGrain)))
	per = (per + tile - 1) / tile * tile
	for len(f.work) < par.Workers(f.n, per) {
		f.work = append(f.work, f.newWork())
	}
	par.Chunks(f.n, per, func(worker, i0, i1 int) {
		w := f.work[worker]
		for start := i0; start < i1; start += tile {
			m := min(tile, i1-start)
			if f.k32 != nil {
				f.tile32(w, in, out.Float32s(), start, m)
			} else {
				f.tile64(w, in, out, start, m)
			}
		}
	})
	return nil
}

func (f *fused) newWork() *fusedWork {
	w := &fusedWork{idx: make([]int, tile)}
	if f.k32 != nil {
		w.bufs32 = make([][]float32, len(f.inputs)+len(f.ops))
		w.vals32 = make([][]float32, len(w.bufs32))
		for i := range w.bufs32 {
			w.bufs32[i] = make([]float32, tile)
		}
		return w
	}
	w.bufs = make([][]float64, len(f.inputs)+len(f.ops))
	for i := range w.bufs {
		w.bufs[i] = make([]float64, tile)
	}
	return w
}

// tile32 computes output elements [start, start+m) in float32: inputs of
// the output's size are read in place, the last op writes into out.
func (f *fused) tile32(w *fusedWork, in []*nd.Array, out []float32, start, m int) {
	vals := w.vals32
	for k, a := range in {
		d := a.Float32s()
		switch {
		case f.period[k] > 0:
			vals[k] = repeat(w.bufs32[k][:m], d, start)
		case f.bc[k] != nil:
			idx := w.idx[:m]
			f.bc[k].Fill(idx, start)
			buf := w.bufs32[k][:m]
			for i, j := range idx {
				buf[i] = d[j]
			}
			vals[k] = buf
		default:
			vals[k] = d[start : start+m]
		}
	}
	for j, k := range f.k32 {
		w.args32 = w.args32[:0]
		for _, s := range f.args[j] {
			w.args32 = append(w.args32, vals[s][:m])
		}
		dst := w.bufs32[len(f.inputs)+j][:m]
		if j == len(f.k32)-1 {
			dst = out[start : start+m]
		}
		k(dst, w.args32)
		vals[len(f.inputs)+j] = dst
	}
}

// repeat returns elements start.. of a endless repetition of src, in buf.
func repeat[T any](buf, src []T, start int) []T {
	if len(src) == 1 {
		for i := range buf {
			buf[i] = src[0]
		}
		return buf
	}
	j := start % len(src)
	for i := 0; i < len(buf); {
		c := copy(buf[i:], src[j:])
		i += c
		j = 0
	}
	return buf
}

// tile64 computes output elements [start, start+m) in float64.
func (f *fused) tile64(w *fusedWork, in []*nd.Array, out *nd.Array, start, m int) {
	bufs := w.bufs
	for k, a := range in {
		switch {
		case f.period[k] > 0:
			gatherRepeat(bufs[k][:m], a, start)
		case f.bc[k] != nil:
			idx := w.idx[:m]
			f.bc[k].Fill(idx, start)
			gather(bufs[k][:m], a, idx, start)
		default:
			gather(bufs[k][:m], a, nil, start)
		}
	}
	for j, op := range f.ops {
		w.args = w.args[:0]
		for _, s := range f.args[j] {
			w.args = append(w.args, bufs[s][:m])
		}
		dst := bufs[len(f.inputs)+j][:m]
		op.Eval(dst, w.args)
		if f.f32 {
			for i, v := range dst {
				dst[i] = float64(float32(v))
			}
		}
	}
	scatter(out, bufs[len(bufs)-1][:m], start)
}

// gatherRepeat reads elements start.. of a endless repetition of a.
func gatherRepeat(dst []float64, a *nd.Array, start int) {
	switch d := a.Data().(type) {
	case []float32:
		for i := range dst {
			dst[i] = float64(d[(start+i)%len(d)])
		}
	case []float64:
		repeat(dst, d, start)
	}
}

// gather reads elements start.. of a, or those idx names when a broadcasts.
func gather(dst []float64, a *nd.Array, idx []int, start int) {
	switch d := a.Data().(type) {
	case []float32:
		if idx == nil {
			for i := range dst {
				dst[i] = float64(d[start+i])
			}
		} else {
			for i := range dst {
				dst[i] = float64(d[idx[i]])
			}
		}
	case []float64:
		if idx == nil {
			copy(dst, d[start:])
		} else {
			for i := range dst {
				dst[i] = d[idx[i]]
			}
		}
	}
}

func scatter(out *nd.Array, src []float64, start int) {
	switch d := out.Data().(type) {
	case []float32:
		for i, v := range src {
			d[start+i] = float32(v)
		}
	case []float64:
		copy(d[start:], src)
	}
}
