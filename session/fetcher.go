package session

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
)

// A Fetcher is a fetch that stands for several tensors and makes one
// result of their values. summary.Merged is one: TF's merged summary is
// a string tensor whose value is the serialized Summary of the tensors
// it summarizes, and in tf1go it is a Fetcher whose result is that
// Summary. Run computes a Fetcher's tensors in the same run as the other
// fetches and puts Result(their values, in order) in its place; an error
// from Result is Run's error.
type Fetcher interface {
	Fetches() []*graph.Tensor
	Result(vals []*nd.Array) (any, error)
}

// fetched is a Fetcher in a call's fetch structure, with the structure
// of its tensors.
type fetched struct {
	f     Fetcher
	inner any
}

func (f fetched) result(rec func(any) (any, error)) (any, error) {
	v, err := rec(f.inner)
	if err != nil {
		return nil, err
	}
	list := v.([]any) // Fetches is a slice, so its structure is one
	vals := make([]*nd.Array, len(list))
	for i, a := range list {
		vals[i] = a.(*nd.Array)
	}
	return f.f.Result(vals)
}
