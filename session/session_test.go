package session_test

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// logistic is the lecture's logistic regression (MLE): x[None,2]·w+w0,
// sigmoid, binary cross-entropy summed over the batch, Adam.
type logistic struct {
	g              *graph.Graph
	x, t           *graph.Tensor
	w, w0          *graph.Variable
	p, loss, acc   *graph.Tensor
	trainStep      *graph.Node
	data           fixtures.Toy
	feed, halfFeed session.Feed
}

func newLogistic() *logistic {
	m := &logistic{g: graph.New(), data: fixtures.MLE()}
	g := m.g
	m.x = g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	m.w = g.Variable(ops.Zeros(2, 1))
	m.w0 = g.Variable(ops.Zeros(1))
	m.p = ops.Sigmoid(ops.Add(ops.MatMul(m.x, m.w), m.w0))
	m.t = g.Placeholder(graph.Float32, graph.Shape{graph.None, 1}, graph.Name("t"))
	m.loss = ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(m.t, ops.Log(m.p)), ops.Mul(ops.Sub(1, m.t), ops.Log(ops.Sub(1, m.p))))))
	m.trainStep = train.NewAdamOptimizer().Minimize(m.loss)
	correct := ops.Equal(ops.Sign(ops.Sub(m.p, 0.5)), ops.Sign(ops.Sub(m.t, 0.5)))
	m.acc = ops.ReduceMean(ops.Cast(correct, graph.Float32))
	n := m.data.Len()
	// the labels go in as a float64 column, the points as [][2]float64
	m.feed = session.Feed{m.x: m.data.X, m.t: nd.FromFloat64s(m.data.T, n, 1)}
	m.halfFeed = session.Feed{m.x: m.data.X[:n/2], m.t: nd.FromFloat64s(m.data.T[:n/2], n/2, 1)}
	return m
}

// run is Session.Run that fails the test on a panic: no input may make
// the engine panic.
func run(t *testing.T, s *session.Session, fetches any, feed session.Feed) (res any, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Run panicked: %v", r)
		}
	}()
	return s.Run(fetches, feed)
}

func mustRun(t *testing.T, s *session.Session, fetches any, feed session.Feed) any {
	t.Helper()
	res, err := run(t, s, fetches, feed)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func array(t *testing.T, res any) *nd.Array {
	t.Helper()
	a, ok := res.(*nd.Array)
	if !ok || a == nil {
		t.Fatalf("result is %T (%v), want *nd.Array", res, res)
	}
	return a
}

func checkValues(t *testing.T, what string, a *nd.Array, dt nd.DType, shape []int, want ...float64) {
	t.Helper()
	if a.DType() != dt || nd.ShapeString(a.Shape()) != nd.ShapeString(shape) {
		t.Fatalf("%s: %s array of shape %s, want %s of shape %s", what, a.DType(), nd.ShapeString(a.Shape()), dt, nd.ShapeString(shape))
	}
	for i, w := range want {
		if got := a.Flat(i); math.Abs(got-w) > 1e-5*max(1, math.Abs(w)) {
			t.Errorf("%s: element %d is %g, want %g", what, i, got, w)
		}
	}
}

func TestRunFetchKinds(t *testing.T) {
	m := newLogistic()
	s := session.New(m.g)

	if res := mustRun(t, s, m.g.GlobalVariablesInitializer(), nil); res != nil {
		t.Errorf("an op fetch returned %v, want nil", res)
	}
	// with zero weights p = 0.5 everywhere: loss = 35·ln 2
	checkValues(t, "tensor", array(t, mustRun(t, s, m.loss, m.feed)), graph.Float32, []int{}, 35*math.Ln2)
	checkValues(t, "variable", array(t, mustRun(t, s, m.w, nil)), graph.Float32, []int{2, 1}, 0, 0)

	c := ops.Constant([]float64{1, 2, 3}) // free: it joins the graph when fetched
	checkValues(t, "free constant", array(t, mustRun(t, s, c, nil)), graph.Float32, []int{3}, 1, 2, 3)
	checkValues(t, "free constant again", array(t, mustRun(t, s, c, nil)), graph.Float32, []int{3}, 1, 2, 3)

	list := mustRun(t, s, []any{m.loss, m.acc}, m.feed).([]any)
	if len(list) != 2 {
		t.Fatalf("list fetch gave %d results", len(list))
	}
	checkValues(t, "list[0]", array(t, list[0]), graph.Float32, []int{}, 35*math.Ln2)
	checkValues(t, "list[1]", array(t, list[1]), graph.Float32, []int{}, 0)
	if got, err := session.Scalars(session.Arrays(list), nil); err != nil || got[0] != list[0].(*nd.Array).Float() || got[1] != 0 {
		t.Errorf("Scalars = %v, %v", got, err)
	}

	twice := mustRun(t, s, []any{m.loss, m.loss}, m.feed).([]any)
	if a, b := array(t, twice[0]), array(t, twice[1]); a.Float() != b.Float() {
		t.Errorf("the same tensor fetched twice: %v and %v", a, b)
	}

	// nested, with a training op. Ops that read w run before the step
	// writes it; w fetched itself is its value after the run, as TF's
	// ref-typed variables give it in practice.
	wTimes1 := ops.Mul(m.w, 1)
	nested := mustRun(t, s, []any{m.loss, []any{m.w, m.trainStep}, []*graph.Tensor{m.p, wTimes1}}, m.feed).([]any)
	inner := nested[1].([]any)
	if inner[1] != nil {
		t.Errorf("nested op fetch returned %v, want nil", inner[1])
	}
	typed := nested[2].([]any)
	checkValues(t, "typed slice", array(t, typed[0]), graph.Float32, []int{35, 1}, 0.5, 0.5)
	checkValues(t, "w·1 read in the step's run", array(t, typed[1]), graph.Float32, []int{2, 1}, 0, 0)
	after := array(t, mustRun(t, s, m.w, nil))
	if after.Flat(0) == 0 || after.Flat(1) == 0 {
		t.Errorf("w after one Adam step = %v, want both entries moved", after)
	}
	checkValues(t, "w fetched with the step", array(t, inner[0]), graph.Float32, []int{2, 1}, after.Flat(0), after.Flat(1))
	// a node with an output, fetched as a node, runs and yields nil
	if res := mustRun(t, s, m.loss.Node(), m.feed); res != nil {
		t.Errorf("fetching loss.Node() returned %v, want nil", res)
	}
}

func TestFeedKinds(t *testing.T) {
	g := graph.New()
	v := g.Placeholder(graph.Float32, graph.Shape{graph.None})
	mat := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	keepProb := g.Placeholder(graph.Float32, graph.UnknownShape, graph.Name("keep_prob"))
	sum, matSum := ops.ReduceSum(v), ops.ReduceSum(mat)
	s := session.New(g)

	for _, c := range []struct {
		name string
		x    *graph.Tensor
		val  any
		want []float64
	}{
		{"[]float32", v, []float32{1, 2, 3}, []float64{1, 2, 3}},
		{"[]float64", v, []float64{1, 2, 3}, []float64{1, 2, 3}},
		{"[]int", v, []int{1, 2, 3}, []float64{1, 2, 3}},
		{"[]int64", v, []int64{1, 2, 3}, []float64{1, 2, 3}},
		{"[3]float64", v, [3]float64{1, 2, 3}, []float64{1, 2, 3}},
		{"[]any", v, []any{1, 2.5, int64(3)}, []float64{1, 2.5, 3}},
		{"float64 array", v, nd.FromFloat64s([]float64{0.5, 1.5}, 2), []float64{0.5, 1.5}},
		{"int64 array", v, nd.FromInt64s([]int64{4, 5}, 2), []float64{4, 5}},
		{"[][]float64", mat, [][]float64{{1, 2}, {3, 4}, {5, 6}}, []float64{1, 2, 3, 4, 5, 6}},
		{"[][2]float64", mat, [][2]float64{{1, 2}, {3, 4}}, []float64{1, 2, 3, 4}},
		{"[][]int", mat, [][]int{{1, 2}}, []float64{1, 2}},
		{"[1][]float32 (an [image])", mat, [1][]float32{{7, 8}}, []float64{7, 8}},
		{"[]*nd.Array (an [image] of an array)", mat, []*nd.Array{nd.FromFloat64s([]float64{7, 8}, 2)}, []float64{7, 8}},
		{"arrays and lists mixed", mat, []any{nd.FromInt64s([]int64{1, 2}, 2), []float64{3, 4}}, []float64{1, 2, 3, 4}},
		{"bare float for keep_prob", keepProb, 0.5, []float64{0.5}},
		{"bare int for keep_prob", keepProb, 1, []float64{1}},
		{"list for keep_prob", keepProb, []float64{0.25, 0.75}, []float64{0.25, 0.75}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// the placeholder's own value comes back converted to float32
			a := array(t, mustRun(t, s, c.x, session.Feed{c.x: c.val}))
			if a.DType() != graph.Float32 || a.Len() != len(c.want) {
				t.Fatalf("fed %v, got %s %v", c.val, a.DType(), a)
			}
			total := 0.0
			for i, w := range c.want {
				total += w
				if a.Flat(i) != w {
					t.Errorf("element %d = %g, want %g", i, a.Flat(i), w)
				}
			}
			if c.x == keepProb {
				return
			}
			f := sum
			if c.x == mat {
				f = matSum
			}
			if got := array(t, mustRun(t, s, f, session.Feed{c.x: c.val})).Float(); got != total {
				t.Errorf("sum = %g, want %g", got, total)
			}
		})
	}

	// keep_prob scales like the lecture's dropout input; a feed the fetch
	// does not need is allowed
	scaled := ops.ReduceSum(ops.Mul(v, keepProb))
	res := mustRun(t, s, scaled, session.Feed{v: []float64{2, 4}, keepProb: 0.5, mat: [][]float64{{1, 2}}})
	checkValues(t, "v*keep_prob", array(t, res), graph.Float32, []int{}, 3)

	// batches of different sizes in turn (one program per feed shape)
	for _, n := range []int{3, 5, 3, 1} {
		batch := make([]float64, n)
		for i := range batch {
			batch[i] = 1
		}
		checkValues(t, "batch", array(t, mustRun(t, s, sum, session.Feed{v: batch})), graph.Float32, []int{}, float64(n))
	}
}

// TF lets any tensor be fed, not only placeholders: what it depends on
// is then not computed and need not be fed.
func TestFeedNonPlaceholder(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None})
	h := ops.Mul(x, 2)
	y := ops.Add(h, 1)
	w := g.Variable(ops.Zeros(2))
	s := session.New(g)

	checkValues(t, "fed h", array(t, mustRun(t, s, y, session.Feed{h: []float64{10, 20}})), graph.Float32, []int{2}, 11, 21)
	checkValues(t, "computed h", array(t, mustRun(t, s, y, session.Feed{x: []float64{10, 20}})), graph.Float32, []int{2}, 21, 41)
	// a variable fed needs no initializer
	checkValues(t, "fed variable", array(t, mustRun(t, s, ops.Add(w, 1), session.Feed{w.Tensor: []float64{1, 2}})), graph.Float32, []int{2}, 2, 3)
	// the fed tensor's static shape still applies
	_, err := run(t, s, y, session.Feed{h: [][]float64{{1}}})
	var fe *session.FeedError
	if !errors.As(err, &fe) || err.Error() != "Cannot feed value of shape (1, 1) for Tensor 'Mul:0', which has shape '(?,)'" {
		t.Errorf("feeding h a matrix: %v", err)
	}
}

func TestRunErrors(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	unnamed := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	v0 := g.Variable(ops.Zeros(2))
	v1 := g.Variable(ops.Zeros(2))
	y := ops.ReduceSum(x)
	other := graph.New()
	ox := other.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	var nilTensor *graph.Tensor
	var nilVar *graph.Variable
	var nilNode *graph.Node
	s := session.New(g)
	mustRun(t, s, v0.Initializer, nil)
	ok := session.Feed{x: [][]float64{{1, 2}}}

	const (
		foreign  = `Tensor("Placeholder:0", shape=(?, 2), dtype=float) is not an element of this graph.`
		fetchMsg = ` has invalid type `
	)
	for _, c := range []struct {
		name  string
		fetch any
		feed  session.Feed
		as    any    // pointer to the error type errors.As must find
		want  string // the message; for a fetch error, a part of it
	}{
		{"feed shape", y, session.Feed{x: [][]float64{{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}}}, new(*session.FeedError),
			"Cannot feed value of shape (3, 5) for Tensor 'x:0', which has shape '(?, 2)'"},
		{"missing feed", ops.ReduceSum(unnamed), ok, new(*session.MissingFeedError),
			"You must feed a value for placeholder tensor 'Placeholder' with dtype float and shape [?,2]"},
		{"uninitialized", []any{v0, v1}, nil, new(*session.UninitializedError),
			"Attempting to use uninitialized value Variable_1"},
		{"fetch from another graph", ox, nil, new(*session.ForeignError), foreign},
		{"fetch from another graph in a list", []any{y, []any{ox}}, ok, new(*session.ForeignError), foreign},
		{"feed key from another graph", y, session.Feed{x: [][]float64{{1, 2}}, ox: [][]float64{{1, 2}}}, new(*session.ForeignError), foreign},
		{"feed of strings", y, session.Feed{x: [][]string{{"a", "b"}}}, new(*nd.ConvertError),
			"Cannot feed value for Tensor 'x:0' with dtype float: could not convert string to float: 'a'"},
		{"ragged feed", y, session.Feed{x: [][]float64{{1, 2}, {3}}}, new(*nd.ConvertError),
			"Cannot feed value for Tensor 'x:0' with dtype float: setting an array element with a sequence. " +
				"The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."},
		{"ragged arrays", y, session.Feed{x: []*nd.Array{nd.New(graph.Float32, 2), nd.New(graph.Float32, 3)}}, new(*nd.ConvertError),
			"Cannot feed value for Tensor 'x:0' with dtype float: setting an array element with a sequence. " +
				"The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."},
		{"feed of nil", y, session.Feed{x: nil}, new(*nd.ConvertError),
			"Cannot feed value for Tensor 'x:0' with dtype float: cannot convert None (nil) to a tensor"},
		{"feed of a map", y, session.Feed{x: map[int]float64{0: 1}}, new(*session.FeedError), ""},
		{"feed key nil", y, session.Feed{nilTensor: 1.0, x: [][]float64{{1, 2}}}, new(*session.FeedError), "Cannot feed a nil tensor"},
		{"fetch nil", nil, nil, new(*session.FetchError), fetchMsg},
		{"fetch nil tensor", nilTensor, nil, new(*session.FetchError), fetchMsg + "*graph.Tensor"},
		{"fetch nil variable", nilVar, nil, new(*session.FetchError), fetchMsg + "*graph.Variable"},
		{"fetch nil node", nilNode, nil, new(*session.FetchError), fetchMsg + "*graph.Node"},
		{"nil tensor in a list", []any{y, nilTensor}, ok, new(*session.FetchError), fetchMsg + "*graph.Tensor"},
		{"fetch a number", 3, nil, new(*session.FetchError), fetchMsg + "int"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := run(t, s, c.fetch, c.feed)
			if err == nil {
				t.Fatalf("Run succeeded with %v", res)
			}
			if !errors.As(err, c.as) {
				t.Errorf("error %T (%v) is not a %T", err, err, c.as)
			}
			_, isFetch := c.as.(**session.FetchError)
			switch {
			case isFetch && !strings.Contains(err.Error(), c.want):
				t.Errorf("error %q does not contain %q", err, c.want)
			case !isFetch && c.want != "" && err.Error() != c.want:
				t.Errorf("error\n %q\nwant\n %q", err, c.want)
			}
		})
	}
	// the ragged and string errors are FeedErrors too, naming the tensor
	_, err := run(t, s, y, session.Feed{x: [][]float64{{1, 2}, {3}}})
	var fe *session.FeedError
	if !errors.As(err, &fe) || fe.Tensor != "x:0" {
		t.Errorf("ragged feed: %v is not a FeedError for x:0", err)
	}
	// the session is still usable after every error
	checkValues(t, "after errors", array(t, mustRun(t, s, y, ok)), graph.Float32, []int{}, 3)
}

// A graph that failed to build reports its first error at every Run,
// typed, with TF's wording; building on never panics.
func TestBuildErrorsAtRun(t *testing.T) {
	g := graph.New()
	a := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	b := g.Placeholder(graph.Float32, graph.Shape{3, 1})
	bad := ops.MatMul(a, b)
	later := ops.Softmax(ops.Add(bad, 1)) // building on a failed node is fine
	good := ops.ReduceSum(a)
	const want = "Dimensions must be equal, but are 2 and 3 for 'MatMul' (op: 'MatMul') with input shapes: [?,2], [3,1]."
	if err := g.Err(); err == nil || err.Error() != want {
		t.Fatalf("g.Err() = %v, want %q", err, want)
	}
	s := session.New(g)
	for _, fetch := range []any{later, good, []any{good, bad}} {
		_, err := run(t, s, fetch, session.Feed{a: [][]float64{{1, 2}}, b: [][]float64{{1}, {2}, {3}}})
		var ge *graph.Error
		if !errors.As(err, &ge) || ge.Node != "MatMul" || ge.OpType != "MatMul" || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("Run(%v): %v, want the graph's MatMul error", fetch, err)
		}
	}

	// tensors of two graphs in one op
	g1, g2 := graph.New(), graph.New()
	p1 := g1.Placeholder(graph.Float32, graph.Shape{2})
	p2 := g2.Placeholder(graph.Float32, graph.Shape{2}, graph.Name("q"))
	ops.Add(p1, p2)
	_, err := run(t, session.New(g1), p1, session.Feed{p1: []float64{1, 2}})
	var gm *graph.GraphMismatchError
	if !errors.As(err, &gm) || !strings.Contains(err.Error(), `Tensor("q:0") must be from the same graph as Tensor("Placeholder:0").`) {
		t.Errorf("mixed graphs: %v", err)
	}
}

func TestTwoSessionsAreIndependent(t *testing.T) {
	m := newLogistic()
	s1, s2 := session.New(m.g), session.New(m.g)
	init := m.g.GlobalVariablesInitializer()
	mustRun(t, s1, init, nil)
	mustRun(t, s2, init, nil)
	for range 20 {
		mustRun(t, s1, m.trainStep, m.feed)
	}
	w1, err := s1.VariableValue(m.w)
	if err != nil {
		t.Fatal(err)
	}
	w2, err := s2.VariableValue(m.w)
	if err != nil {
		t.Fatal(err)
	}
	if w1.Flat(0) == 0 {
		t.Errorf("s1's w did not move: %v", w1)
	}
	checkValues(t, "s2's w", w2, graph.Float32, []int{2, 1}, 0, 0)
	l1 := array(t, mustRun(t, s1, m.loss, m.feed)).Float()
	l2 := array(t, mustRun(t, s2, m.loss, m.feed)).Float()
	if l1 >= l2 || math.Abs(l2-35*math.Ln2) > 1e-4 {
		t.Errorf("losses after training s1: s1 %g, s2 %g", l1, l2)
	}
	// a third session has nothing initialized
	_, err = run(t, session.New(m.g), m.loss, m.feed)
	var ue *session.UninitializedError
	if !errors.As(err, &ue) {
		t.Errorf("fresh session: %v, want an UninitializedError", err)
	}
}

// Several goroutines share one session: one trains, the others evaluate
// with two feed shapes and read variables. Run with -race. Evaluations
// change nothing, so the trained weights are what a lone run gives.
func TestConcurrentRuns(t *testing.T) {
	const steps = 30
	m := newLogistic()
	s := session.New(m.g)
	mustRun(t, s, m.g.GlobalVariablesInitializer(), nil)

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Go(func() {
		for range steps {
			if _, err := s.Run(m.trainStep, m.feed); err != nil {
				errs <- err
				return
			}
		}
	})
	for _, feed := range []session.Feed{m.feed, m.halfFeed, m.feed} {
		wg.Go(func() {
			for range steps {
				v, err := session.Scalars(s.RunTensors(feed, m.loss, m.acc))
				if err != nil {
					errs <- err
					return
				}
				if l := v[0]; math.IsNaN(l) || l <= 0 {
					errs <- errors.New("bad loss")
					return
				}
				if _, err := s.VariableValue(m.w0); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	alone := session.New(m.g)
	mustRun(t, alone, m.g.GlobalVariablesInitializer(), nil)
	for range steps {
		mustRun(t, alone, m.trainStep, m.feed)
	}
	for _, v := range []*graph.Variable{m.w, m.w0} {
		got, _ := s.VariableValue(v)
		want, _ := alone.VariableValue(v)
		for i := range want.Len() {
			if got.Flat(i) != want.Flat(i) {
				t.Errorf("%s[%d] = %g after concurrent runs, %g alone", v.Name(), i, got.Flat(i), want.Flat(i))
			}
		}
	}
}

func TestVariableValueAndSetVariable(t *testing.T) {
	m := newLogistic()
	s := session.New(m.g)

	_, err := s.VariableValue(m.w)
	var ue *session.UninitializedError
	if !errors.As(err, &ue) || err.Error() != "Attempting to use uninitialized value Variable" {
		t.Errorf("VariableValue before init: %v", err)
	}

	// a float64 value goes into the float32 variable
	if err := s.SetVariable(m.w, nd.FromFloat64s([]float64{0.5, -1.5}, 2, 1)); err != nil {
		t.Fatal(err)
	}
	got, err := s.VariableValue(m.w)
	if err != nil {
		t.Fatal(err)
	}
	checkValues(t, "VariableValue", got, graph.Float32, []int{2, 1}, 0.5, -1.5)
	got.Float32s()[0] = 99 // a copy: the session's value stays
	checkValues(t, "Run(w)", array(t, mustRun(t, s, m.w, nil)), graph.Float32, []int{2, 1}, 0.5, -1.5)

	// w0 is still uninitialized
	_, err = run(t, s, m.loss, m.feed)
	if !errors.As(err, &ue) || ue.Name != "Variable_1" {
		t.Errorf("loss with w0 unset: %v", err)
	}
	if err := s.SetVariable(m.w0, nd.FromFloat32s([]float32{2}, 1)); err != nil {
		t.Fatal(err)
	}
	// p = sigmoid(0.5·x1 - 1.5·x2 + 2) for the first row
	x := m.data.X[0]
	want := 1 / (1 + math.Exp(-(0.5*x[0] - 1.5*x[1] + 2)))
	checkValues(t, "p[0]", array(t, mustRun(t, s, m.p, m.feed)), graph.Float32, []int{35, 1}, want)

	for _, c := range []struct {
		name string
		v    *graph.Variable
		a    *nd.Array
		as   any
		want string
	}{
		{"shape", m.w, nd.FromFloat32s([]float32{1, 2, 3}, 3), nil,
			"Assign requires shapes of both tensors to match. lhs shape= [2,1] rhs shape= [3]"},
		{"rank", m.w, nd.FromFloat32s([]float32{1, 2}, 2), nil,
			"Assign requires shapes of both tensors to match. lhs shape= [2,1] rhs shape= [2]"},
		{"nil array", m.w, nil, new(*nd.ConvertError), "cannot convert a nil *nd.Array"},
		{"foreign", graph.New().Variable(ops.Zeros(2)), nd.FromFloat32s([]float32{1, 2}, 2), new(*session.ForeignError),
			`Tensor("Variable:0", shape=(2,), dtype=float) is not an element of this graph.`},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := s.SetVariable(c.v, c.a)
			if err == nil || err.Error() != c.want {
				t.Errorf("SetVariable: %v, want %q", err, c.want)
			}
			if c.as != nil && !errors.As(err, c.as) {
				t.Errorf("SetVariable: %T is not a %T", err, c.as)
			}
		})
	}
	checkValues(t, "w after refused sets", array(t, mustRun(t, s, m.w, nil)), graph.Float32, []int{2, 1}, 0.5, -1.5)

	_, err = s.VariableValue(graph.New().Variable(ops.Zeros(1)))
	var fe *session.ForeignError
	if !errors.As(err, &fe) {
		t.Errorf("VariableValue of another graph's variable: %v", err)
	}
	_, err = s.VariableValue(nil)
	if err == nil {
		t.Error("VariableValue(nil) succeeded")
	}
	if err := s.SetVariable(nil, nd.Scalar(graph.Float32, 1)); err == nil {
		t.Error("SetVariable(nil, ...) succeeded")
	}

	// Close drops every value
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.VariableValue(m.w); !errors.As(err, new(*session.ClosedError)) {
		t.Errorf("VariableValue after Close: %v", err)
	}
}

func TestExplain(t *testing.T) {
	m := newLogistic()
	s := session.New(m.g)
	unused := ops.Softmax(ops.MatMul(m.x, ops.Zeros(2, 3))) // pruned from every report

	// Explain compiles but runs nothing: no initializer is needed
	trainRep, err := s.Explain(m.trainStep, m.feed)
	if err != nil {
		t.Fatal(err)
	}
	lossRep, err := s.Explain(m.loss, m.feed)
	if err != nil {
		t.Fatal(err)
	}
	if trainRep.GraphNodes < len(m.g.Nodes())-1 || trainRep.Needed >= trainRep.GraphNodes {
		t.Errorf("train report: %d of %d nodes needed; the graph has %d", trainRep.Needed, trainRep.GraphNodes, len(m.g.Nodes()))
	}
	if lossRep.Needed >= trainRep.Needed || lossRep.GradientNodes != 0 || trainRep.GradientNodes == 0 {
		t.Errorf("loss report needs %d nodes (%d gradient), train report %d (%d gradient)",
			lossRep.Needed, lossRep.GradientNodes, trainRep.Needed, trainRep.GradientNodes)
	}
	for _, r := range []string{"log(sigmoid(x)) → LogSigmoid(x)", "log(1-sigmoid(x)) → LogSigmoid(-x)"} {
		if !strings.Contains(strings.Join(lossRep.Rewrites, "\n"), r) {
			t.Errorf("loss report rewrites %q, want %q among them", lossRep.Rewrites, r)
		}
	}
	if lossRep.Units == 0 || lossRep.Units >= lossRep.Live || len(lossRep.Groups) == 0 {
		t.Errorf("loss report: %d units for %d live nodes, groups %v", lossRep.Units, lossRep.Live, lossRep.Groups)
	}
	if text := trainRep.String(); !strings.HasPrefix(text, "pruned:") || !strings.Contains(text, "program:") {
		t.Errorf("report text:\n%s", text)
	}
	if _, err := s.VariableValue(m.w); err == nil {
		t.Error("Explain initialized a variable")
	}
	if _, err := s.Explain(unused, nil); !errors.As(err, new(*session.MissingFeedError)) {
		t.Errorf("Explain without a feed: %v", err)
	}
	if _, err := s.Explain(3, nil); !errors.As(err, new(*session.FetchError)) {
		t.Errorf("Explain of a number: %v", err)
	}
}
