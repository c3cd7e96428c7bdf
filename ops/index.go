package ops

import "github.com/tf1go/tf1go/nd"

// BroadcastIndex maps each flat index of an array of shape out to the
// flat index of the element of an array of shape in that broadcasting
// puts there (in aligned to the right, dims of 1 repeated). Kernels use it
// for broadcast inputs and, read the other way, for sums back to a shape.
func BroadcastIndex(in, out []int) []int {
	n := nd.NumElements(out)
	idx := make([]int, n)
	if nd.NumElements(in) == n {
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	// stride of each out dim in the input (0 where broadcast)
	strides := make([]int, len(out))
	s := 1
	for i := 1; i <= len(out); i++ {
		if i <= len(in) && in[len(in)-i] != 1 {
			strides[len(out)-i] = s
		}
		if i <= len(in) {
			s *= in[len(in)-i]
		}
	}
	pos := make([]int, len(out))
	off := 0
	for i := range idx {
		idx[i] = off
		for d := len(out) - 1; d >= 0; d-- {
			pos[d]++
			off += strides[d]
			if pos[d] < out[d] {
				break
			}
			off -= strides[d] * pos[d]
			pos[d] = 0
		}
	}
	return idx
}
