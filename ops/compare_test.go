package ops_test

import (
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// runFeeds runs fetches on g with feeds given as placeholder, value
// pairs (see sessionRun), failing the test on an error.
func runFeeds(t *testing.T, g *graph.Graph, fetches []*graph.Tensor, pairs ...any) []*nd.Array {
	t.Helper()
	v, err := sessionRun(g, fetches, pairs...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCompareLogicalWhere(t *testing.T) {
	a, b := []float64{1, 2, 3}, []float64{2, 2, 2}
	bin := func(f func(a, b any) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0], in[1]) }
	}
	p := nd.FromBools([]bool{true, true, false, false}, 4)
	q := nd.FromBools([]bool{true, false, true, false}, 4)
	runCases(t, []opCase{
		{"Equal", bin(ops.Equal), []any{a, b}, []bool{false, true, false}, 0},
		{"NotEqual", bin(ops.NotEqual), []any{a, b}, []bool{true, false, true}, 0},
		{"Greater", bin(ops.Greater), []any{a, b}, []bool{false, false, true}, 0},
		{"GreaterEqual", bin(ops.GreaterEqual), []any{a, b}, []bool{false, true, true}, 0},
		{"Less", bin(ops.Less), []any{a, b}, []bool{true, false, false}, 0},
		{"LessEqual", bin(ops.LessEqual), []any{a, b}, []bool{true, true, false}, 0},
		{"Greater broadcast Go number", func(in ...*graph.Tensor) *graph.Tensor { return ops.Greater(in[0], 1.5) },
			[]any{[][]float64{{1, 2}, {3, 0}}}, [][]bool{{false, true}, {true, false}}, 0},
		{"Equal int64", bin(ops.Equal), []any{nd.FromInt64s([]int64{1, 2}, 2), nd.FromInt64s([]int64{1, 3}, 2)}, []bool{true, false}, 0},
		{"Equal bool", bin(ops.Equal), []any{p, q}, []bool{true, false, false, true}, 0},
		{"LogicalAnd", bin(ops.LogicalAnd), []any{p, q}, []bool{true, false, false, false}, 0},
		{"LogicalOr", bin(ops.LogicalOr), []any{p, q}, []bool{true, true, true, false}, 0},
		{"LogicalNot", func(in ...*graph.Tensor) *graph.Tensor { return ops.LogicalNot(in[0]) }, []any{p}, []bool{false, false, true, true}, 0},
		{"Where", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.Where(ops.Greater(in[0], 0), in[0], ops.Neg(in[0]))
		},
			[]any{[]float64{-1, 2, -3}}, []float64{1, 2, 3}, 0},
		{"Where picks rows", func(in ...*graph.Tensor) *graph.Tensor { return ops.Where(in[0], in[1], ops.ZerosLike(in[1])) },
			[]any{nd.FromBools([]bool{false, true}, 2), [][]float64{{1, 2}, {3, 4}}}, [][]float64{{0, 0}, {3, 4}}, 0},
	})
}

func TestCompareErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(g *graph.Graph) *graph.Tensor
		want  string
	}{
		{"LogicalAnd of floats", func(g *graph.Graph) *graph.Tensor {
			return ops.LogicalAnd(g.Placeholder(graph.Float32, graph.Shape{2}), g.Placeholder(graph.Float32, graph.Shape{2}))
		}, "Value passed to 'LogicalAnd' Op has DataType float32 not in list of allowed values"},
		{"Greater of bools", func(g *graph.Graph) *graph.Tensor {
			return ops.Greater(g.Placeholder(graph.Bool, graph.Shape{2}), g.Placeholder(graph.Bool, graph.Shape{2}))
		}, "Value passed to 'Greater' Op has DataType bool"},
		{"Where of a float condition", func(g *graph.Graph) *graph.Tensor {
			x := g.Placeholder(graph.Float32, graph.Shape{2})
			return ops.Where(x, x, x)
		}, "Input 'condition' of 'Select' Op has type float32 that does not match expected type of bool"},
		{"Where of mismatched shapes", func(g *graph.Graph) *graph.Tensor {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			return ops.Where(g.Placeholder(graph.Bool, graph.Shape{3}), x, x)
		}, "Shape must be rank 1 or equal to the shape of 't', but is [3] and 't' is [2,3]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			c.build(g)
			wantErr(t, g.Err(), c.want)
		})
	}
}

func TestGradientWhere(t *testing.T) {
	checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
		return ops.Where(ops.Greater(xs[0], xs[1]), ops.Mul(xs[0], xs[1]), ops.Square(xs[1]))
	}, randArray(91, -1, 1, 2, 3), randArray(92, -1, 1, 2, 3))
}

// wantErr checks that err is set and holds want.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %q", err, want)
	}
}

// sessionRun runs fetches on g with feeds given as placeholder, value
// pairs (a value: anything nd.From takes, converted to the placeholder's
// dtype).
func sessionRun(g *graph.Graph, fetches []*graph.Tensor, pairs ...any) ([]*nd.Array, error) {
	feed := session.Feed{}
	for i := 0; i < len(pairs); i += 2 {
		p := pairs[i].(*graph.Tensor)
		a, err := nd.From(pairs[i+1], p.DType())
		if err != nil {
			return nil, err
		}
		feed[p] = a
	}
	args := make([]any, len(fetches))
	for i, f := range fetches {
		args[i] = f
	}
	return session.New(g).RunTensors(feed, args...)
}
