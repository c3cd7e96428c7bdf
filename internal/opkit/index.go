package opkit

import "github.com/tf1go/tf1go/nd"

// Broadcaster maps flat indices of an array of shape out to the flat
// index of the element of an array of shape in that broadcasting puts
// there (in aligned to the right, dims of 1 repeated).
type Broadcaster struct {
	out     []int
	strides []int // stride of each out dim in the input (0 where broadcast)
	same    bool  // in and out have the same number of elements
}

// NewBroadcaster prepares the mapping from out's indices to in's.
func NewBroadcaster(in, out []int) *Broadcaster {
	b := &Broadcaster{out: append([]int{}, out...), strides: make([]int, len(out)), same: nd.NumElements(in) == nd.NumElements(out)}
	s := 1
	for i := 1; i <= len(out); i++ {
		if i <= len(in) && in[len(in)-i] != 1 {
			b.strides[len(out)-i] = s
		}
		if i <= len(in) {
			s *= in[len(in)-i]
		}
	}
	return b
}

// Fill writes the input indices of out indices start, start+1, ... into dst.
func (b *Broadcaster) Fill(dst []int, start int) {
	if b.same {
		for i := range dst {
			dst[i] = start + i
		}
		return
	}
	pos := make([]int, len(b.out))
	off, rem := 0, start
	for d := len(b.out) - 1; d >= 0; d-- {
		if b.out[d] > 0 {
			pos[d] = rem % b.out[d]
			rem /= b.out[d]
		}
		off += pos[d] * b.strides[d]
	}
	for i := range dst {
		dst[i] = off
		for d := len(b.out) - 1; d >= 0; d-- {
			pos[d]++
			off += b.strides[d]
			if pos[d] < b.out[d] {
				break
			}
			off -= b.strides[d] * pos[d]
			pos[d] = 0
		}
	}
}

// BroadcastIndex returns the whole mapping of NewBroadcaster(in, out).
// Kernels use it for broadcast inputs and, read the other way, for sums
// back to a shape.
func BroadcastIndex(in, out []int) []int {
	idx := make([]int, nd.NumElements(out))
	NewBroadcaster(in, out).Fill(idx, 0)
	return idx
}
