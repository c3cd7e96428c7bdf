package compile_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// model is a lecture program: what to fetch (the loss, p itself, the
// gradients), the training op, and one batch to feed.
type model struct {
	g       *graph.Graph
	fetches []*graph.Tensor
	names   []string
	step    *graph.Node
	feed    session.Feed
}

// crossEntropy is -sum(t*log(p) + (1-t)*log(1-p)), as the lecture writes it.
func crossEntropy(t, p *graph.Tensor) *graph.Tensor {
	return ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1, t), ops.Log(ops.Sub(1, p))))))
}

func toyFeed(d fixtures.Toy) (x, t [][]float64) {
	for i := range d.T {
		x = append(x, d.X[i][:])
		t = append(t, []float64{d.T[i]})
	}
	return x, t
}

// withGradients adds loss, p and d(loss)/d(each trainable variable) to
// the fetches, and an Adam step.
func withGradients(g *graph.Graph, loss, p *graph.Tensor, feed session.Feed) *model {
	m := &model{g: g, fetches: []*graph.Tensor{loss, p}, names: []string{"loss", "p"}, feed: feed}
	vars := g.TrainableVariables()
	xs := make([]*graph.Tensor, len(vars))
	for i, v := range vars {
		xs[i] = v.Tensor
		m.names = append(m.names, "d loss/d "+v.Name())
	}
	m.fetches = append(m.fetches, ops.Gradients([]*graph.Tensor{loss}, xs)...)
	m.step = train.NewAdamOptimizer().Minimize(loss)
	return m
}

// zeros and truncatedNormal are variables' initial values in dtype dt
// (the lecture's are float32; float64 copies show what rounding hides).
func zeros(dt graph.DType, dims ...int) *graph.Tensor { return ops.Cast(ops.Zeros(dims...), dt) }

func truncatedNormal(dt graph.DType, dims []int, opts ...ops.RandomOption) *graph.Tensor {
	return ops.Cast(ops.TruncatedNormal(dims, opts...), dt)
}

// logisticRegression is the MLE notebook: p = sigmoid(x·w + w0) on its
// 35 points, binary cross-entropy.
func logisticRegression(dt graph.DType) *model {
	g := graph.New()
	x := g.Placeholder(dt, graph.Shape{graph.None, 2}, graph.Name("x"))
	t := g.Placeholder(dt, graph.Shape{graph.None, 1}, graph.Name("t"))
	w := g.Variable(zeros(dt, 2, 1), graph.Name("w"))
	w0 := g.Variable(zeros(dt, 1), graph.Name("w0"))
	p := ops.Sigmoid(ops.Add(ops.MatMul(x, w), w0))
	xs, ts := toyFeed(fixtures.MLE())
	return withGradients(g, crossEntropy(t, p), p, session.Feed{x: xs, t: ts})
}

// tanhNet is the DNE notebook: two tanh layers of two units, then a
// sigmoid, on its 120 XOR-like points.
func tanhNet(dt graph.DType) *model {
	g := graph.New()
	g.SetRandomSeed(20160615)
	x := g.Placeholder(dt, graph.Shape{graph.None, 2}, graph.Name("x"))
	t := g.Placeholder(dt, graph.Shape{graph.None, 1}, graph.Name("t"))
	w1 := g.Variable(truncatedNormal(dt, []int{2, 2}))
	b1 := g.Variable(zeros(dt, 1, 2))
	h1 := ops.Tanh(ops.Add(ops.MatMul(x, w1), b1))
	w2 := g.Variable(truncatedNormal(dt, []int{2, 2}))
	b2 := g.Variable(zeros(dt, 1, 2))
	h2 := ops.Tanh(ops.Add(ops.MatMul(h1, w2), b2))
	w0 := g.Variable(zeros(dt, 2, 1))
	b0 := g.Variable(zeros(dt, 1))
	p := ops.Sigmoid(ops.Add(ops.MatMul(h2, w0), b0))
	xs, ts := toyFeed(fixtures.DNE())
	return withGradients(g, crossEntropy(t, p), p, session.Feed{x: xs, t: ts})
}

// softmaxClassifier is the MSE notebook's model on a small random batch:
// p = softmax(x·w + w0), loss = -sum(t*log(p)).
func softmaxClassifier(dt graph.DType) *model {
	const n, in, classes = 40, 12, 5
	g := graph.New()
	g.SetRandomSeed(20160604)
	x := g.Placeholder(dt, graph.Shape{graph.None, in}, graph.Name("x"))
	t := g.Placeholder(dt, graph.Shape{graph.None, classes}, graph.Name("t"))
	w := g.Variable(truncatedNormal(dt, []int{in, classes}, ops.Stddev(0.5)))
	w0 := g.Variable(zeros(dt, classes))
	p := ops.Softmax(ops.Add(ops.MatMul(x, w), w0))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	xa, ta := classBatch(rand.New(rand.NewPCG(1, 2)), n, in, classes)
	return withGradients(g, loss, p, session.Feed{x: xa, t: ta})
}

// wideMLP has a hidden layer wide enough that its weight gradient
// (601×256) is made and applied in several blocks of rows (the fused
// MatMul → ApplyAdam), the last one longer.
func wideMLP(dt graph.DType) *model {
	const n, in, hidden, classes = 30, 601, 256, 5
	g := graph.New()
	g.SetRandomSeed(20160605)
	x := g.Placeholder(dt, graph.Shape{graph.None, in}, graph.Name("x"))
	t := g.Placeholder(dt, graph.Shape{graph.None, classes}, graph.Name("t"))
	w1 := g.Variable(truncatedNormal(dt, []int{in, hidden}, ops.Stddev(0.1)))
	b1 := g.Variable(ops.Cast(ops.Constant(0.1, hidden), dt))
	h := ops.Relu(ops.Add(ops.MatMul(x, w1), b1))
	w := g.Variable(truncatedNormal(dt, []int{hidden, classes}, ops.Stddev(0.1)))
	p := ops.Softmax(ops.MatMul(h, w))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	xa, ta := classBatch(rand.New(rand.NewPCG(3, 4)), n, in, classes)
	return withGradients(g, loss, p, session.Feed{x: xa, t: ta})
}

// classBatch is n random inputs in [0, 1) with one-hot labels.
func classBatch(r *rand.Rand, n, in, classes int) (x, t *nd.Array) {
	x, t = nd.New(nd.Float32, n, in), nd.New(nd.Float32, n, classes)
	for i := range x.Float32s() {
		x.Float32s()[i] = r.Float32()
	}
	for i := 0; i < n; i++ {
		t.Float32s()[i*classes+r.IntN(classes)] = 1
	}
	return x, t
}

// trace runs m in a fresh session compiled with opt: every fetch before
// training, the loss after each of 20 Adam steps, every fetch after, and
// every variable (Adam's slots included) at the end.
func trace(t *testing.T, m *model, opt compile.Options) (names []string, vals []*nd.Array) {
	t.Helper()
	sess := session.New(m.g, session.WithCompileOptions(opt))
	if _, err := sess.Run(m.g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	fetch := func(when string) {
		out, err := sess.Run(m.fetches, m.feed)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		for i, a := range session.Arrays(out) {
			names, vals = append(names, when+" "+m.names[i]), append(vals, a)
		}
	}
	fetch("before")
	for i := 0; i < 20; i++ {
		out, err := sess.Run([]any{m.step, m.fetches[0]}, m.feed)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		names, vals = append(names, "loss during step"), append(vals, session.Arrays(out)[1])
	}
	fetch("after")
	for _, v := range m.g.GlobalVariables() {
		a, err := sess.VariableValue(v)
		if err != nil {
			t.Fatal(err)
		}
		names, vals = append(names, "variable "+v.Name()), append(vals, a)
	}
	return names, vals
}

// smallCNN is the CNN notebook's model scaled down: two convolutions
// with bias, ReLU and 2×2 max-pool, a dense ReLU layer, dropout (keep 1
// here), softmax and cross-entropy, on a batch of 7 random 8×8 images.
func smallCNN(dt graph.DType) *model {
	const n, classes = 7, 3
	g := graph.New()
	g.SetRandomSeed(20160703)
	x := g.Placeholder(dt, graph.Shape{graph.None, 8, 8, 1}, graph.Name("x"))
	t := g.Placeholder(dt, graph.Shape{graph.None, classes}, graph.Name("t"))
	same := []int{1, 1, 1, 1}
	pool := func(h *graph.Tensor) *graph.Tensor {
		return ops.MaxPool(h, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
	}
	w1 := g.Variable(truncatedNormal(dt, []int{3, 3, 1, 4}, ops.Stddev(0.5)))
	b1 := g.Variable(ops.Cast(ops.Constant(0.1, 4), dt))
	h1 := pool(ops.Relu(ops.Add(ops.Conv2D(x, w1, same, "SAME"), b1)))
	w2 := g.Variable(truncatedNormal(dt, []int{3, 3, 4, 5}, ops.Stddev(0.5)))
	b2 := g.Variable(ops.Cast(ops.Constant(0.1, 5), dt))
	h2 := pool(ops.Relu(ops.BiasAdd(ops.Conv2D(h1, w2, same, "SAME"), b2)))
	w3 := g.Variable(truncatedNormal(dt, []int{2 * 2 * 5, 7}, ops.Stddev(0.5)))
	b3 := g.Variable(ops.Cast(ops.Constant(0.1, 7), dt))
	h3 := ops.Dropout(ops.Relu(ops.Add(ops.MatMul(ops.Reshape(h2, -1, 2*2*5), w3), b3)), ops.Cast(ops.Constant(1.0), dt))
	w0 := g.Variable(truncatedNormal(dt, []int{7, classes}, ops.Stddev(0.5)))
	b0 := g.Variable(zeros(dt, classes))
	p := ops.Softmax(ops.Add(ops.MatMul(h3, w0), b0))
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	r := rand.New(rand.NewPCG(5, 6))
	xa, ta := classBatch(r, n, 64, classes)
	return withGradients(g, loss, p, session.Feed{x: xa.Reshaped(n, 8, 8, 1), t: ta})
}

var models = []struct {
	name  string
	build func(graph.DType) *model
	fuses bool // whether the training step has a fused kernel
}{
	{"logistic regression", logisticRegression, true},
	{"tanh net", tanhNet, true},
	// softmax, the reductions and LogSoftmaxGrad split every elementwise
	// chain; the MatMul takes the bias Add
	{"softmax classifier", softmaxClassifier, true},
	{"small CNN", smallCNN, true},
	{"wide MLP", wideMLP, true},
}

// TestFusionEquivalence checks that fusing elementwise chains changes no
// bit of any fetched value: the loss, p, the gradients, and the variables
// after 20 Adam steps, with and without the stable rewrites.
func TestFusionEquivalence(t *testing.T) {
	for _, dt := range []graph.DType{graph.Float32, graph.Float64} {
		for _, mc := range models {
			for _, noStabilize := range []bool{false, true} {
				name := mc.name + " " + dt.String()
				if noStabilize {
					name += " as written"
				}
				t.Run(name, func(t *testing.T) {
					m := mc.build(dt)
					opt := compile.Options{NoStabilize: noStabilize}
					if !noStabilize {
						rep, err := session.New(m.g).Explain([]any{m.step, m.fetches}, m.feed)
						if err != nil {
							t.Fatal(err)
						}
						if mc.fuses != (len(rep.Groups) > 0) {
							t.Errorf("fused groups %v; expected groups: %v", rep.Groups, mc.fuses)
						}
					}
					names, fused := trace(t, m, opt)
					opt.NoFusion = true
					_, unfused := trace(t, m, opt)
					for i := range fused {
						if !sameBits(fused[i], unfused[i]) {
							t.Errorf("%s: fused %v, unfused %v", names[i], fused[i], unfused[i])
						}
					}
				})
			}
		}
	}
}

// TestStabilizeEquivalence checks that the stable rewrites change no
// value by more than 1e-6 relative where the forms as written are finite.
// It runs the models in float64: in float32 the two forms round
// differently by an ulp or two per op, and the gradients' sums over the
// batch, whose terms cancel, turn that into up to 1e-4 relative.
func TestStabilizeEquivalence(t *testing.T) {
	for _, mc := range models {
		t.Run(mc.name, func(t *testing.T) {
			m := mc.build(graph.Float64)
			names, stable := trace(t, m, compile.Options{})
			_, plain := trace(t, m, compile.Options{NoStabilize: true})
			for i := range stable {
				a, b := stable[i], plain[i]
				for k := 0; k < a.Len(); k++ {
					if x, y := a.Flat(k), b.Flat(k); math.Abs(x-y) > 1e-6*max(math.Abs(x), math.Abs(y)) {
						t.Errorf("%s element %d: stabilized %.9g, as written %.9g", names[i], k, x, y)
						break
					}
				}
			}
		})
	}
}

func sameBits(a, b *nd.Array) bool {
	if a.DType() != b.DType() || !slices.Equal(a.Shape(), b.Shape()) {
		return false
	}
	for i := 0; i < a.Len(); i++ {
		if math.Float64bits(a.Flat(i)) != math.Float64bits(b.Flat(i)) {
			return false
		}
	}
	return true
}

// TestStabilizeUnderflow feeds logits for which softmax and sigmoid
// round to exactly 0 and 1 in float32: as written, the loss is +Inf; the
// rewritten program gives the finite loss and gradients TF's stable ops
// would.
func TestStabilizeUnderflow(t *testing.T) {
	g := graph.New()
	z := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	t3 := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	p := ops.Softmax(z)
	softmaxLoss := ops.Neg(ops.ReduceSum(ops.Mul(t3, ops.Log(p))))
	u := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	t1 := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	sigmoidLoss := crossEntropy(t1, ops.Sigmoid(u))
	grads := ops.Gradients([]*graph.Tensor{ops.Add(softmaxLoss, sigmoidLoss)}, []*graph.Tensor{z, u})
	feed := session.Feed{
		z: [][]float64{{0, 200, -200}, {1, 2, 3}}, t3: [][]float64{{1, 0, 0}, {0, 0, 1}},
		u: [][]float64{{200}, {-200}, {0}}, t1: [][]float64{{0}, {1}, {1}},
	}
	fetches := []any{softmaxLoss, sigmoidLoss, grads[0], grads[1]}

	out, err := session.New(g).Run(fetches, feed)
	if err != nil {
		t.Fatal(err)
	}
	v := session.Arrays(out)
	// -log softmax([0,200,-200])[0] = 200 + log(1 + e^-200 + e^-400)
	// -log softmax([1,2,3])[2] = log(e^-2 + e^-1 + 1)
	wantSoftmax := 200 + math.Log(1+math.Exp(-1)+math.Exp(-2))
	if got := v[0].Float(); math.Abs(got-wantSoftmax) > 1e-4 {
		t.Errorf("softmax loss %v, want %v", got, wantSoftmax)
	}
	// -log(1-sigmoid(200)) - log(sigmoid(-200)) - log(sigmoid(0))
	wantSigmoid := 400 + math.Ln2
	if got := v[1].Float(); math.Abs(got-wantSigmoid) > 1e-4 {
		t.Errorf("sigmoid loss %v, want %v", got, wantSigmoid)
	}
	// d/dz = softmax(z) - t; d/du = sigmoid(u) - t
	s := math.Exp(1) + math.Exp(2) + math.Exp(3)
	checkClose(t, "d/dz", v[2], []float64{-1, 1, 0, math.Exp(1) / s, math.Exp(2) / s, math.Exp(3)/s - 1}, 1e-6)
	checkClose(t, "d/du", v[3], []float64{1, -1, -0.5}, 1e-6)

	out, err = session.New(g, session.WithCompileOptions(compile.Options{NoStabilize: true})).Run(fetches, feed)
	if err != nil {
		t.Fatal(err)
	}
	v = session.Arrays(out)
	// t*log(p) is 0*-Inf = NaN where t is 0, -Inf where t is 1
	if !math.IsNaN(v[0].Float()) || !math.IsInf(v[1].Float(), 1) {
		t.Errorf("as written, losses %v and %v; want NaN and +Inf (or this test no longer shows the rewrite matters)", v[0], v[1])
	}
}

func checkClose(t *testing.T, what string, got *nd.Array, want []float64, tol float64) {
	t.Helper()
	if got.Len() != len(want) {
		t.Fatalf("%s: %v, want %v", what, got, want)
	}
	for i, w := range want {
		if g := got.Flat(i); math.IsNaN(g) || math.IsInf(g, 0) || math.Abs(g-w) > tol {
			t.Errorf("%s: %v, want %v", what, got, want)
			return
		}
	}
}

// TestQuirkSoftmaxFetchStaysProbabilities pins that the log(softmax)
// rewrite is ours, not Gorgonia's: Gorgonia rewrites Log(SoftMax(x)) in
// place, so the softmax node itself would then return log-probabilities.
// Here a fetched softmax returns probabilities in the same Run whose loss
// uses the rewritten form.
func TestQuirkSoftmaxFetchStaysProbabilities(t *testing.T) {
	g := graph.New()
	z := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	p := ops.Softmax(z)
	logp := ops.Log(p)
	loss := ops.Neg(ops.ReduceSum(ops.Mul([][]float64{{1, 0, 0}, {0, 1, 0}}, logp)))
	sess := session.New(g)
	feed := session.Feed{z: [][]float64{{0, 200, -200}, {0, 0, math.Log(2)}}}
	rep, err := sess.Explain([]any{p, logp, loss}, feed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.Rewrites, "log(softmax(x)) → LogSoftmax(x)") {
		t.Fatalf("no rewrite, so nothing shown:\n%v", rep)
	}
	out, err := sess.Run([]any{p, logp, loss}, feed)
	if err != nil {
		t.Fatal(err)
	}
	v := session.Arrays(out)
	checkClose(t, "softmax", v[0], []float64{0, 1, 0, 0.25, 0.25, 0.5}, 1e-7)
	checkClose(t, "log softmax", v[1], []float64{-200, 0, -400, math.Log(0.25), math.Log(0.25), math.Log(0.5)}, 1e-5)
	checkClose(t, "loss", v[2], []float64{200 + math.Log(4)}, 1e-4)
}

// TestPruning checks that a Run compiles only what its fetches need: a
// placeholder that only an unfetched op uses need not be fed.
func TestPruning(t *testing.T) {
	m := logisticRegression(graph.Float32)
	var x *graph.Tensor
	for k := range m.feed {
		if t, ok := k.(*graph.Tensor); ok && t.Name() == "x:0" {
			x = t
		}
	}
	unused := m.g.Placeholder(graph.Float32, graph.Shape{graph.None, 7}, graph.Name("unused"))
	side := ops.ReduceSum(ops.Square(unused))
	sess := session.New(m.g)
	if _, err := sess.Run(m.g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	p := m.fetches[1]
	out, err := sess.Run(p, session.Feed{x: m.feed[x]})
	if err != nil {
		t.Fatalf("p needs only x: %v", err)
	}
	if a := out.(*nd.Array); !slices.Equal(a.Shape(), []int{35, 1}) || a.Flat(0) != 0.5 {
		t.Errorf("p = %v, want 35 rows of 0.5", a)
	}
	if _, err := sess.Run([]any{m.step, m.fetches[0]}, m.feed); err != nil {
		t.Fatalf("a training step without feeding unused: %v", err)
	}
	// what is needed must be fed, with TF's message
	_, err = sess.Run([]any{m.fetches[0], side}, m.feed)
	var missing *compile.MissingFeedError
	want := "You must feed a value for placeholder tensor 'unused' with dtype float and shape [?,7]"
	if !errors.As(err, &missing) || err.Error() != want {
		t.Errorf("Run without the needed feed: %v, want %q", err, want)
	}
	_, err = sess.Run(m.fetches[0], session.Feed{x: m.feed[x]})
	if !errors.As(err, &missing) || missing.Name != "t" {
		t.Errorf("loss without t: %v, want a MissingFeedError for t", err)
	}
}

// TestExplain checks the compile report of the MLE training step.
func TestExplain(t *testing.T) {
	m := logisticRegression(graph.Float32)
	fetches := []any{m.step, m.fetches[0], m.fetches[1]}
	rep, err := session.New(m.g).Explain(fetches, m.feed)
	if err != nil {
		t.Fatal(err)
	}
	if rep.GraphNodes != len(m.g.Nodes()) {
		t.Errorf("GraphNodes %d, want %d", rep.GraphNodes, len(m.g.Nodes()))
	}
	// the explicit gradient fetches, the initializers and their values are pruned
	if rep.Needed <= 0 || rep.Needed >= rep.GraphNodes {
		t.Errorf("Needed %d of %d: nothing pruned", rep.Needed, rep.GraphNodes)
	}
	if rep.GradientNodes == 0 {
		t.Error("no gradient nodes for a training step")
	}
	wantRewrites := []string{"log(sigmoid(x)) → LogSigmoid(x)", "log(1-sigmoid(x)) → LogSigmoid(-x)"}
	if !slices.Equal(rep.Rewrites, wantRewrites) {
		t.Errorf("Rewrites %q, want %q", rep.Rewrites, wantRewrites)
	}
	if len(rep.Groups) == 0 {
		t.Error("no fused groups")
	}
	for _, grp := range rep.Groups {
		if len(grp) < 2 {
			t.Errorf("group %v has fewer than two ops", grp)
		}
		if slices.Contains(grp, "Sigmoid") {
			t.Errorf("group %v swallowed the fetched p = Sigmoid", grp)
		}
	}
	if rep.Live == 0 || rep.Units == 0 || rep.Inputs == 0 || rep.Units >= rep.Live {
		t.Errorf("Live %d Units %d Inputs %d", rep.Live, rep.Units, rep.Inputs)
	}
	for _, line := range []string{"pruned:", "gradients:", "stabilized: log(1-sigmoid(x))", "fused:", "program:"} {
		if !strings.Contains(rep.String(), line) {
			t.Errorf("report lacks %q:\n%v", line, rep)
		}
	}

	unfused, err := session.New(m.g, session.WithCompileOptions(compile.Options{NoFusion: true, NoStabilize: true})).Explain(fetches, m.feed)
	if err != nil {
		t.Fatal(err)
	}
	if len(unfused.Groups) != 0 || len(unfused.Rewrites) != 0 {
		t.Errorf("NoFusion, NoStabilize: groups %v, rewrites %v", unfused.Groups, unfused.Rewrites)
	}
	if unfused.Units <= rep.Units {
		t.Errorf("unfused program has %d units, fused %d", unfused.Units, rep.Units)
	}
}

// TestIdenticalOpsBothRun checks end to end what vm's
// TestQuirkNodeDedupByHash pins in the machine: two identical ops on the
// same input both run: Gorgonia's ApplyOp returns the existing node for an
// op whose hash it has seen, which would leave the second unit's output
// unwritten.
func TestIdenticalOpsBothRun(t *testing.T) {
	for _, opt := range []compile.Options{{}, {NoFusion: true}} {
		g := graph.New()
		x := g.Placeholder(graph.Float32, graph.Shape{2, 2})
		w := g.Variable([][]float64{{1, 2}, {3, 4}})
		a, b := ops.MatMul(x, w), ops.MatMul(x, w)
		e1, e2 := ops.Exp(x), ops.Exp(x)
		r1, r2 := ops.TruncatedNormal([]int{3}).In(g), ops.TruncatedNormal([]int{3}).In(g)
		sess := session.New(g, session.WithCompileOptions(opt))
		if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
			t.Fatal(err)
		}
		out, err := sess.Run([]any{a, b, e1, e2, r1, r2}, session.Feed{x: [][]float64{{1, 0}, {0, 1}}})
		if err != nil {
			t.Fatal(err)
		}
		v := session.Arrays(out)
		checkClose(t, "first MatMul", v[0], []float64{1, 2, 3, 4}, 0)
		checkClose(t, "second MatMul", v[1], []float64{1, 2, 3, 4}, 0)
		checkClose(t, "first Exp", v[2], []float64{math.E, 1, 1, math.E}, 1e-6)
		checkClose(t, "second Exp", v[3], []float64{math.E, 1, 1, math.E}, 1e-6)
		if sameBits(v[4], v[5]) || v[5].Flat(0) == 0 {
			t.Errorf("two TruncatedNormal ops drew %v and %v", v[4], v[5])
		}
	}
}

// TestFetchesAreCopies checks end to end what vm's
// TestQuirkValuesReadWithCopies pins in the machine: a fetched array is
// ours to keep: Gorgonia reuses a node's value on the next run, so a
// result read from it would change under the caller.
func TestFetchesAreCopies(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None})
	y := ops.Mul(x, 2)
	sess := session.New(g)
	first, err := sess.Run([]any{x, y}, session.Feed{x: []float64{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Run([]any{x, y}, session.Feed{x: []float64{10, 20}}); err != nil {
		t.Fatal(err)
	}
	v := session.Arrays(first)
	checkClose(t, "first fed x", v[0], []float64{1, 2}, 0)
	checkClose(t, "first y", v[1], []float64{2, 4}, 0)
	// nor does changing a returned array or a fed one change the next run
	v[1].Float32s()[0] = 99
	feed := nd.FromFloat32s([]float32{3, 4}, 2)
	out, err := sess.Run(y, session.Feed{x: feed})
	if err != nil {
		t.Fatal(err)
	}
	feed.Float32s()[0] = 100
	checkClose(t, "y after editing a result", out.(*nd.Array), []float64{6, 8}, 0)
	out, err = sess.Run(y, session.Feed{x: []float64{5, 6}})
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "y after editing a feed", out.(*nd.Array), []float64{10, 12}, 0)
}

// TestScalarsStayRank0 checks end to end what vm's
// TestQuirkScalarsTravelAsShapeOne pins in the machine: rank-0 values (a
// scalar feed, a reduction, a Go number) come back rank 0 though they
// travel through Gorgonia as shape (1).
func TestScalarsStayRank0(t *testing.T) {
	g := graph.New()
	s := g.Placeholder(graph.Float32, graph.Shape{})
	x := g.Placeholder(graph.Float32, graph.Shape{2, 2})
	sum := ops.ReduceSum(ops.Mul(x, s))
	scaled := ops.Mul(s, x)
	grad := ops.Gradients([]*graph.Tensor{sum}, []*graph.Tensor{s})[0]
	out, err := session.New(g).Run([]any{s, sum, scaled, grad}, session.Feed{s: 2.0, x: [][]float64{{1, 2}, {3, 4}}})
	if err != nil {
		t.Fatal(err)
	}
	v := session.Arrays(out)
	for i, want := range [][]int{{}, {}, {2, 2}, {}} {
		if !slices.Equal(v[i].Shape(), want) {
			t.Errorf("fetch %d: shape %v, want %v", i, v[i].Shape(), want)
		}
	}
	checkClose(t, "s", v[0], []float64{2}, 0)
	checkClose(t, "sum", v[1], []float64{20}, 0)
	checkClose(t, "scaled", v[2], []float64{2, 4, 6, 8}, 0)
	checkClose(t, "d sum/d s", v[3], []float64{10}, 0)
}

// TestInputlessPrograms checks end to end what vm's
// TestQuirkInputlessPrograms pins in the machine: a program with no feed
// and no variable runs: Gorgonia refuses a graph without input nodes and
// cannot type an op of arity 0.
func TestInputlessPrograms(t *testing.T) {
	g := graph.New()
	c := ops.Constant([]float64{1, 2}).In(g)
	sess := session.New(g)
	for _, f := range []struct {
		name string
		t    *graph.Tensor
		want []float64
	}{
		{"a constant", c, []float64{1, 2}},
		{"a free constant", ops.Constant(0.5, 3), []float64{0.5, 0.5, 0.5}},
		{"zeros", ops.Zeros(2), []float64{0, 0}},
		{"an op on constants", ops.Mul(c, 3), []float64{3, 6}},
		{"a reduction of a constant", ops.ReduceSum(ops.Ones(2, 2)), []float64{4}},
	} {
		out, err := sess.Run(f.t, nil)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		checkClose(t, f.name, out.(*nd.Array), f.want, 0)
	}
	out, err := sess.Run(ops.TruncatedNormal([]int{4}), nil)
	if err != nil || out.(*nd.Array).Len() != 4 {
		t.Errorf("a random op alone: %v, %v", out, err)
	}
	// an empty graph's initializer runs too
	empty := graph.New()
	if _, err := session.New(empty).Run(empty.GlobalVariablesInitializer(), nil); err != nil {
		t.Errorf("empty initializer: %v", err)
	}
}

// TestBatchSizesShareAGraph checks end to end what vm's
// TestQuirkFixedShapes pins in the machine: one graph runs batches of any
// size: Gorgonia fixes every shape, so each feed-shape signature gets its
// own program, and a later batch of an earlier size reuses the right one.
func TestBatchSizesShareAGraph(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable([][]float64{{1}, {-1}})
	b := g.Variable([]float64{0.5})
	y := ops.Add(ops.MatMul(x, w), b)
	mean := ops.ReduceMean(y)
	grad := ops.Gradients([]*graph.Tensor{mean}, []*graph.Tensor{w.Tensor})[0]
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	batch := func(n int) [][]float64 {
		rows := make([][]float64, n)
		for i := range rows {
			rows[i] = []float64{float64(i), 1}
		}
		return rows
	}
	for _, n := range []int{3, 5, 3, 1} {
		out, err := sess.Run([]any{y, mean, grad}, session.Feed{x: batch(n)})
		if err != nil {
			t.Fatalf("batch %d: %v", n, err)
		}
		v := session.Arrays(out)
		want := make([]float64, n)
		sumI := 0.0
		for i := range want {
			want[i] = float64(i) - 0.5
			sumI += float64(i)
		}
		checkClose(t, "y", v[0], want, 0)
		checkClose(t, "mean", v[1], []float64{sumI/float64(n) - 0.5}, 1e-6)
		checkClose(t, "d mean/d w", v[2], []float64{sumI / float64(n), 1}, 1e-6)
	}
}

// TestQuirkClockSeeding pins that random ops draw from the graph seed,
// never Gorgonia's clock-seeded generators: the same seed gives the same
// values in every session, another seed other values, and each Run of
// the op draws anew as TF's does.
func TestQuirkClockSeeding(t *testing.T) {
	draw := func(seed int64) (init, run1, run2 *nd.Array) {
		g := graph.New()
		g.SetRandomSeed(seed)
		v := g.Variable(ops.TruncatedNormal([]int{5}))
		r := ops.TruncatedNormal([]int{5}).In(g)
		sess := session.New(g)
		if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
			t.Fatal(err)
		}
		out, err := sess.Run([]any{v, r}, nil)
		if err != nil {
			t.Fatal(err)
		}
		again, err := sess.Run(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		a := session.Arrays(out)
		return a[0], a[1], again.(*nd.Array)
	}
	i1, a1, b1 := draw(7)
	i2, a2, b2 := draw(7)
	i3, a3, _ := draw(8)
	if !sameBits(i1, i2) || !sameBits(a1, a2) || !sameBits(b1, b2) {
		t.Errorf("seed 7 twice: %v %v %v, then %v %v %v", i1, a1, b1, i2, a2, b2)
	}
	if sameBits(i1, i3) || sameBits(a1, a3) {
		t.Errorf("seeds 7 and 8 drew the same: %v %v", i1, a1)
	}
	if sameBits(a1, b1) {
		t.Errorf("two runs of one random op drew the same %v", a1)
	}
	if sameBits(i1, a1) {
		t.Errorf("two random ops of one graph drew the same %v", a1)
	}
}

// TestFusionBroadcastAcrossTiles runs a fused chain whose inputs
// broadcast in every way ([n,k], [k], [n,1], a scalar) over more
// elements than one kernel tile, and its gradients, against plain loops.
func TestFusionBroadcastAcrossTiles(t *testing.T) {
	const n, k = 97, 7 // 679 elements: tiles end mid-row
	g := graph.New()
	x := g.Placeholder(graph.Float64, graph.Shape{graph.None, k})
	row := g.Placeholder(graph.Float64, graph.Shape{k})
	col := g.Placeholder(graph.Float64, graph.Shape{graph.None, 1})
	y := ops.Tanh(ops.Sub(ops.Mul(ops.Add(x, row), col), 0.5))
	grads := ops.Gradients([]*graph.Tensor{ops.ReduceSum(y)}, []*graph.Tensor{x, row, col})
	r := rand.New(rand.NewPCG(5, 6))
	xa, ra, ca := nd.New(nd.Float64, n, k), nd.New(nd.Float64, k), nd.New(nd.Float64, n, 1)
	for _, a := range []*nd.Array{xa, ra, ca} {
		for i := range a.Float64s() {
			a.Float64s()[i] = r.Float64()*2 - 1
		}
	}
	wantY, wantDX := nd.New(nd.Float64, n, k), nd.New(nd.Float64, n, k)
	wantDRow, wantDCol := make([]float64, k), make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < k; j++ {
			s := xa.At(i, j) + ra.At(j)
			v := math.Tanh(s*ca.At(i, 0) - 0.5)
			d := 1 - v*v
			wantY.Float64s()[i*k+j] = v
			wantDX.Float64s()[i*k+j] = d * ca.At(i, 0)
			wantDRow[j] += d * ca.At(i, 0)
			wantDCol[i] += d * s
		}
	}
	feed := session.Feed{x: xa, row: ra, col: ca}
	fetches := []any{y, grads[0], grads[1], grads[2]}
	var results [][]*nd.Array
	for _, opt := range []compile.Options{{}, {NoFusion: true}} {
		sess := session.New(g, session.WithCompileOptions(opt))
		rep, err := sess.Explain(fetches, feed)
		if err != nil {
			t.Fatal(err)
		}
		// the Add is kept apart: Mul's gradient reads it
		if !opt.NoFusion && !slices.ContainsFunc(rep.Groups, func(grp []string) bool { return slices.Equal(grp, []string{"Mul", "Sub", "Tanh"}) }) {
			t.Errorf("forward chain not fused: %v", rep.Groups)
		}
		out, err := sess.Run(fetches, feed)
		if err != nil {
			t.Fatal(err)
		}
		v := session.Arrays(out)
		checkClose(t, "y", v[0], wantY.Float64s(), 1e-14)
		checkClose(t, "d/dx", v[1], wantDX.Float64s(), 1e-14)
		checkClose(t, "d/drow", v[2], wantDRow, 1e-12)
		checkClose(t, "d/dcol", v[3], wantDCol, 1e-12)
		results = append(results, v)
	}
	for i := range results[0] {
		if !sameBits(results[0][i], results[1][i]) {
			t.Errorf("fetch %d: fused and unfused differ", i)
		}
	}
}

// lookalikeSoftmax is a user op that calls itself Softmax but is not
// ops.Softmax: it passes its input through.
type lookalikeSoftmax struct{}

func (lookalikeSoftmax) Type() string { return "Softmax" }
func (lookalikeSoftmax) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	return in[0].DType(), in[0].Shape(), nil
}
func (lookalikeSoftmax) Compute(_ *graph.Env, in []*nd.Array, out *nd.Array) error {
	out.CopyFrom(in[0])
	return nil
}

// TestStabilizeMatchesOpsByIdentity checks that the stable rewrites
// apply to ops.Softmax and ops.Sigmoid themselves, not to any op that
// has their type name.
func TestStabilizeMatchesOpsByIdentity(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{2})
	y := ops.Log(graph.NewNode(lookalikeSoftmax{}, []*graph.Tensor{x}).Output())
	sess := session.New(g)
	feed := session.Feed{x: []float64{1, 2}}
	rep, err := sess.Explain(y, feed)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rewrites) != 0 {
		t.Errorf("a look-alike Softmax was rewritten: %q", rep.Rewrites)
	}
	out, err := sess.Run(y, feed)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "log(lookalike(x))", out.(*nd.Array), []float64{0, math.Ln2}, 1e-7)
}

// TestFaithfulSaturatedCrossEntropy is MNIST softmax's hand-written
// cross-entropy, -sum(t*log(softmax(x·W))), on logits large enough that
// softmax rounds to exactly 0 and 1: as TF ran it (NoStabilize) the loss
// is not finite and a gradient step fills W with NaN; with the rewrite
// both stay finite. Explain says which one ran.
func TestFaithfulSaturatedCrossEntropy(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	tt := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	w := g.Variable([][]float64{{100, -100, 0}, {0, 100, -100}})
	loss := ops.Neg(ops.ReduceSum(ops.Mul(tt, ops.Log(ops.Softmax(ops.MatMul(x, w))))))
	step := train.NewGradientDescentOptimizer(0.1).Minimize(loss)
	feed := session.Feed{x: [][]float64{{1, 0}, {0, 1}}, tt: [][]float64{{0, 0, 1}, {1, 0, 0}}}
	for _, c := range []struct {
		opt    compile.Options
		line   string
		finite bool
	}{
		{compile.Options{}, "stabilized: log(softmax(x)) → LogSoftmax(x)\n", true},
		{compile.Options{NoStabilize: true}, "stabilized: none, rewrites off (NoStabilize)", false},
	} {
		sess := session.New(g, session.WithCompileOptions(c.opt))
		rep, err := sess.Explain([]any{step, loss}, feed)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rep.String(), c.line) || (len(rep.Rewrites) > 0) != c.finite {
			t.Errorf("%+v: report\n%v\nlacks %q", c.opt, rep, c.line)
		}
		if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
			t.Fatal(err)
		}
		out, err := sess.Run([]any{loss, step}, feed)
		if err != nil {
			t.Fatal(err)
		}
		l := session.Arrays(out)[0].Float()
		after, err := sess.Run(w, nil)
		if err != nil {
			t.Fatal(err)
		}
		wFinite := true
		for _, v := range after.(*nd.Array).Float32s() {
			wFinite = wFinite && !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
		}
		if finite := !math.IsNaN(l) && !math.IsInf(l, 0); finite != c.finite || wFinite != c.finite {
			t.Errorf("%+v: loss %v, W after a step %v; want finite: %v", c.opt, l, after, c.finite)
		}
	}
}

// TestKernelFusionsExplained: Explain names the kernel fusions of the
// CNN: in training, each product with its bias and ReLU, each pool with
// its gradient and each weight gradient with its Adam update; in
// inference, each convolution with its bias, ReLU
// and pool. (TestFusionEquivalence checks they change no bit.)
func TestKernelFusionsExplained(t *testing.T) {
	m, mlp := smallCNN(graph.Float32), wideMLP(graph.Float32)
	for _, tc := range []struct {
		m       *model
		fetches any
		want    []string
	}{
		{mlp, []any{mlp.step, mlp.fetches[0]}, []string{"MatMul → Add → Relu", "MatMul → ApplyAdam"}},
		{m, []any{m.step, m.fetches[0]}, []string{"Conv2D → Add → Relu", "Conv2D → BiasAdd → Relu", "MatMul → Add → Relu", "MatMul → Add", "MaxPool → MaxPoolGrad (argmax kept)", "MaxPoolGrad → ReluGrad", "MatMul → ApplyAdam"}},
		{m, m.fetches[1], []string{"Conv2D → Add → Relu → MaxPool", "Conv2D → BiasAdd → Relu → MaxPool", "MatMul → Add → Relu", "MatMul → Add"}},
	} {
		rep, err := session.New(tc.m.g).Explain(tc.fetches, tc.m.feed)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(rep.String(), "fused:      "+w+"\n") {
				t.Errorf("Explain lacks %q:\n%s", w, rep)
			}
		}
	}
}
