package session

import (
	"fmt"
	"sort"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// FeedError says why a feed was refused, in TF's words.
type FeedError struct {
	Tensor string
	Msg    string
	Err    error // the conversion error, if that was the cause
}

func (e *FeedError) Error() string { return e.Msg }

func (e *FeedError) Unwrap() error { return e.Err }

// FetchError says a fetch was not something Run can fetch.
type FetchError struct{ Fetch any }

func (e *FetchError) Error() string {
	return fmt.Sprintf("Fetch argument %v has invalid type %T, must be a *graph.Tensor, *graph.Variable, *graph.Node or a slice of them", e.Fetch, e.Fetch)
}

// ForeignError says a fetch or feed belongs to another graph.
type ForeignError struct{ What string }

func (e *ForeignError) Error() string {
	return fmt.Sprintf("%s is not an element of this graph.", e.What)
}

// convertFeed turns a feed value into an array of t's dtype and checks it
// against t's static shape.
func convertFeed(g *graph.Graph, t *graph.Tensor, v any) (*nd.Array, error) {
	if t == nil {
		return nil, &FeedError{Msg: "Cannot feed a nil tensor"}
	}
	if t.Graph() != g {
		return nil, &ForeignError{What: t.String()}
	}
	a, err := nd.From(v, t.DType())
	if err != nil {
		return nil, &FeedError{Tensor: t.Name(), Err: err,
			Msg: fmt.Sprintf("Cannot feed value for Tensor '%s' with dtype %s: %v", t.Name(), t.DType(), err)}
	}
	if !t.Shape().IsCompatibleWith(graph.Shape(a.Shape())) {
		return nil, &FeedError{Tensor: t.Name(),
			Msg: fmt.Sprintf("Cannot feed value of shape %s for Tensor '%s', which has shape '%s'", nd.ShapeString(a.Shape()), t.Name(), t.Shape())}
	}
	return a, nil
}

func sortedFeeds(m map[*graph.Tensor]*nd.Array) []*graph.Tensor {
	ts := make([]*graph.Tensor, 0, len(m))
	for t := range m {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Node().ID() < ts[j].Node().ID() })
	return ts
}

// Arrays returns the arrays of a Run result: one for a single fetch, one
// per fetch for a list (nil for ops).
func Arrays(result any) []*nd.Array {
	switch v := result.(type) {
	case *nd.Array:
		return []*nd.Array{v}
	case []any:
		out := make([]*nd.Array, 0, len(v))
		for _, e := range v {
			out = append(out, Arrays(e)...)
		}
		return out
	}
	return []*nd.Array{nil}
}

// Scalars returns the values of a Run result of single-value fetches, as
// in loss, acc := vals[0], vals[1] of
// vals := session.Scalars(sess.Run([]any{loss, accuracy}, feed)).
func Scalars(result any) []float64 {
	arrs := Arrays(result)
	out := make([]float64, len(arrs))
	for i, a := range arrs {
		if a != nil && a.Len() == 1 {
			out[i] = a.Float()
		}
	}
	return out
}
