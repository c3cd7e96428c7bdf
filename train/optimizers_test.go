package train

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// quadratic is the loss ½·sum(w²) of a float64 variable w = [1, -2],
// whose gradient is w itself: each step's gradient is the value the
// previous step left, which makes TF1's formulas easy to follow by hand.
type quadratic struct {
	g    *graph.Graph
	w    *graph.Variable
	loss *graph.Tensor
	gs   *graph.Variable
	sess *session.Session
}

func newQuadratic(t *testing.T) *quadratic {
	t.Helper()
	g := graph.New()
	q := &quadratic{g: g}
	q.w = g.Variable(nd.FromFloat64s([]float64{1, -2}, 2), graph.Name("w"))
	q.loss = ops.Mul(0.5, ops.ReduceSum(ops.Square(q.w)))
	q.gs = GetOrCreateGlobalStep(g)
	return q
}

// steps initialises, then runs step n times, and returns w after each.
func (q *quadratic) steps(t *testing.T, step *graph.Node, n int) [][]float64 {
	t.Helper()
	if q.sess == nil {
		q.sess = session.New(q.g)
		if _, err := q.sess.Run(q.g.GlobalVariablesInitializer(), nil); err != nil {
			t.Fatal(err)
		}
	}
	var out [][]float64
	for range n {
		if _, err := q.sess.Run(step, nil); err != nil {
			t.Fatal(err)
		}
		v, err := q.sess.RunTensors(nil, q.w)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v[0].Float64s())
	}
	return out
}

func near(t *testing.T, what string, got, want []float64) {
	t.Helper()
	nearTol(t, what, got, want, 1e-12)
}

func nearTol(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("%s: got %v, want %v", what, got, want)
			return
		}
	}
}

// TestOptimizerSteps checks two steps of each optimizer against TF1's
// formulas worked by hand with g = w (lr 0.1):
//
//	Momentum 0.9:  accum = [1,-2], w = [0.9,-1.8];
//	               accum = 0.9·[1,-2] + [0.9,-1.8] = [1.8,-3.6], w = [0.72,-1.44]
//	Nesterov 0.9:  w -= 0.1·g + 0.09·accum: [0.81,-1.62];
//	               accum = [1.71,-3.42], w -= [0.081+0.1539, ...]: [0.5751,-1.1502]
//	RMSProp (decay 0.9, ε 1e-10, ms from ONES): ms = 1 + (g²-1)·0.1 = [1, 1.3],
//	               w -= 0.1·g/sqrt(ms+ε): [0.9, -2+0.2/sqrt(1.3)] = [0.900000000005, -1.8245883961453409];
//	               then ms = [0.981000000001, 1.5029122815348228], w = [0.8091326200868608, -1.6757557882034777]
//	Adagrad (accum from 0.1): accum = [1.1, 4.1], w = [1-0.1/sqrt(1.1), -2+0.2/sqrt(4.1)]
//	               = [0.9046537410754407, -1.901227040335041]; then [0.8393387333251752, -1.832776722778941]
func TestOptimizerSteps(t *testing.T) {
	nesterov := NewMomentumOptimizer(0.1, 0.9)
	nesterov.UseNesterov = true
	for _, c := range []struct {
		name  string
		opt   Optimizer
		want  [][]float64
		slots []string
	}{
		{"Momentum", NewMomentumOptimizer(0.1, 0.9), [][]float64{{0.9, -1.8}, {0.72, -1.44}}, []string{"w/Momentum"}},
		{"Nesterov", nesterov, [][]float64{{0.81, -1.62}, {0.5751, -1.1502}}, []string{"w/Momentum"}},
		{"RMSProp", NewRMSPropOptimizer(0.1), [][]float64{{0.900000000005, -1.8245883961453409}, {0.8091326200868608, -1.6757557882034777}},
			[]string{"w/RMSProp", "w/RMSProp_1"}},
		{"Adagrad", NewAdagradOptimizer(0.1), [][]float64{{0.9046537410754407, -1.901227040335041}, {0.8393387333251752, -1.832776722778941}},
			[]string{"w/Adagrad"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := newQuadratic(t)
			step := c.opt.MinimizeWithGlobalStep(q.loss, q.gs)
			got := q.steps(t, step, 2)
			for i, w := range c.want {
				near(t, "step "+string(rune('1'+i)), got[i], w)
			}
			gs, err := q.sess.RunTensors(nil, q.gs)
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := gs[0].Int64(); v != 2 {
				t.Errorf("global_step %d after 2 steps, want 2", v)
			}
			for _, name := range c.slots {
				if q.g.NodeByName(name) == nil {
					t.Errorf("no slot variable %q", name)
				}
			}
		})
	}
}

// TestRMSPropSlotsStartAtOne checks TF1's initial ms of ones: the first
// update's ms for g = 1 stays 1.
func TestRMSPropSlotsStartAtOne(t *testing.T) {
	q := newQuadratic(t)
	q.steps(t, NewRMSPropOptimizer(0.1).Minimize(q.loss), 1)
	v, err := q.sess.RunTensors(nil, "w/RMSProp:0", "w/RMSProp_1:0")
	if err != nil {
		t.Fatal(err)
	}
	near(t, "ms", v[0].Float64s(), []float64{1, 1.3})
	near(t, "mom", v[1].Float64s(), []float64{0.1 / math.Sqrt(1+1e-10), -0.2 / math.Sqrt(1.3+1e-10)})
}

// TestExponentialDecay checks the rate TF computes,
// 0.1·0.5^(step/decay_steps), floored with staircase, and that a
// Momentum(0) optimizer steps with the rate of the global step it read:
// step 1 at rate 0.1 (w = 0.9), step 2 at 0.05 (w = 0.9 - 0.05·0.9 =
// 0.855). The rate is float32, as TF's, so w is within 1e-8 of that.
func TestExponentialDecay(t *testing.T) {
	q := newQuadratic(t)
	stair := ExponentialDecay(0.1, q.gs, 2, 0.5, true)
	smooth := ExponentialDecay(0.1, q.gs, 2, 0.5, false)
	lr := ExponentialDecay(0.1, q.gs, 1, 0.5, true)
	step := NewMomentumOptimizer(lr, 0).MinimizeWithGlobalStep(q.loss, q.gs)
	got := q.steps(t, step, 2)
	nearTol(t, "step 1", got[0], []float64{0.9, -1.8}, 1e-8)
	nearTol(t, "step 2", got[1], []float64{0.855, -1.71}, 1e-8)
	v, err := session.Scalars(q.sess.RunTensors(nil, stair, smooth))
	if err != nil {
		t.Fatal(err)
	}
	// global step 2: 0.1·0.5^1 both ways
	if math.Abs(v[0]-0.05) > 1e-8 || math.Abs(v[1]-0.05) > 1e-8 {
		t.Errorf("rates at step 2: %v, want 0.05 and 0.05", v)
	}
	q.steps(t, step, 1)
	v, err = session.Scalars(q.sess.RunTensors(nil, stair, smooth))
	if err != nil {
		t.Fatal(err)
	}
	// global step 3: staircase 0.1·0.5^1, smooth 0.1·0.5^1.5
	if math.Abs(v[0]-0.05) > 1e-8 || math.Abs(v[1]-0.1*math.Pow(0.5, 1.5)) > 1e-8 {
		t.Errorf("rates at step 3: %v, want 0.05 and %v", v, 0.1*math.Pow(0.5, 1.5))
	}
}

// TestClippedApplyGradients: ComputeGradients, ClipByGlobalNorm to 0.5
// (the gradient [1,-2] has norm sqrt(5)), ApplyGradients with plain
// gradient descent at lr 1: w = [1,-2] - [1,-2]·0.5/sqrt(5).
func TestClippedApplyGradients(t *testing.T) {
	q := newQuadratic(t)
	gvs, err := ComputeGradients(q.loss)
	if err != nil {
		t.Fatal(err)
	}
	clipped, _ := ops.ClipByGlobalNorm(Grads(gvs), 0.5)
	step := NewGradientDescentOptimizer(1).ApplyGradients(WithGrads(gvs, clipped), q.gs)
	got := q.steps(t, step, 1)
	s := 0.5 / math.Sqrt(5)
	near(t, "w", got[0], []float64{1 - s, -2 + 2*s})
	if _, err := ComputeGradients(ops.Mul(2.0, ops.Constant(1.0))); err == nil {
		t.Error("ComputeGradients of a loss with no variables: no error")
	}
}

// newOptimizers are the optimizers of the checkpoint tests, with
// momentum where they have it, so that every slot matters.
var newOptimizers = map[string]func() Optimizer{
	"Momentum": func() Optimizer { o := NewMomentumOptimizer(0.1, 0.9); o.UseNesterov = true; return o },
	"RMSProp":  func() Optimizer { o := NewRMSPropOptimizer(0.05); o.Momentum = 0.5; return o },
	"Adagrad":  func() Optimizer { return NewAdagradOptimizer(0.1) },
	"Adam":     func() Optimizer { return NewAdamOptimizer(0.1) },
}

// decaying builds the quadratic with optimizer opt stepping on a loss
// scaled by a staircase-decayed rate, so that the global step matters.
func decaying(t *testing.T, opt Optimizer) (*quadratic, *graph.Node) {
	q := newQuadratic(t)
	lr := ExponentialDecay(1, q.gs, 2, 0.9, true)
	return q, opt.MinimizeWithGlobalStep(ops.Mul(q.loss, ops.Cast(lr, graph.Float64)), q.gs)
}

// TestCheckpointContinues trains 3 steps, saves, trains 2 more; then a
// fresh graph and session restore the checkpoint and train 2 steps:
// weights, slots and global step must come out identical.
func TestCheckpointContinues(t *testing.T) {
	for name, opt := range newOptimizers {
		t.Run(name, func(t *testing.T) {
			a, step := decaying(t, opt())
			a.steps(t, step, 3)
			path, err := NewSaver().Save(a.sess, filepath.Join(t.TempDir(), "model"), 3)
			if err != nil {
				t.Fatal(err)
			}
			want := a.steps(t, step, 2)
			b, step2 := decaying(t, opt())
			b.sess = session.New(b.g)
			if err := NewSaver().Restore(b.sess, path); err != nil {
				t.Fatal(err)
			}
			sameRun(t, b.steps(t, step2, 2), want, values(t, b), values(t, a))
		})
	}
}

// sameRun checks that a restored run took the original's steps and
// ended with its variables.
func sameRun(t *testing.T, got, want [][]float64, gotVars, wantVars map[string]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("steps after restore: %v, want %v", got, want)
	}
	for name, w := range wantVars {
		if gotVars[name] != w {
			t.Errorf("%s after restore and 2 steps: %s, want %s", name, gotVars[name], w)
		}
	}
	if len(gotVars) != len(wantVars) {
		t.Errorf("variables %v, want %v", gotVars, wantVars)
	}
}

// The child half of TestCheckpointContinuesInAnotherProcess: with the
// optimizer $TF1GO_OPTIMIZER it trains 3 steps, saves into
// $TF1GO_SAVER_DIR, trains 2 more and prints the run as JSON.
func TestOptimizerChildProcess(t *testing.T) {
	dir, name := os.Getenv("TF1GO_SAVER_DIR"), os.Getenv("TF1GO_OPTIMIZER")
	if dir == "" || name == "" {
		t.Skip("run by TestCheckpointContinuesInAnotherProcess")
	}
	a, step := decaying(t, newOptimizers[name]())
	a.steps(t, step, 3)
	if _, err := NewSaver().Save(a.sess, filepath.Join(dir, "model"), 3); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(childRun{Steps: a.steps(t, step, 2), Vars: values(t, a)})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("RUN %s\n", out)
}

type childRun struct {
	Steps [][]float64
	Vars  map[string]string
}

// TestCheckpointContinuesInAnotherProcess: a checkpoint that another
// process wrote mid-training continues here exactly as it did there.
func TestCheckpointContinuesInAnotherProcess(t *testing.T) {
	for name, opt := range newOptimizers {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestOptimizerChildProcess$")
			cmd.Env = append(os.Environ(), "TF1GO_SAVER_DIR="+dir, "TF1GO_OPTIMIZER="+name)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			_, js, ok := strings.Cut(string(out), "RUN ")
			var want childRun
			if !ok || json.Unmarshal([]byte(strings.SplitN(js, "\n", 2)[0]), &want) != nil {
				t.Fatalf("child printed %s", out)
			}
			path, err := LatestCheckpoint(dir)
			if err != nil {
				t.Fatal(err)
			}
			b, step := decaying(t, opt())
			b.sess = session.New(b.g)
			if err := NewSaver().Restore(b.sess, path); err != nil {
				t.Fatal(err)
			}
			sameRun(t, b.steps(t, step, 2), want.Steps, values(t, b), want.Vars)
		})
	}
}

// values prints every global variable of q's session (slots and the
// global step included).
func values(t *testing.T, q *quadratic) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, v := range q.g.GlobalVariables() {
		a, err := q.sess.RunTensors(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		out[v.Node().Name()] = fmt.Sprint(a[0].Data()) // every digit
	}
	if len(out) < 3 {
		t.Fatalf("only variables %v", out)
	}
	return out
}

// TestOptimizerStepFloat32 checks one step of each optimizer on a float32
// variable against TF1's formulas evaluated in float32, every operation
// rounded as TF's kernels round (g = w = [1, -2], lr 0.1).
func TestOptimizerStepFloat32(t *testing.T) {
	f := func(x float64) float32 { return float32(x) }
	lr := f(0.1)
	for _, c := range []struct {
		name string
		opt  Optimizer
		want func(g float32) float32 // the new w for w = g
	}{
		{"Momentum", NewMomentumOptimizer(0.1, 0.9), func(g float32) float32 { return g - lr*g }},
		{"RMSProp", NewRMSPropOptimizer(0.1), func(g float32) float32 {
			ms := 1 + (g*g-1)*(1-f(0.9))
			return g - lr*g/f(math.Sqrt(float64(ms+f(1e-10))))
		}},
		{"Adagrad", NewAdagradOptimizer(0.1), func(g float32) float32 {
			acc := f(0.1) + g*g
			return g - lr*g*(1/f(math.Sqrt(float64(acc))))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			w := g.Variable(nd.FromFloat32s([]float32{1, -2}, 2), graph.Name("w"))
			step := c.opt.Minimize(ops.Mul(0.5, ops.ReduceSum(ops.Square(w))))
			sess := session.New(g)
			if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
				t.Fatal(err)
			}
			if _, err := sess.Run(step, nil); err != nil {
				t.Fatal(err)
			}
			v, err := sess.RunTensors(nil, w)
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range []float32{1, -2} {
				if got, want := v[0].Float32s()[i], c.want(g); math.Abs(float64(got-want)) > 1e-7 {
					t.Errorf("w[%d] = %v, want %v", i, got, want)
				}
			}
		})
	}
}

// TestLearningRateKinds: every optimizer takes a number (an int too) or
// a rate tensor; GradientDescent at lr = 0.5·0.5^step on ½w² halves w
// and then takes a quarter off: 1 → 0.5 → 0.375.
func TestLearningRateKinds(t *testing.T) {
	q := newQuadratic(t)
	lr := ExponentialDecay(0.5, q.gs, 1, 0.5, false)
	got := q.steps(t, NewGradientDescentOptimizer(lr).MinimizeWithGlobalStep(q.loss, q.gs), 2)
	near(t, "GradientDescent with a decaying rate", []float64{got[0][0], got[1][0]}, []float64{0.5, 0.375})

	q = newQuadratic(t)
	got = q.steps(t, NewAdamOptimizer(ExponentialDecay(0.5, q.gs, 1, 0.5, false)).Minimize(q.loss), 1)
	if got[0][0] >= 1 {
		t.Errorf("Adam with a rate tensor did not step: w = %v", got[0])
	}
	q = newQuadratic(t)
	got = q.steps(t, NewGradientDescentOptimizer(1).Minimize(q.loss), 1)
	near(t, "an int rate", got[0], []float64{0, 0})

	g := graph.New()
	w := g.Variable(1.0)
	NewMomentumOptimizer("0.1", 0.9).Minimize(ops.Square(w))
	if err := g.Err(); err == nil || !strings.Contains(err.Error(), `learning rate 0.1 of type string: want a number or a *graph.Tensor`) {
		t.Errorf("a string rate: %v", err)
	}
}
