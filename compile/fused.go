package compile

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
)

// tile is how many elements a fused kernel computes at a time: small
// enough that every intermediate stays in L1.
const tile = 256

// fused runs a chain of elementwise ops as one kernel. Every op of the
// chain has the output's shape; inputs from outside may broadcast.
type fused struct {
	ops    []opkit.Elementwise
	args   [][]int         // per op: argument slots
	inputs []*graph.Tensor // external inputs, slots 0..len-1
	f32    bool
	n      int                  // output size
	bc     []*opkit.Broadcaster // per external input: nil if it has the output's size
	bufs   [][]float64          // tiles: inputs, then one per op
	idx    []int                // a tile of broadcast indices
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
		if in.Shape().NumElements() == f.n {
			f.bc = append(f.bc, nil)
		} else {
			f.bc = append(f.bc, opkit.NewBroadcaster(in.Shape(), out.Shape()))
		}
	}
	for i, m := range members {
		var a []int
		for _, in := range m.Inputs() {
			a = append(a, slot[in])
		}
		slot[m.Output()] = len(f.inputs) + i
		f.ops = append(f.ops, m.Op().(opkit.Elementwise))
		f.args = append(f.args, a)
	}
	f.bufs = make([][]float64, len(f.inputs)+len(f.ops))
	for i := range f.bufs {
		f.bufs[i] = make([]float64, tile)
	}
	f.idx = make([]int, tile)
	return f
}

// run computes the chain tile by tile; programs run one at a time, so
// the tiles are reused.
func (f *fused) run(in []*nd.Array, out *nd.Array) error {
	bufs := f.bufs
	args := make([][]float64, 0, 2)
	for start := 0; start < f.n; start += tile {
		m := min(tile, f.n-start)
		for k, a := range in {
			var idx []int
			if f.bc[k] != nil {
				idx = f.idx[:m]
				f.bc[k].Fill(idx, start)
			}
			gather(bufs[k][:m], a, idx, start)
		}
		for j, op := range f.ops {
			args = args[:0]
			for _, s := range f.args[j] {
				args = append(args, bufs[s][:m])
			}
			dst := bufs[len(f.inputs)+j][:m]
			op.Eval(dst, args)
			if f.f32 {
				for i, v := range dst {
					dst[i] = float64(float32(v))
				}
			}
		}
		scatter(out, bufs[len(bufs)-1][:m], start)
	}
	return nil
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
