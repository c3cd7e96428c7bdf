package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
)

// BroadcastShape returns the shape numpy-style broadcasting gives a and b
// (dims aligned from the right; a dim of 1 stretches). Unknown dims stay
// unknown unless the other side fixes them.
func BroadcastShape(a, b graph.Shape) (graph.Shape, error) {
	if !a.Known() || !b.Known() {
		return graph.UnknownShape, nil
	}
	n := max(len(a), len(b))
	out := make(graph.Shape, n)
	for i := 1; i <= n; i++ {
		da, db := 1, 1
		if i <= len(a) {
			da = a[len(a)-i]
		}
		if i <= len(b) {
			db = b[len(b)-i]
		}
		var d int
		switch {
		case da == db:
			d = da
		case da == 1:
			d = db
		case db == 1:
			d = da
		case da < 0:
			d = db
		case db < 0:
			d = da
		default:
			return nil, errors.Errorf("Dimensions must be equal, but are %d and %d", da, db)
		}
		out[n-i] = d
	}
	return out, nil
}
