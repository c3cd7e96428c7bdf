package session

import (
	"fmt"
	"sort"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/compile"
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

// FetchError says a fetch was not something Run (or RunTensors) can
// fetch.
type FetchError struct {
	Fetch any
	Msg   string // why, when it is more than the fetch's type
}

func (e *FetchError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return fmt.Sprintf("Fetch argument %v has invalid type %T, must be a *graph.Tensor, *graph.Variable, *graph.Node, a name or a slice of them", e.Fetch, e.Fetch)
}

// ForeignError says a fetch or feed belongs to another graph.
type ForeignError = graph.ForeignError

// MissingFeedError is TF's InvalidArgumentError for a placeholder a fetch
// needs but the feed lacks: You must feed a value for placeholder tensor
// 'x' with dtype float and shape [?,2].
type MissingFeedError = compile.MissingFeedError

// UninitializedError is TF's FailedPreconditionError for a variable read
// before its initializer ran: Attempting to use uninitialized value w.
type UninitializedError = compile.UninitializedError

// ClosedError is what every use of a closed session returns.
type ClosedError struct{}

func (*ClosedError) Error() string { return "Attempted to use a closed Session." }

// convertFeed resolves a feed key to a tensor of s's graph, turns the
// value into an array of its dtype and checks it against its static
// shape.
func convertFeed(s *Session, k graph.TensorRef, v any) (*graph.Tensor, *nd.Array, error) {
	switch t := k.(type) {
	case nil:
		return nil, nil, &FeedError{Msg: "Cannot feed a nil tensor"}
	case *graph.Tensor:
		if t == nil {
			return nil, nil, &FeedError{Msg: "Cannot feed a nil tensor"}
		}
	case *graph.Variable:
		if t == nil {
			return nil, nil, &FeedError{Msg: "Cannot feed a nil *graph.Variable"}
		}
	}
	t, err := s.tensor(k)
	if err != nil {
		return nil, nil, err
	}
	a, err := nd.From(v, t.DType())
	if err != nil {
		return nil, nil, &FeedError{Tensor: t.Name(), Err: err,
			Msg: fmt.Sprintf("Cannot feed value for Tensor '%s' with dtype %s: %v", t.Name(), t.DType(), err)}
	}
	if !t.Shape().IsCompatibleWith(graph.Shape(a.Shape())) {
		return nil, nil, &FeedError{Tensor: t.Name(),
			Msg: fmt.Sprintf("Cannot feed value of shape %s for Tensor '%s', which has shape '%s'", nd.ShapeString(a.Shape()), t.Name(), t.Shape())}
	}
	return t, a, nil
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

// Scalars returns the numbers that RunTensors' one-element values hold,
// so that an evaluation is one statement and one error check:
//
//	v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
//
// An error passed in comes back as it is; a value that is not exactly one
// element is an error naming its position and shape.
func Scalars(vals []*nd.Array, err error) ([]float64, error) {
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(vals))
	for i, a := range vals {
		if a == nil {
			return nil, errors.Errorf("session.Scalars: value %d is nil, not a single value", i)
		}
		if out[i], err = a.Float64(); err != nil {
			return nil, errors.Errorf("session.Scalars: value %d has shape %s (%d elements), not a single value", i, nd.ShapeString(a.Shape()), a.Len())
		}
	}
	return out, nil
}
