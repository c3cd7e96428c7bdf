package session

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/philox"
)

// Feed maps tensors (usually placeholders) to the values they take for
// one Run: TF's feed_dict. A value may be an *nd.Array, a Go number, or a
// (nested) slice of numbers; it is converted to the tensor's dtype.
type Feed map[*graph.Tensor]any

// Session runs a graph's fetches and owns its variables' values
// (tf.Session). Two sessions on one graph are independent. Run is safe
// to call from several goroutines; runs are serialized.
type Session struct {
	g     *graph.Graph
	opt   compile.Options
	mu    sync.Mutex
	vars  map[*graph.Node]*variable
	rands map[*graph.Node]*philox.Stream
	cache map[string]*compile.Program
	arena *compile.Arena // scratch shared by the programs: runs are serialized
}

type variable struct {
	arr  *nd.Array
	init bool
}

// Option configures a Session.
type Option func(*Session)

// WithCompileOptions sets how programs are compiled (e.g. without fusion).
func WithCompileOptions(o compile.Options) Option { return func(s *Session) { s.opt = o } }

// New opens a session on g (tf.Session(graph=g)).
func New(g *graph.Graph, opts ...Option) *Session {
	s := &Session{g: g, vars: map[*graph.Node]*variable{}, rands: map[*graph.Node]*philox.Stream{}, cache: map[string]*compile.Program{}, arena: &compile.Arena{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Graph returns the session's graph.
func (s *Session) Graph() *graph.Graph { return s.g }

// Close releases the session's programs, variable values and random
// streams.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vars, s.cache, s.arena = map[*graph.Node]*variable{}, map[string]*compile.Program{}, &compile.Arena{}
	s.rands = map[*graph.Node]*philox.Stream{}
	return nil
}

// Run computes fetches with the given feeds (sess.run(fetches, feed_dict)).
// A fetch is a *graph.Tensor or *graph.Variable (its value comes back as
// an *nd.Array), a *graph.Node such as a training op (it runs; its result
// is nil), a Fetcher such as a merged summary (its Result), or a slice
// of fetches (the result is a []any of the same length, nested the same
// way).
func (s *Session) Run(fetches any, feeds Feed) (any, error) {
	prog, call, err := s.prepare(fetches, feeds)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	vals, err := prog.Run(call.feeds)
	if err != nil {
		return nil, err
	}
	return call.build(vals)
}

// Explain compiles fetches for these feeds, as Run would, and reports what
// the compile step did: what it pruned, differentiated, rewrote and fused.
func (s *Session) Explain(fetches any, feeds Feed) (*compile.Report, error) {
	prog, _, err := s.prepare(fetches, feeds)
	if err != nil {
		return nil, err
	}
	return prog.Report(), nil
}

// call is one Run's fetches flattened, with the converted feeds.
type call struct {
	tensors []*graph.Tensor
	targets []*graph.Node
	shape   any // the fetch structure: int index into tensors, -1 for an op, or []any
	feeds   map[*graph.Tensor]*nd.Array
}

func (c *call) build(vals []*nd.Array) (any, error) {
	var rec func(x any) (any, error)
	rec = func(x any) (any, error) {
		switch v := x.(type) {
		case int:
			if v < 0 {
				return nil, nil
			}
			return vals[v], nil
		case []any:
			out := make([]any, len(v))
			for i, e := range v {
				var err error
				if out[i], err = rec(e); err != nil {
					return nil, err
				}
			}
			return out, nil
		case fetched:
			return v.result(rec)
		}
		return nil, nil
	}
	return rec(c.shape)
}

func (s *Session) prepare(fetches any, feeds Feed) (*compile.Program, *call, error) {
	if s.g == nil {
		return nil, nil, errors.New("session has no graph")
	}
	if err := s.g.Err(); err != nil {
		return nil, nil, errors.Wrap(err, "the graph has an error")
	}
	c := &call{feeds: map[*graph.Tensor]*nd.Array{}}
	index := map[*graph.Tensor]int{}
	var flatten func(f any) (any, error)
	flatten = func(f any) (any, error) {
		switch v := f.(type) {
		case *graph.Variable:
			if v == nil {
				return nil, &FetchError{Fetch: f}
			}
			return flatten(v.Tensor)
		case *graph.Tensor:
			if v == nil {
				return nil, &FetchError{Fetch: f}
			}
			v = v.In(s.g)
			if v.Graph() != s.g {
				return nil, &ForeignError{What: v.String()}
			}
			if i, ok := index[v]; ok {
				return i, nil
			}
			index[v] = len(c.tensors)
			c.tensors = append(c.tensors, v)
			return index[v], nil
		case *graph.Node:
			if v == nil {
				return nil, &FetchError{Fetch: f}
			}
			v = v.In(s.g)
			if v.Graph() != s.g {
				return nil, &ForeignError{What: "Operation " + v.Name()}
			}
			c.targets = append(c.targets, v)
			return -1, nil
		case Fetcher:
			inner, err := flatten(v.Fetches())
			return fetched{v, inner}, err
		}
		rv := reflect.ValueOf(f)
		if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
			out := make([]any, rv.Len())
			for i := range out {
				var err error
				if out[i], err = flatten(rv.Index(i).Interface()); err != nil {
					return nil, err
				}
			}
			return out, nil
		}
		return nil, &FetchError{Fetch: f}
	}
	var err error
	if c.shape, err = flatten(fetches); err != nil {
		return nil, nil, err
	}
	var key strings.Builder
	for _, t := range c.tensors {
		fmt.Fprintf(&key, "%p,", t)
	}
	key.WriteString("|")
	for _, n := range c.targets {
		fmt.Fprintf(&key, "%p,", n)
	}
	key.WriteString("|")
	for t, v := range feeds {
		a, err := convertFeed(s.g, t, v)
		if err != nil {
			return nil, nil, err
		}
		c.feeds[t] = a
	}
	for _, t := range sortedFeeds(c.feeds) {
		fmt.Fprintf(&key, "%p%v%d,", t, c.feeds[t].Shape(), c.feeds[t].DType())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	prog := s.cache[key.String()]
	if prog == nil {
		prog, err = compile.Compile(compile.Request{Graph: s.g, Fetches: c.tensors, Targets: c.targets, Feeds: c.feeds, Arena: s.arena}, (*state)(s), s.opt)
		if err != nil {
			return nil, nil, err
		}
		s.cache[key.String()] = prog
	}
	return prog, c, nil
}

// state gives compiled programs the session's variables and generators;
// callers hold s.mu.
type state Session

func (st *state) Var(v *graph.Node) *nd.Array {
	x := st.vars[v]
	if x == nil {
		op := v.Op().(graph.VariableOp)
		x = &variable{arr: nd.New(op.DType, op.Shape...)}
		st.vars[v] = x
	}
	return x.arr
}

func (st *state) Initialized(v *graph.Node) bool {
	x := st.vars[v]
	return x != nil && x.init
}

func (st *state) SetInitialized(v *graph.Node) {
	st.Var(v)
	st.vars[v].init = true
}

// Rand returns random node n's Philox stream, made on first use and kept
// for the session's life, as TF keeps a kernel's generator: each Run
// continues where the last stopped.
func (st *state) Rand(n *graph.Node) *philox.Stream {
	r := st.rands[n]
	if r == nil {
		r = philox.NewStream(n.Seeds()) // seeds 0, 0: drawn at random, as in TF
		st.rands[n] = r
	}
	return r
}

// VariableValue returns a copy of v's current value, or TF's error for a
// variable whose initializer has not run.
func (s *Session) VariableValue(v *graph.Variable) (*nd.Array, error) {
	if v == nil {
		return nil, &FetchError{Fetch: v}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v.Graph() != s.g {
		return nil, &ForeignError{What: v.String()}
	}
	x := s.vars[v.Node()]
	if x == nil || !x.init {
		return nil, &compile.UninitializedError{Name: v.Node().Name()}
	}
	return x.arr.Clone(), nil
}

// SetVariable loads a into v (converted to v's dtype; the shape must be
// v's) and marks v initialized, as restoring a checkpoint does.
func (s *Session) SetVariable(v *graph.Variable, a *nd.Array) error {
	if v == nil {
		return &FeedError{Msg: "Cannot assign to a nil *graph.Variable"}
	}
	if v.Graph() != s.g {
		return &ForeignError{What: v.String()}
	}
	b, err := nd.From(a, v.DType())
	if err != nil {
		return err
	}
	if !v.Shape().IsCompatibleWith(graph.Shape(b.Shape())) || len(b.Shape()) != len(v.Shape()) {
		return errors.Errorf("Assign requires shapes of both tensors to match. lhs shape= %s rhs shape= %s", v.Shape().Brackets(), graph.Shape(b.Shape()).Brackets())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := (*state)(s)
	st.Var(v.Node()).CopyFrom(b)
	st.SetInitialized(v.Node())
	return nil
}
