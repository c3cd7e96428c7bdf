package session_test

import (
	"errors"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// feedBytes hands out fuzz bytes; past the end it yields zeros.
type feedBytes []byte

func (b *feedBytes) next() int {
	if len(*b) == 0 {
		return 0
	}
	c := (*b)[0]
	*b = (*b)[1:]
	return int(c)
}

// shape is a static shape: unknown rank, or rank 0-3 with dims None or 0-3.
func (b *feedBytes) shape() graph.Shape {
	k := b.next() % 6
	if k == 0 {
		return graph.UnknownShape
	}
	s := make(graph.Shape, (k-1)%4)
	for i := range s {
		s[i] = b.next()%5 - 1
	}
	return s
}

// value is what a caller might feed: an *nd.Array of any dtype and shape,
// a bare number, nested lists (possibly ragged, possibly holding a string
// or a nil), or rows of lengths from the bytes.
func (b *feedBytes) value(depth int) any {
	switch b.next() % 6 {
	case 0:
		dims := make([]int, b.next()%4)
		for i := range dims {
			dims[i] = b.next() % 4
		}
		a := nd.New(nd.DType(1+b.next()%4), dims...)
		for i := range a.Len() {
			a.SetFlat(i, float64(int8(b.next())))
		}
		return a
	case 1:
		return float64(int8(b.next())) / 4
	case 2:
		if depth > 3 {
			return b.next()
		}
		out := make([]any, b.next()%4)
		for i := range out {
			out[i] = b.value(depth + 1)
		}
		return out
	case 3:
		rows := make([][]float64, b.next()%4)
		for i := range rows {
			rows[i] = make([]float64, b.next()%4)
		}
		return rows
	case 4:
		return []any{"x", nil}[b.next()%2]
	default:
		return int64(b.next())
	}
}

// typed reports whether err is one of the engine's typed errors.
func typed(err error) bool {
	for _, target := range []any{new(*session.FeedError), new(*session.FetchError), new(*session.ForeignError),
		new(*session.MissingFeedError), new(*session.UninitializedError), new(*graph.Error), new(*nd.ConvertError)} {
		if errors.As(err, target) {
			return true
		}
	}
	return false
}

// FuzzFeed feeds random values to a placeholder of random dtype and
// static shape, and fetches it or an op on it: Run must return a value
// of the placeholder's dtype and a shape its static shape admits, or a
// typed error; it must never panic.
func FuzzFeed(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 3, 0, 3, 0, 3, 3, 2, 2, 2, 0, 2, 2, 2, 1, 1, 2, 3, 4},       // float [?,2] fetched: 3 rows, then a float64 [2,2]
		{1, 0, 2, 1, 9, 2, 3, 1, 4, 1, 5, 1, 6},                         // float64 of unknown shape, softmax: a number, then a list
		{2, 2, 2, 3, 5, 7, 2, 1, 5, 8},                                  // int64 [1], a list of fetches: an int64, then [int]
		{3, 1, 0, 2, 2, 3, 1, 2, 1, 4, 0, 0, 0, 1},                      // bool scalar: a ragged list, then a scalar array
		{0, 3, 1, 0, 1, 0, 2, 0, 3, 2, 3, 0},                            // float [0,?] summed: an int64 [0,3], then no rows
		{0, 2, 0, 1, 4, 0, 4, 1},                                        // float [?] summed: a string, then a nil
		{1, 3, 0, 3, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 3, 4, 4, 0}, // float64 [?,2], softmax: a list of arrays, then a string
		{3, 3, 0, 0, 3, 0, 2, 2, 0, 3, 5, 1},                            // bool [?,?], a list of fetches: a bool [2,0], then an int64
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := feedBytes(data)
		dt := nd.DType(1 + b.next()%4)
		static := b.shape()
		g := graph.New()
		x := g.Placeholder(dt, static, graph.Name("x"))
		var fetch any
		switch b.next() % 4 {
		case 0:
			fetch = x
		case 1:
			fetch = ops.ReduceSum(ops.Mul(ops.Cast(x, graph.Float32), 2))
		case 2:
			fetch = ops.Softmax(x) // a build error unless x is a float
		default:
			fetch = []any{x, ops.Cast(x, graph.Float64), x}
		}
		s := session.New(g)
		for range 2 { // a second feed, often of another shape, on the same session
			v := b.value(0)
			res, err := func() (res any, err error) {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Run(%v, %#v into %s %s) panicked: %v", fetch, v, dt, static, r)
					}
				}()
				return s.Run(fetch, session.Feed{x: v})
			}()
			if err != nil {
				if !typed(err) {
					t.Fatalf("feeding %#v into %s %s: untyped error %T: %v", v, dt, static, err, err)
				}
				continue
			}
			for _, a := range session.Arrays(res) {
				if a == nil {
					t.Fatalf("Run returned a nil array: %v", res)
				}
			}
			if fetch == x {
				a := res.(*nd.Array)
				if a.DType() != dt || !static.IsCompatibleWith(graph.Shape(a.Shape())) {
					t.Fatalf("fed %#v into %s %s, fetched a %s array of shape %v", v, dt, static, a.DType(), a.Shape())
				}
			}
		}
	})
}
