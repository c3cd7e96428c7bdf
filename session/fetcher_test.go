package session_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// sumOf is a Fetcher whose result is the sum of its tensors' first
// elements, or an error when one is negative.
type sumOf []*graph.Tensor

func (s sumOf) Fetches() []*graph.Tensor { return s }

func (s sumOf) Result(vals []*nd.Array) (any, error) {
	total := 0.0
	for _, v := range vals {
		if v.Flat(0) < 0 {
			return nil, errors.New("negative")
		}
		total += v.Flat(0)
	}
	return total, nil
}

func TestFetcher(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{})
	y := ops.Mul(x, 2)
	sess := session.New(g)
	res, err := sess.Run([]any{sumOf{x, y}, y, []any{sumOf{y}}}, session.Feed{x: float32(1.5)})
	if err != nil {
		t.Fatal(err)
	}
	got := res.([]any)
	if got[0] != 4.5 || got[1].(*nd.Array).Flat(0) != 3 || got[2].([]any)[0] != 3.0 {
		t.Errorf("Run = %v, want [4.5 3 [3]]", got)
	}
	if _, err := sess.Run(sumOf{x}, session.Feed{x: float32(-1)}); err == nil || err.Error() != "negative" {
		t.Errorf("a failing Result: %v, want its error", err)
	}
}

func ExampleFetcher() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{})
	sess := session.New(g)
	res, err := sess.Run(sumOf{x, ops.Square(x)}, session.Feed{x: float32(3)})
	fmt.Println(res, err)
	// Output: 12 <nil>
}
