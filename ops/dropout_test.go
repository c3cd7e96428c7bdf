package ops_test

import (
	"math"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/philox"
	"github.com/tf1go/tf1go/session"
)

// dropoutGraph is the lecture's dropout: x [rows, cols] and a shape-less
// keep_prob placeholder, both of dtype dt, in a graph seeded 20160704.
func dropoutGraph(dt graph.DType, rows, cols int) (g *graph.Graph, x, keepProb, y *graph.Tensor) {
	g = graph.New()
	g.SetRandomSeed(20160704)
	x = g.Placeholder(dt, graph.Shape{graph.None, cols})
	keepProb = g.Placeholder(dt, nil)
	return g, x, keepProb, ops.Dropout(x, keepProb)
}

func mustRun(t *testing.T, s *session.Session, fetch any, feed session.Feed) any {
	t.Helper()
	v, err := s.Run(fetch, feed)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestDropoutKeepAll checks that keep_prob 1.0, as the lecture feeds to
// evaluate, returns x bit for bit.
func TestDropoutKeepAll(t *testing.T) {
	for _, dt := range []graph.DType{graph.Float32, graph.Float64} {
		g, x, keepProb, y := dropoutGraph(dt, 20, 30)
		xv, _ := nd.From(randArray(121, -3, 3, 20, 30), dt)
		got := mustRun(t, session.New(g), y, session.Feed{x: xv, keepProb: 1.0}).(*nd.Array)
		checkArray(t, got, xv, 0)
		if ops.Dropout(x, 1.0) != x {
			t.Errorf("Dropout(x, 1.0) is not x itself, as TF's is")
		}
	}
}

// TestDropoutKeepAllDrawsNothing checks why keep_prob 1.0 need not
// draw: floor(1 + u) is 1 even for the largest u a draw gives, in
// float32 (summed in float32, as the mask is) and in float64.
func TestDropoutKeepAllDrawsNothing(t *testing.T) {
	for _, w := range []uint32{0, 1, 0x7fffff, 0x800000, 0xffffffff} {
		if u := philox.Uint32ToFloat(w); math.Floor(float64(1+u)) != 1 {
			t.Errorf("float32 u = %v (word %#x): floor(1 + u) = %v", u, w, math.Floor(float64(1+u)))
		}
		if u := philox.Uint64ToDouble(w, w); math.Floor(1+u) != 1 {
			t.Errorf("float64 u = %v (words %#x): floor(1 + u) = %v", u, w, math.Floor(1+u))
		}
	}
}

// TestDropoutHalf checks keep_prob 0.5: about half the values are
// zeroed, the rest doubled.
func TestDropoutHalf(t *testing.T) {
	g, x, keepProb, y := dropoutGraph(graph.Float32, 100, 100)
	if got := y.Shape().String(); got != "(?, 100)" {
		t.Errorf("static shape %s, want (?, 100)", got)
	}
	got := mustRun(t, session.New(g), y, session.Feed{x: full(1, 100, 100), keepProb: 0.5}).(*nd.Array)
	zeros := 0
	for _, v := range got.Float32s() {
		switch v {
		case 0:
			zeros++
		case 2:
		default:
			t.Fatalf("value %v, want 0 or 2", v)
		}
	}
	if frac := float64(zeros) / 10000; math.Abs(frac-0.5) > 0.03 {
		t.Errorf("%.4f of the values dropped, want about 0.5", frac)
	}
}

// TestDropoutSeeded checks that the mask comes from the graph's seed:
// the same in two sessions, new on every Run.
func TestDropoutSeeded(t *testing.T) {
	g, x, keepProb, y := dropoutGraph(graph.Float32, 10, 100)
	feed := session.Feed{x: full(1, 10, 100), keepProb: 0.5}
	s1, s2 := session.New(g), session.New(g)
	a := mustRun(t, s1, y, feed).(*nd.Array)
	checkArray(t, mustRun(t, s2, y, feed).(*nd.Array), a, 0)
	if b := mustRun(t, s1, y, feed).(*nd.Array); sameValues(a, b) {
		t.Errorf("the second Run drew the same mask as the first")
	}
	g.SetRandomSeed(1)
	if c := mustRun(t, session.New(g), y, feed).(*nd.Array); sameValues(a, c) {
		t.Errorf("another graph seed drew the same mask")
	}
}

// TestDropoutDrawsTF checks the mask against TF's: floor(keep_prob + u)
// with u from TF's RandomUniform stream for the graph seed and op seed 5
// (x and keep_prob are TF ops 1 and 2; tf.nn.dropout's Shape and
// random_uniform's min and max come before its get_seed), each Run
// 30·256 blocks on, a keep_prob 1.0 Run (which draws nothing) included.
func TestDropoutDrawsTF(t *testing.T) {
	for _, dt := range []graph.DType{graph.Float32, graph.Float64} {
		g, x, keepProb, y := dropoutGraph(dt, 10, 3)
		if s, s2 := y.Node().Inputs()[1].Node().Seeds(); s != 20160704 || s2 != 5 {
			t.Fatalf("the mask's seeds are %d, %d, want 20160704, 5", s, s2)
		}
		sess := session.New(g)
		ones, _ := nd.From(full(1, 10, 3), dt)
		gen := philox.New(20160704, 5)
		for run, kp := range []float64{0.5, 1, 0.5, 0.3} {
			u32, u64 := make([]float32, 30), make([]float64, 30)
			philox.FillUniform(gen, u32)
			philox.FillUniform64(gen, u64)
			gen.Skip(30 * 256)
			got := mustRun(t, sess, y, session.Feed{x: ones, keepProb: kp}).(*nd.Array)
			for i := range 30 {
				// floor(kp + u) / kp in dt, as the graph computes x / kp * mask
				want := 1 / kp * math.Floor(kp+u64[i])
				if dt == graph.Float32 {
					k := float32(kp)
					want = float64(1 / k * float32(math.Floor(float64(k+u32[i]))))
				}
				if got.Flat(i) != want {
					t.Fatalf("%v run %d (keep_prob %g), element %d: %v, want %v", dt, run+1, kp, i, got.Flat(i), want)
				}
			}
		}
	}
}

func sameValues(a, b *nd.Array) bool {
	for i := 0; i < a.Len(); i++ {
		if a.Flat(i) != b.Flat(i) {
			return false
		}
	}
	return true
}

// TestQuirkDropoutGradientForAnyKeepProb checks, for keep_prob other
// than 0.5, that the gradient is 1/keep_prob where the forward pass kept
// a value and 0 where it dropped one: the mask is drawn once per Run and
// shared by both passes. (Gorgonia's own Dropout scales the gradient
// wrongly unless the probability is 0.5; tf1go does not use it.) The
// gradient for keep_prob is TF's too: -sum(x*mask)/keep_prob².
func TestQuirkDropoutGradientForAnyKeepProb(t *testing.T) {
	for _, dt := range []graph.DType{graph.Float32, graph.Float64} {
		for _, kp := range []float64{0.3, 0.5, 0.8} {
			g, x, keepProb, y := dropoutGraph(dt, 40, 50)
			grads := ops.Gradients([]*graph.Tensor{ops.ReduceSum(y)}, []*graph.Tensor{x, keepProb})
			xv, _ := nd.From(randArray(122, 0.5, 2, 40, 50), dt)
			vals := mustRun(t, session.New(g), []any{y, grads[0], grads[1]}, session.Feed{x: xv, keepProb: kp}).([]any)
			yv, dx, dkp := vals[0].(*nd.Array), vals[1].(*nd.Array), vals[2].(*nd.Array)
			k, _ := nd.From(kp, dt) // keep_prob in dt, as the program sees it
			scale, _ := nd.From(1/k.Float(), dt)
			kept, wantDkp := 0, 0.0
			for i := 0; i < yv.Len(); i++ {
				xi, yi, di := xv.Flat(i), yv.Flat(i), dx.Flat(i)
				if yi == 0 {
					if di != 0 {
						t.Fatalf("%v keep_prob %g: element %d dropped, gradient %v, want 0", dt, kp, i, di)
					}
					continue
				}
				kept++
				wantDkp -= xi / (k.Float() * k.Float())
				want, _ := nd.From(xi/k.Float(), dt)
				if yi != want.Float() || di != scale.Float() {
					t.Fatalf("%v keep_prob %g: element %d kept as %v with gradient %v, want %v and 1/keep_prob = %v",
						dt, kp, i, yi, di, want.Float(), scale.Float())
				}
			}
			if frac := float64(kept) / float64(yv.Len()); math.Abs(frac-kp) > 0.05 {
				t.Errorf("%v keep_prob %g: kept %.3f of the values", dt, kp, frac)
			}
			if got := dkp.Float(); math.Abs(got-wantDkp) > 1e-4*math.Abs(wantDkp) {
				t.Errorf("%v keep_prob %g: d/dkeep_prob %v, want %v", dt, kp, got, wantDkp)
			}
		}
	}
}

// TestGradientDropout checks both gradients by finite differences with
// keep_prob 1, where the mask is all ones and stays fixed between runs.
func TestGradientDropout(t *testing.T) {
	checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor {
		xs[0].Graph().SetRandomSeed(20160704)
		return ops.Dropout(xs[0], xs[1])
	}, randArray(123, -1, 1, 3, 4), nd.Scalar(graph.Float64, 1))
}

func TestDropoutErrors(t *testing.T) {
	x := func(g *graph.Graph) *graph.Tensor { return g.Placeholder(graph.Float32, graph.Shape{graph.None, 3}) }
	checkBuildErrors(t, []buildError{
		{"keep_prob 0", func(g *graph.Graph) { ops.Dropout(x(g), 0) },
			"keep_prob must be a scalar tensor or a float in the range (0, 1], got 0 for 'DropoutMask' (op: 'DropoutMask') with input shapes: [?,3], []."},
		{"keep_prob 1.5", func(g *graph.Graph) { ops.Dropout(x(g), 1.5) },
			"keep_prob must be a scalar tensor or a float in the range (0, 1], got 1.5 for 'DropoutMask' (op: 'DropoutMask') with input shapes: [?,3], []."},
		{"keep_prob not a scalar", func(g *graph.Graph) { ops.Dropout(x(g), g.Placeholder(graph.Float32, graph.Shape{2})) },
			"Shapes (2,) and () are incompatible for 'DropoutMask' (op: 'DropoutMask') with input shapes: [?,3], [2]."},
		{"keep_prob dtype", func(g *graph.Graph) { ops.Dropout(x(g), g.Placeholder(graph.Float64, nil, graph.Name("keep_prob"))) },
			`Tensor conversion requested dtype float32 for Tensor with dtype float64: "keep_prob:0" for 'DropoutMask' (op: 'DropoutMask') with input shapes: [?,3], <unknown>.`},
	})
}
