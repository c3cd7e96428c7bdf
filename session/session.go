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

// Feed maps what is fed to the value it takes for one Run: TF's
// feed_dict. A key is a graph.TensorRef: a *graph.Tensor (usually a
// placeholder), a *graph.Variable, whose fed value stands for the
// variable's for that Run, as TF allows, or a graph.TensorName ("x:0").
// A value may be an *nd.Array, a Go number, or a (nested) slice of
// numbers; it is converted to the tensor's dtype.
type Feed map[graph.TensorRef]any

// DefaultProgramCache is how many compiled programs a Session keeps
// unless WithProgramCache says otherwise (GoMLX keeps 32 too).
const DefaultProgramCache = 32

// Session runs a graph's fetches and owns its variables' values
// (tf.Session). Two sessions on one graph are independent. Run is safe
// to call from several goroutines; runs are serialized.
type Session struct {
	g        *graph.Graph
	opt      compile.Options
	mu       sync.Mutex
	closed   bool
	vars     map[*graph.Node]*variable
	rands    map[*graph.Node]*philox.Stream
	programs *programCache
	arena    *compile.Arena // scratch shared by the programs: runs are serialized
}

type variable struct {
	arr  *nd.Array
	init bool
}

// Option configures a Session.
type Option func(*Session)

// WithCompileOptions sets how programs are compiled (e.g. without fusion).
func WithCompileOptions(o compile.Options) Option { return func(s *Session) { s.opt = o } }

// WithProgramCache sets how many compiled programs the session keeps
// (DefaultProgramCache unless set; at least 1). Past that, the program
// used least recently is dropped, with the scratch memory only it used,
// and compiled again if its signature comes back.
func WithProgramCache(n int) Option {
	return func(s *Session) { s.programs = newProgramCache(max(n, 1)) }
}

// New opens a session on g (tf.Session(graph=g)).
func New(g *graph.Graph, opts ...Option) *Session {
	s := &Session{g: g, vars: map[*graph.Node]*variable{}, rands: map[*graph.Node]*philox.Stream{},
		programs: newProgramCache(DefaultProgramCache), arena: &compile.Arena{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Graph returns the session's graph.
func (s *Session) Graph() *graph.Graph { return s.g }

// Close releases the session's programs, variable values and random
// streams. Every later use of the session (Run, RunTensors, Explain,
// VariableValue, SetVariable, a Saver's Save and Restore) returns a
// *ClosedError, as TF does; closing twice is allowed.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.vars, s.rands, s.programs, s.arena = nil, nil, nil, nil
	return nil
}

// Closed reports whether Close has been called.
func (s *Session) Closed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Run computes fetches with the given feeds (sess.run(fetches, feed_dict)).
// A fetch is a *graph.Tensor or *graph.Variable (its value comes back as
// an *nd.Array), a *graph.Node such as a training op (it runs; its result
// is nil), a name as TF takes it ("x:0" a tensor, "train" an op; a
// graph.TensorName is always a tensor), a Fetcher such as a merged
// summary (its Result), or a slice of fetches (the result is a []any of
// the same length, nested the same way). RunTensors returns the values
// without the type assertions.
func (s *Session) Run(fetches any, feeds Feed) (any, error) {
	c, vals, err := s.run(fetches, feeds)
	if err != nil {
		return nil, err
	}
	return c.build(vals)
}

// RunTensors computes the given tensors with the feeds and returns their
// values in the same order. A fetch is a *graph.Tensor, a *graph.Variable
// or a tensor's name, a string or graph.TensorName ("x:0", or "x" for
// output 0 of op x); an op, which has no value, is an error here (run it
// with Run). A tensor fetched twice is computed once and both places
// hold the same array. Scalars turns the values into numbers:
//
//	v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
func (s *Session) RunTensors(feeds Feed, fetches ...any) ([]*nd.Array, error) {
	refs := make([]any, len(fetches))
	for i, f := range fetches {
		switch v := f.(type) {
		case string:
			refs[i] = graph.TensorName(v)
		case *graph.Tensor, *graph.Variable, graph.TensorName:
			refs[i] = v
		case *graph.Node:
			if v == nil {
				return nil, &FetchError{Fetch: f}
			}
			return nil, &FetchError{Fetch: f, Msg: fmt.Sprintf("Fetch argument %d, the operation '%s', has no value: RunTensors fetches tensors; run an op with Run", i, v.Name())}
		default:
			return nil, &FetchError{Fetch: f, Msg: fmt.Sprintf("Fetch argument %d, %v, has invalid type %T, must be a *graph.Tensor, *graph.Variable or a tensor name", i, f, f)}
		}
	}
	c, vals, err := s.run(refs, feeds)
	if err != nil {
		return nil, err
	}
	built, err := c.build(vals)
	if err != nil {
		return nil, err
	}
	out := make([]*nd.Array, len(refs))
	for i, v := range built.([]any) {
		out[i] = v.(*nd.Array)
	}
	return out, nil
}

func (s *Session) run(fetches any, feeds Feed) (*call, []*nd.Array, error) {
	prog, c, err := s.prepare(fetches, feeds)
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, nil, &ClosedError{}
	}
	vals, err := prog.Run(c.feeds)
	if err != nil {
		return nil, nil, err
	}
	return c, vals, nil
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

// tensor resolves a fetch or feed key to a tensor of s's graph.
func (s *Session) tensor(r graph.TensorRef) (*graph.Tensor, error) {
	if v, ok := r.(*graph.Variable); ok && v != nil {
		r = v.Tensor
	}
	return r.TensorIn(s.g)
}

func (s *Session) prepare(fetches any, feeds Feed) (*compile.Program, *call, error) {
	if s.g == nil {
		return nil, nil, errors.New("session has no graph")
	}
	if s.Closed() {
		return nil, nil, &ClosedError{}
	}
	if err := s.g.Err(); err != nil {
		return nil, nil, errors.Wrap(err, "the graph has an error")
	}
	c := &call{feeds: map[*graph.Tensor]*nd.Array{}}
	index := map[*graph.Tensor]int{}
	addTensor := func(t *graph.Tensor) int {
		if i, ok := index[t]; ok {
			return i
		}
		index[t] = len(c.tensors)
		c.tensors = append(c.tensors, t)
		return index[t]
	}
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
			t, err := v.TensorIn(s.g)
			if err != nil {
				return nil, err
			}
			return addTensor(t), nil
		case graph.TensorName:
			t, err := v.TensorIn(s.g)
			if err != nil {
				return nil, err
			}
			return addTensor(t), nil
		case string:
			if strings.Contains(v, ":") {
				t, err := s.g.TensorByName(v)
				if err != nil {
					return nil, err
				}
				return addTensor(t), nil
			}
			n := s.g.NodeByName(v)
			if n == nil {
				return nil, errors.Errorf("The name '%s' refers to an Operation not in the graph.", v)
			}
			return flatten(n)
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
	fedAs := map[*graph.Tensor]graph.TensorRef{}
	for k, v := range feeds {
		t, a, err := convertFeed(s, k, v)
		if err != nil {
			return nil, nil, err
		}
		if other, twice := fedAs[t]; twice {
			return nil, nil, &FeedError{Tensor: t.Name(), Msg: fmt.Sprintf("Tensor '%s' is fed twice in one Feed, as %v and as %v", t.Name(), other, k)}
		}
		fedAs[t] = k
		c.feeds[t] = a
	}
	for _, t := range sortedFeeds(c.feeds) {
		fmt.Fprintf(&key, "%p%v%d,", t, c.feeds[t].Shape(), c.feeds[t].DType())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, nil, &ClosedError{}
	}
	prog := s.programs.get(key.String())
	if prog == nil {
		prog, err = compile.Compile(compile.Request{Graph: s.g, Fetches: c.tensors, Targets: c.targets, Feeds: c.feeds, Arena: s.arena}, (*state)(s), s.opt)
		if err != nil {
			return nil, nil, err
		}
		if s.programs.add(key.String(), prog) {
			// memory only evicted programs used goes with them
			s.arena.Trim(s.programs.all()...)
		}
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
	if s.closed {
		return nil, &ClosedError{}
	}
	if v.Graph() != s.g {
		return nil, &ForeignError{What: v.String()}
	}
	x := s.vars[v.Node()]
	if x == nil || !x.init {
		return nil, &UninitializedError{Name: v.Node().Name()}
	}
	return x.arr.Clone(), nil
}

// SetVariable loads a into v (converted to v's dtype; the shape must be
// v's) and marks v initialized, as restoring a checkpoint does.
func (s *Session) SetVariable(v *graph.Variable, a *nd.Array) error {
	if v == nil {
		return &FeedError{Msg: "Cannot assign to a nil *graph.Variable"}
	}
	if s.Closed() {
		return &ClosedError{}
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
	if s.closed {
		return &ClosedError{}
	}
	st := (*state)(s)
	st.Var(v.Node()).CopyFrom(b)
	st.SetInitialized(v.Node())
	return nil
}
