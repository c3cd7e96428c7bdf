package ops_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// opCase is one forward-value check: build gets a placeholder per feed
// (float32 unless the feed is an *nd.Array of another dtype, shaped as
// fed) and returns the tensor to fetch; want is what TF returns for it,
// within tol (absolute, or relative above 1).
type opCase struct {
	name  string
	build func(in ...*graph.Tensor) *graph.Tensor
	feeds []any
	want  any
	tol   float64
}

func runCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			in := make([]*graph.Tensor, len(c.feeds))
			feed := session.Feed{}
			for i, v := range c.feeds {
				dt := graph.Float32
				if a, ok := v.(*nd.Array); ok {
					dt = a.DType()
				}
				a, err := nd.From(v, dt)
				if err != nil {
					t.Fatalf("feed %d: %v", i, err)
				}
				in[i] = g.Placeholder(dt, graph.Shape(a.Shape()))
				feed[in[i]] = a
			}
			y := c.build(in...)
			got, err := session.New(g).Run(y, feed)
			if err != nil {
				t.Fatal(err)
			}
			checkArray(t, got.(*nd.Array), c.want, c.tol)
		})
	}
}

// checkArray compares got with want (converted to got's dtype): shape,
// then every element within tol.
func checkArray(t *testing.T, got *nd.Array, want any, tol float64) {
	t.Helper()
	w, err := nd.From(want, got.DType())
	if err != nil {
		t.Fatalf("want: %v", err)
	}
	if !equalInts(got.Shape(), w.Shape()) {
		t.Fatalf("shape %v, want %v (got %v)", got.Shape(), w.Shape(), got)
	}
	for i := 0; i < got.Len(); i++ {
		g, e := got.Flat(i), w.Flat(i)
		if g != e && !(math.Abs(g-e) <= tol*max(1, math.Abs(e))) && !(math.IsNaN(g) && math.IsNaN(e)) {
			t.Fatalf("element %d: got %v, want %v (tol %g)\ngot  %v\nwant %v", i, g, e, tol, got, w)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func f64(data []float64, shape ...int) *nd.Array { return nd.FromFloat64s(data, shape...) }

const f32tol = 1e-6

func TestMatMul(t *testing.T) {
	a := [][]float64{{1, 2, 3}, {4, 5, 6}} // [2,3]
	b := [][]float64{{7, 8}, {9, 10}, {11, 12}}
	runCases(t, []opCase{
		{"plain", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMul(in[0], in[1]) },
			[]any{a, b}, [][]float64{{58, 64}, {139, 154}}, 0},
		{"column", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMul(in[0], in[1]) },
			[]any{a, [][]float64{{1}, {0}, {-1}}}, [][]float64{{-2}, {-2}}, 0},
		// a^T·a' with a' [2,2]: [3,2]
		{"transpose a", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMulT(in[0], in[1], true, false) },
			[]any{a, [][]float64{{1, 0}, {0, 1}}}, [][]float64{{1, 4}, {2, 5}, {3, 6}}, 0},
		{"transpose b", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMulT(in[0], in[1], false, true) },
			[]any{a, a}, [][]float64{{14, 32}, {32, 77}}, 0},
		{"transpose both", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMulT(in[0], in[1], true, true) },
			[]any{a, b}, [][]float64{{39, 49, 59}, {54, 68, 82}, {69, 87, 105}}, 0},
		{"float64", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMul(in[0], in[1]) },
			[]any{f64([]float64{0.1, 0.2}, 1, 2), f64([]float64{0.3, 0.4}, 2, 1)}, [][]float64{{0.1*0.3 + 0.2*0.4}}, 1e-16},
		{"Go value on the right", func(in ...*graph.Tensor) *graph.Tensor { return ops.MatMul(in[0], [][]float64{{1}, {1}, {1}}) },
			[]any{a}, [][]float64{{6}, {15}}, 0},
	})
}

func TestElementwiseBinary(t *testing.T) {
	x := [][]float64{{1, 2, 3}, {4, 5, 6}}
	row := []float64{10, 20, 30}
	col := [][]float64{{1}, {2}}
	r13 := [][]float64{{3, 4, 5}}
	bin := func(f func(a, b any) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0], in[1]) }
	}
	runCases(t, []opCase{
		{"add same shape", bin(ops.Add), []any{x, x}, [][]float64{{2, 4, 6}, {8, 10, 12}}, 0},
		{"add [2,3]+[3]", bin(ops.Add), []any{x, row}, [][]float64{{11, 22, 33}, {14, 25, 36}}, 0},
		{"add [3]+[2,3]", bin(ops.Add), []any{row, x}, [][]float64{{11, 22, 33}, {14, 25, 36}}, 0},
		{"add [2,3]+[2,1]", bin(ops.Add), []any{x, col}, [][]float64{{2, 3, 4}, {6, 7, 8}}, 0},
		{"add scalar", bin(ops.Add), []any{x, 0.5}, [][]float64{{1.5, 2.5, 3.5}, {4.5, 5.5, 6.5}}, 0},
		{"sub [2,3]-[3]", bin(ops.Sub), []any{x, row}, [][]float64{{-9, -18, -27}, {-6, -15, -24}}, 0},
		{"sub scalar-[2,3]", bin(ops.Sub), []any{1.0, x}, [][]float64{{0, -1, -2}, {-3, -4, -5}}, 0},
		{"mul [2,1]*[1,3]", bin(ops.Mul), []any{col, r13}, [][]float64{{3, 4, 5}, {6, 8, 10}}, 0},
		{"mul [1,3]*[2,1]", bin(ops.Mul), []any{r13, col}, [][]float64{{3, 4, 5}, {6, 8, 10}}, 0},
		{"mul [2,3]*[2,1]", bin(ops.Mul), []any{x, col}, [][]float64{{1, 2, 3}, {8, 10, 12}}, 0},
		{"div [2,3]/[3]", bin(ops.Div), []any{x, row}, [][]float64{{0.1, 0.1, 0.1}, {0.4, 0.25, 0.2}}, f32tol},
		{"div by zero", bin(ops.Div), []any{[]float64{1, -1, 0}, []float64{0, 0, 0}}, []float64{math.Inf(1), math.Inf(-1), math.NaN()}, 0},
		{"div [1,3]/[2,1]", bin(ops.Div), []any{r13, col}, [][]float64{{3, 4, 5}, {1.5, 2, 2.5}}, 0},
		{"scalar op scalar", bin(ops.Mul), []any{3.0, 4.0}, 12.0, 0},
		// Go numbers on either side take the tensor's dtype, as Python's do.
		{"Go 1 - t", func(in ...*graph.Tensor) *graph.Tensor { return ops.Sub(1, in[0]) },
			[]any{[]float64{0.25, 1, 3}}, []float64{0.75, 0, -2}, 0},
		{"Go t * 15.74", func(in ...*graph.Tensor) *graph.Tensor { return ops.Mul(in[0], 15.74) },
			[]any{[]float64{1, 2}}, []float64{float64(float32(15.74)), float64(float32(float32(15.74) * 2))}, 0},
		{"Go t / 2 in float64", func(in ...*graph.Tensor) *graph.Tensor { return ops.Div(in[0], 2) },
			[]any{f64([]float64{1, 3}, 2)}, []float64{0.5, 1.5}, 0},
		{"Go 2 + t", func(in ...*graph.Tensor) *graph.Tensor { return ops.Add(2, in[0]) },
			[]any{[][]float64{{1}, {2}}}, [][]float64{{3}, {4}}, 0},
		{"Go slice - t broadcasts", func(in ...*graph.Tensor) *graph.Tensor { return ops.Sub([]float64{10, 20, 30}, in[0]) },
			[]any{x}, [][]float64{{9, 18, 27}, {6, 15, 24}}, 0},
	})
}

func TestElementwiseUnary(t *testing.T) {
	un := func(f func(any) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0]) }
	}
	e := math.E
	runCases(t, []opCase{
		{"Log", un(ops.Log), []any{[]float64{1, e, 0, -1}}, []float64{0, 1, math.Inf(-1), math.NaN()}, f32tol},
		{"Exp", un(ops.Exp), []any{[]float64{0, 1, -1, 100}}, []float64{1, 2.7182817, 0.36787945, math.Inf(1)}, f32tol},
		{"Square", un(ops.Square), []any{[][]float64{{-3, 0.5}}}, [][]float64{{9, 0.25}}, 0},
		{"Sqrt", un(ops.Sqrt), []any{[]float64{4, 2, 0}}, []float64{2, 1.4142135, 0}, f32tol},
		{"Sigmoid", un(ops.Sigmoid), []any{[]float64{0, 1, -1, 100, -100}},
			[]float64{0.5, 0.7310586, 0.26894143, 1, 3.7200760e-44}, f32tol},
		// log(sigmoid(-100)) is -100, not log(0) = -inf.
		{"LogSigmoid", un(ops.LogSigmoid), []any{[]float64{0, 1, -100, 100}},
			[]float64{-0.6931472, -0.31326169, -100, -3.7200760e-44}, f32tol},
		{"Tanh", un(ops.Tanh), []any{[]float64{0, 1, -2}}, []float64{0, 0.7615942, -0.9640276}, f32tol},
		{"Relu", un(ops.Relu), []any{[]float64{-2, 0, 3.5}}, []float64{0, 0, 3.5}, 0},
		{"Abs", un(ops.Abs), []any{[]float64{-2, 0, 3.5}}, []float64{2, 0, 3.5}, 0},
		{"Sign", un(ops.Sign), []any{[]float64{-2, 0, 3.5}}, []float64{-1, 0, 1}, 0},
		{"Neg", un(ops.Neg), []any{[][]float64{{-2, 0, 3.5}}}, [][]float64{{2, 0, -3.5}}, 0},
		{"scalar", un(ops.Exp), []any{0.0}, 1.0, 0},
		{"float64 Sigmoid", un(ops.Sigmoid), []any{f64([]float64{2}, 1)}, []float64{1 / (1 + math.Exp(-2))}, 1e-15},
	})
}

func TestSoftmax(t *testing.T) {
	un := func(f func(any) *graph.Tensor) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0]) }
	}
	// softmax([1,2,3]) = e^x / (e + e² + e³)
	s := e1(1) + e1(2) + e1(3)
	runCases(t, []opCase{
		{"Softmax rows", un(ops.Softmax), []any{[][]float64{{1, 2, 3}, {0, 0, 0}}},
			[][]float64{{e1(1) / s, e1(2) / s, e1(3) / s}, {1. / 3, 1. / 3, 1. / 3}}, f32tol},
		{"Softmax large logits", un(ops.Softmax), []any{[][]float64{{1000, 1000}, {0, 200}}},
			[][]float64{{0.5, 0.5}, {0, 1}}, f32tol},
		{"Softmax vector", un(ops.Softmax), []any{[]float64{0, math.Log(3)}}, []float64{0.25, 0.75}, f32tol},
		{"LogSoftmax", un(ops.LogSoftmax), []any{[][]float64{{1, 2, 3}, {0, 200, 0}}},
			[][]float64{{1 - math.Log(s), 2 - math.Log(s), 3 - math.Log(s)}, {-200, 0, -200}}, f32tol},
	})
}

func e1(x float64) float64 { return math.Exp(x) }

func TestReduce(t *testing.T) {
	x := [][]float64{{1, 2, 3}, {4, 5, 6}}
	x3 := make([]float64, 24)
	for i := range x3 {
		x3[i] = float64(i)
	}
	cube := nd.FromFloat32s(make([]float32, 24), 2, 3, 4)
	for i := range x3 {
		cube.Float32s()[i] = float32(i)
	}
	red := func(f func(any, ...int) *graph.Tensor, axes ...int) func(in ...*graph.Tensor) *graph.Tensor {
		return func(in ...*graph.Tensor) *graph.Tensor { return f(in[0], axes...) }
	}
	runCases(t, []opCase{
		{"sum all", red(ops.ReduceSum), []any{x}, 21.0, 0},
		{"sum axis 0", red(ops.ReduceSum, 0), []any{x}, []float64{5, 7, 9}, 0},
		{"sum axis 1", red(ops.ReduceSum, 1), []any{x}, []float64{6, 15}, 0},
		{"sum axis -1", red(ops.ReduceSum, -1), []any{x}, []float64{6, 15}, 0},
		{"sum axes 0,1", red(ops.ReduceSum, 0, 1), []any{x}, 21.0, 0},
		{"sum 3-d axes 0,2", red(ops.ReduceSum, 0, 2), []any{cube}, []float64{0 + 1 + 2 + 3 + 12 + 13 + 14 + 15, 4 + 5 + 6 + 7 + 16 + 17 + 18 + 19, 8 + 9 + 10 + 11 + 20 + 21 + 22 + 23}, 0},
		{"sum 3-d axis -2", red(ops.ReduceSum, -2), []any{cube}, [][]float64{{12, 15, 18, 21}, {48, 51, 54, 57}}, 0},
		{"sum scalar", red(ops.ReduceSum), []any{2.5}, 2.5, 0},
		{"mean all", red(ops.ReduceMean), []any{x}, 3.5, 0},
		{"mean axis 0", red(ops.ReduceMean, 0), []any{x}, []float64{2.5, 3.5, 4.5}, 0},
		{"mean axis -1", red(ops.ReduceMean, -1), []any{x}, []float64{2, 5}, 0},
		{"mean 3-d axes 1,-1", red(ops.ReduceMean, 1, -1), []any{cube}, []float64{5.5, 17.5}, 0},
		// the engine's sums accumulate in float64 (reduce.go): adding in
		// float32 from the left, 2^24 + 1 + 1 + 1 + 1 would drop every 1
		{"sum float32 accumulates wide", red(ops.ReduceSum), []any{[]float64{1 << 24, 1, 1, 1, 1}}, float64(1<<24 + 4), 0},
	})
}

func TestArgmaxEqualCast(t *testing.T) {
	runCases(t, []opCase{
		{"Argmax axis 1", func(in ...*graph.Tensor) *graph.Tensor { return ops.Argmax(in[0], 1) },
			[]any{[][]float64{{1, 3, 2}, {7, 5, 6}}}, []int64{1, 0}, 0},
		{"Argmax axis 0", func(in ...*graph.Tensor) *graph.Tensor { return ops.Argmax(in[0], 0) },
			[]any{[][]float64{{1, 6, 2}, {7, 5, 6}}}, []int64{1, 0, 1}, 0},
		{"Argmax axis -1", func(in ...*graph.Tensor) *graph.Tensor { return ops.Argmax(in[0], -1) },
			[]any{[][]float64{{1, 3, 2}, {7, 5, 6}}}, []int64{1, 0}, 0},
		{"Argmax ties take the first", func(in ...*graph.Tensor) *graph.Tensor { return ops.Argmax(in[0], 1) },
			[]any{[][]float64{{2, 5, 5}, {0, 0, 0}, {1, 9, 9}}}, []int64{1, 0, 1}, 0},
		{"Equal", func(in ...*graph.Tensor) *graph.Tensor { return ops.Equal(in[0], in[1]) },
			[]any{[]float64{1, 2, 3}, []float64{1, 0, 3}}, []bool{true, false, true}, 0},
		{"Equal broadcasts", func(in ...*graph.Tensor) *graph.Tensor { return ops.Equal(in[0], in[1]) },
			[]any{[][]float64{{1}, {2}}, []float64{1, 2}}, [][]bool{{true, false}, {false, true}}, 0},
		{"Equal int64 from Argmax", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.Equal(ops.Argmax(in[0], 1), ops.Argmax(in[1], 1))
		}, []any{[][]float64{{0.1, 0.9}, {0.8, 0.2}}, [][]float64{{0, 1}, {0, 1}}}, []bool{true, false}, 0},
		{"Equal to a Go number", func(in ...*graph.Tensor) *graph.Tensor { return ops.Equal(ops.Argmax(in[0], 1), 1) },
			[]any{[][]float64{{0.1, 0.9}, {0.8, 0.2}}}, []bool{true, false}, 0},
		{"Cast bool to float", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.Cast(ops.Equal(in[0], in[1]), graph.Float32)
		}, []any{[]float64{1, 2, 3}, []float64{1, 0, 3}}, []float64{1, 0, 1}, 0},
		// the accuracy idiom: reduce_mean(cast(equal(...), float32))
		{"accuracy", func(in ...*graph.Tensor) *graph.Tensor {
			return ops.ReduceMean(ops.Cast(ops.Equal(ops.Sign(ops.Sub(in[0], 0.5)), ops.Sign(ops.Sub(in[1], 0.5))), graph.Float32))
		}, []any{[]float64{0.9, 0.2, 0.6, 0.4}, []float64{1, 0, 0, 0}}, 0.75, 0},
		{"Cast float to int64 truncates", func(in ...*graph.Tensor) *graph.Tensor { return ops.Cast(in[0], graph.Int64) },
			[]any{[]float64{2.9, -1.7, 0.5, -0.5, 3}}, []int64{2, -1, 0, 0, 3}, 0},
		{"Cast float32 to float64", func(in ...*graph.Tensor) *graph.Tensor { return ops.Cast(in[0], graph.Float64) },
			[]any{[]float64{0.1}}, []float64{float64(float32(0.1))}, 0},
		{"Cast float64 to float32 rounds", func(in ...*graph.Tensor) *graph.Tensor { return ops.Cast(in[0], graph.Float32) },
			[]any{f64([]float64{0.1}, 1)}, []float64{float64(float32(0.1))}, 0},
		{"Cast int64 to bool", func(in ...*graph.Tensor) *graph.Tensor { return ops.Cast(in[0], graph.Bool) },
			[]any{nd.FromInt64s([]int64{0, 3, -1}, 3)}, []bool{false, true, true}, 0},
	})
}

func TestReshapeAndConstants(t *testing.T) {
	x := [][]float64{{1, 2, 3}, {4, 5, 6}}
	runCases(t, []opCase{
		{"Reshape", func(in ...*graph.Tensor) *graph.Tensor { return ops.Reshape(in[0], 3, 2) },
			[]any{x}, [][]float64{{1, 2}, {3, 4}, {5, 6}}, 0},
		{"Reshape -1 first", func(in ...*graph.Tensor) *graph.Tensor { return ops.Reshape(in[0], -1, 1) },
			[]any{x}, [][]float64{{1}, {2}, {3}, {4}, {5}, {6}}, 0},
		{"Reshape -1 flat", func(in ...*graph.Tensor) *graph.Tensor { return ops.Reshape(in[0], -1) },
			[]any{x}, []float64{1, 2, 3, 4, 5, 6}, 0},
		{"Reshape -1 inner", func(in ...*graph.Tensor) *graph.Tensor { return ops.Reshape(in[0], 1, -1, 2) },
			[]any{x}, [][][]float64{{{1, 2}, {3, 4}, {5, 6}}}, 0},
		{"Reshape to scalar", func(in ...*graph.Tensor) *graph.Tensor { return ops.Reshape(in[0]) },
			[]any{[][]float64{{7}}}, 7.0, 0},
		{"Zeros", func(...*graph.Tensor) *graph.Tensor { return ops.Zeros(2, 1) }, nil, [][]float64{{0}, {0}}, 0},
		{"Ones", func(...*graph.Tensor) *graph.Tensor { return ops.Ones(3) }, nil, []float64{1, 1, 1}, 0},
		{"Constant fills shape", func(...*graph.Tensor) *graph.Tensor { return ops.Constant(0.1, 32) }, nil,
			[]float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
				0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 1e-8},
		{"Constant nested slice", func(...*graph.Tensor) *graph.Tensor { return ops.Constant([][]float64{{1, 2}, {3, 4}}) }, nil,
			[][]float64{{1, 2}, {3, 4}}, 0},
		{"Constant reshaped", func(...*graph.Tensor) *graph.Tensor { return ops.Constant([]float64{1, 2, 3, 4}, 2, 2) }, nil,
			[][]float64{{1, 2}, {3, 4}}, 0},
		{"Constant used with a placeholder", func(in ...*graph.Tensor) *graph.Tensor { return ops.Add(in[0], ops.Constant(0.1, 2)) },
			[]any{[]float64{1, 2}}, []float64{1.1, 2.1}, f32tol},
	})
	if dt := ops.Constant(0.1, 32).DType(); dt != graph.Float32 {
		t.Errorf("Constant(0.1, 32) dtype %v, want float32", dt)
	}
	if s := ops.Constant(0.1, 32).Shape(); s.String() != "(32,)" {
		t.Errorf("Constant(0.1, 32) shape %v, want (32,)", s)
	}
}

// TestTruncatedNormalDrawsTF checks that the op draws TF's numbers: the
// ODE notebook's conv filter, tf.truncated_normal([5,5,1,2], stddev=0.1)
// with graph seed 20160703 after a placeholder and a reshape (op seed 6),
// starts with these values, and a second run of the op continues TF's
// stream 50·256 blocks on, as TF's kernel reserves per run.
func TestTruncatedNormalDrawsTF(t *testing.T) {
	g := graph.New()
	g.SetRandomSeed(20160703)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
	ops.Reshape(x, -1, 28, 28, 1)
	w := g.Variable(ops.TruncatedNormal([]int{5, 5, 1, 2}, ops.Stddev(0.1)))
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	v, err := sess.VariableValue(w)
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{-0.05228534, 0.030986968, 0.049548257, 0.01736111, 0.07428372, 0.1895038}
	for i, wv := range want {
		if got := v.Float32s()[i]; got != wv {
			t.Errorf("W_conv value %d = %v, want TF's %v", i, got, wv)
		}
	}
	again := mustRun(t, sess, w.InitialValue, nil).(*nd.Array)
	for i, wv := range []float32{-0.030188208, -0.08620807, -0.00076583115, -0.066355996} {
		if got := again.Float32s()[i]; got != wv {
			t.Errorf("second run, value %d = %v, want %v", i, got, wv)
		}
	}
}

func TestTruncatedNormal(t *testing.T) {
	const n = 20000
	draw := func(seed int64, opts ...ops.RandomOption) *nd.Array {
		g := graph.New()
		g.SetRandomSeed(seed)
		x := ops.TruncatedNormal([]int{n / 100, 100}, opts...).In(g)
		v, err := session.New(g).Run(x, nil)
		if err != nil {
			t.Fatal(err)
		}
		return v.(*nd.Array)
	}
	a := draw(42, ops.Stddev(0.1))
	if a.DType() != graph.Float32 || !equalInts(a.Shape(), []int{n / 100, 100}) {
		t.Fatalf("dtype %v shape %v", a.DType(), a.Shape())
	}
	var sum, sq float64
	for _, v := range a.Float32s() {
		if math.Abs(float64(v)) > 0.2 {
			t.Fatalf("value %v beyond two standard deviations", v)
		}
		sum += float64(v)
		sq += float64(v) * float64(v)
	}
	mean := sum / n
	sd := math.Sqrt(sq/n - mean*mean)
	// a normal truncated at ±2σ has standard deviation 0.8796σ
	if math.Abs(mean) > 0.005 || math.Abs(sd-0.08796) > 0.003 {
		t.Errorf("mean %.4f stddev %.4f, want about 0 and 0.0880", mean, sd)
	}
	b := draw(42, ops.Stddev(0.1))
	c := draw(43, ops.Stddev(0.1))
	same := 0
	for i := range a.Float32s() {
		if a.Float32s()[i] != b.Float32s()[i] {
			t.Fatalf("same seed, element %d: %v then %v", i, a.Float32s()[i], b.Float32s()[i])
		}
		if a.Float32s()[i] == c.Float32s()[i] {
			same++
		}
	}
	if same > 10 {
		t.Errorf("seeds 42 and 43 agree in %d of %d values", same, n)
	}
	m := draw(1, ops.Mean(5), ops.Stddev(2))
	for _, v := range m.Float32s() {
		if v < 1 || v > 9 {
			t.Fatalf("mean 5 stddev 2: value %v outside [1, 9]", v)
		}
	}
}

func TestShapeInference(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable(ops.Zeros(2, 1))
	for _, c := range []struct {
		name string
		t    *graph.Tensor
		want string
	}{
		{"matmul", ops.MatMul(x, w), "(?, 1)"},
		{"matmul transpose a", ops.MatMulT(x, x, true, false), "(2, 2)"},
		{"matmul transpose b", ops.MatMulT(x, x, false, true), "(?, ?)"},
		{"broadcast [?,2]+[2]", ops.Add(x, ops.Zeros(2)), "(?, 2)"},
		{"broadcast [?,1]*[1,3]", ops.Mul(ops.MatMul(x, w), ops.Ones(1, 3)), "(?, 3)"},
		{"broadcast scalar", ops.Sub(1, x), "(?, 2)"},
		{"sum all", ops.ReduceSum(x), "()"},
		{"sum axis -1", ops.ReduceSum(x, -1), "(?,)"},
		{"mean axis 0", ops.ReduceMean(x, 0), "(2,)"},
		{"argmax", ops.Argmax(x, 1), "(?,)"},
		{"equal", ops.Equal(ops.Argmax(x, 1), ops.Argmax(x, 1)), "(?,)"},
		{"cast", ops.Cast(x, graph.Int64), "(?, 2)"},
		{"softmax", ops.Softmax(x), "(?, 2)"},
		{"reshape -1 with unknown batch", ops.Reshape(x, -1, 1), "(?, 1)"},
		{"reshape known", ops.Reshape(ops.Zeros(2, 3), 3, -1), "(3, 2)"},
		{"truncated normal", ops.TruncatedNormal([]int{4, 5}), "(4, 5)"},
	} {
		if got := c.t.Shape().String(); got != c.want {
			t.Errorf("%s: shape %s, want %s", c.name, got, c.want)
		}
	}
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestShapeErrors checks that each shape error is a *graph.Error naming
// the op and both shapes in TF's words, kept on the graph and reported by
// Session.Run.
func TestShapeErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(g *graph.Graph)
		want  string
	}{
		{"matmul", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
			w := g.Variable(ops.Zeros(3, 1))
			ops.MatMul(x, w)
		}, "Dimensions must be equal, but are 2 and 3 for 'MatMul' (op: 'MatMul') with input shapes: [?,2], [3,1]."},
		{"matmul transposed", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{4, 2})
			ops.MatMulT(x, x, false, false)
		}, "Dimensions must be equal, but are 2 and 4 for 'MatMul' (op: 'MatMul') with input shapes: [4,2], [4,2]."},
		{"matmul rank", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{4})
			ops.MatMul(x, x)
		}, "Shape must be rank 2 but is rank 1 for 'MatMul' (op: 'MatMul') with input shapes: [4], [4]."},
		{"broadcast", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
			ops.Add(x, ops.Zeros(2))
		}, "Dimensions must be equal, but are 3 and 2 for 'Add' (op: 'Add') with input shapes: [?,3], [2]."},
		{"broadcast mul [2,3]*[3,2]", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			ops.Mul(x, ops.Zeros(3, 2))
		}, "Dimensions must be equal, but are 3 and 2 for 'Mul' (op: 'Mul') with input shapes: [2,3], [3,2]."},
		{"reshape size", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			ops.Reshape(x, 4)
		}, "Cannot reshape a tensor with 6 elements to shape [4] (4 elements) for 'Reshape' (op: 'Reshape') with input shapes: [2,3]."},
		{"reshape -1 does not divide", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			ops.Reshape(x, -1, 4)
		}, "Cannot reshape a tensor with 6 elements to shape [?,4] for 'Reshape' (op: 'Reshape') with input shapes: [2,3]."},
		{"reshape two -1", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			ops.Reshape(x, -1, -1)
		}, "Cannot infer multiple unknown dimensions for 'Reshape' (op: 'Reshape') with input shapes: [2,3]."},
		{"reduce axis", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			ops.ReduceSum(x, 2)
		}, "Invalid reduction dimension 2 for input with 2 dimensions for 'Sum' (op: 'Sum') with input shapes: [2,3]."},
		{"argmax axis", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2, 3})
			ops.Argmax(x, -3)
		}, "Expected dimension in the range [-2, 2), but got -3 for 'ArgMax' (op: 'ArgMax') with input shapes: [2,3]."},
		{"dtype mismatch", func(g *graph.Graph) {
			x := g.Placeholder(graph.Float32, graph.Shape{2})
			y := g.Placeholder(graph.Float64, graph.Shape{2})
			ops.Add(x, y)
		}, "Input 'y' of op has type float64 that does not match type float32 of argument 'x' for 'Add' (op: 'Add') with input shapes: [2], [2]."},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := graph.New()
			c.build(g)
			var ge *graph.Error
			if err := g.Err(); !errors.As(err, &ge) || err.Error() != c.want {
				t.Fatalf("g.Err() = %v (%T)\nwant *graph.Error %q", err, err, c.want)
			}
			// the error stops every Run, even one that does not need the bad node
			ok := ops.Constant(1.0).In(g)
			_, err := session.New(g).Run(ok, nil)
			if !errors.As(err, &ge) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Run: %v, want it to wrap %q", err, c.want)
			}
		})
	}
}

// TestErrorFlowsDownstream checks that an op built on a failed op keeps
// the first error and an unknown shape rather than reporting a second one.
func TestErrorFlowsDownstream(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	bad := ops.MatMul(x, ops.Zeros(3, 1))
	y := ops.ReduceSum(ops.Sigmoid(bad))
	if y.Shape().Known() {
		t.Errorf("shape after a failed op: %v, want unknown", y.Shape())
	}
	if y.Node().Err() == nil || y.Node().Err() != bad.Node().Err() {
		t.Errorf("downstream error %v, want the MatMul's %v", y.Node().Err(), bad.Node().Err())
	}
	if g.Err() != bad.Node().Err() {
		t.Errorf("g.Err() = %v, want the first error", g.Err())
	}
}

// TestUnknownRank checks that a placeholder of unknown rank (the lecture's
// keep_prob) flows through ops with unknown shapes and runs with any feed.
func TestUnknownRank(t *testing.T) {
	g := graph.New()
	p := g.Placeholder(graph.Float32, graph.UnknownShape)
	y := ops.Mul(ops.Sigmoid(p), 2)
	s := ops.ReduceSum(y)
	m := ops.MatMul(p, ops.Ones(2, 1))
	r := ops.Reshape(p, -1)
	for _, c := range []struct {
		name string
		t    *graph.Tensor
		want string
	}{{"Mul(Sigmoid)", y, "<unknown>"}, {"ReduceSum", s, "()"}, {"MatMul", m, "(?, 1)"}, {"Reshape", r, "(?,)"}} {
		if got := c.t.Shape().String(); got != c.want {
			t.Errorf("%s: shape %s, want %s", c.name, got, c.want)
		}
	}
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	sess := session.New(g)
	for _, feed := range []any{0.0, []float64{0, 0}, [][]float64{{0, 0}, {0, 0}, {0, 0}}} {
		out, err := sess.Run([]any{y, s}, session.Feed{p: feed})
		if err != nil {
			t.Fatalf("feed %v: %v", feed, err)
		}
		vals := session.Arrays(out)
		a, _ := nd.From(feed, graph.Float32)
		if !equalInts(vals[0].Shape(), a.Shape()) || vals[0].Flat(0) != 1 || vals[1].Float() != float64(a.Len()) {
			t.Errorf("feed %v: y = %v, sum = %v", feed, vals[0], vals[1])
		}
	}
	out, err := sess.Run(m, session.Feed{p: [][]float64{{1, 2}, {3, 4}}})
	if err != nil {
		t.Fatal(err)
	}
	checkArray(t, out.(*nd.Array), [][]float64{{3}, {7}}, 0)
	// a feed of the wrong rank for MatMul fails at Run, not while building
	if _, err := sess.Run(m, session.Feed{p: []float64{1, 2}}); err == nil || !strings.Contains(err.Error(), "rank 2") {
		t.Errorf("MatMul of a fed vector: %v, want a rank error", err)
	}
}

// TestGradientsNone checks tf.gradients' None: nil where no
// differentiable path leads from x to y.
func TestGradientsNone(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{2, 2})
	other := g.Placeholder(graph.Float32, graph.Shape{2, 2})
	y := ops.ReduceSum(ops.Square(x))
	acc := ops.ReduceMean(ops.Cast(ops.Equal(ops.Argmax(x, 1), ops.Argmax(other, 1)), graph.Float32))
	gs := ops.Gradients([]*graph.Tensor{y}, []*graph.Tensor{x, other})
	if gs[0] == nil || gs[1] != nil {
		t.Errorf("d y/d x, d y/d other = %v, %v; want a tensor and nil", gs[0], gs[1])
	}
	if gs := ops.Gradients([]*graph.Tensor{acc}, []*graph.Tensor{x}); gs[0] != nil {
		t.Errorf("gradient through Argmax: %v, want nil", gs[0])
	}
	if gs[0].Shape().String() != "(2, 2)" {
		t.Errorf("gradient shape %v, want x's", gs[0].Shape())
	}
}

// TestFedShapeErrors checks that shapes that only clash once fed are
// reported by Run as errors naming the op and the fed shapes.
func TestFedShapeErrors(t *testing.T) {
	g := graph.New()
	a := g.Placeholder(graph.Float32, graph.Shape{graph.None, graph.None})
	b := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	sess := session.New(g)
	for _, c := range []struct {
		name string
		y    *graph.Tensor
		want string
	}{
		{"matmul", ops.MatMul(a, b), "Dimensions must be equal, but are 2 and 4 for 'MatMul' (op: 'MatMul') with input shapes: [4,2], [4,3]."},
		{"add", ops.Add(a, b), "Dimensions must be equal, but are 2 and 3 for 'Add' (op: 'Add') with input shapes: [4,2], [4,3]."},
		{"reshape", ops.Reshape(a, -1, 3), "Cannot reshape a tensor with 8 elements to shape [?,3] for 'Reshape' (op: 'Reshape') with input shapes: [4,2]."},
	} {
		_, err := sess.Run(c.y, session.Feed{a: [][]float64{{1, 2}, {3, 4}, {5, 6}, {7, 8}}, b: [][]float64{{1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 2, 3}}})
		var ge *graph.Error
		if err == nil || !errors.As(err, &ge) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant a *graph.Error %q", c.name, err, c.want)
		}
	}
}

// TestGoNumbersWithVariables checks Go numbers next to variables, as in
// the lecture's b1*mult and 1-t: they take the variable's dtype.
func TestGoNumbersWithVariables(t *testing.T) {
	g := graph.New()
	b := g.Variable([]float64{1, 2})
	d := g.Variable(nd.FromFloat64s([]float64{1, 2}, 2))
	ys := []*graph.Tensor{ops.Mul(b, 15.74), ops.Sub(1, b), ops.Div(d, 4), ops.Add(0.1, d)}
	for i, want := range []graph.DType{graph.Float32, graph.Float32, graph.Float64, graph.Float64} {
		if ys[i].DType() != want {
			t.Errorf("result %d: dtype %v, want %v", i, ys[i].DType(), want)
		}
	}
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	out, err := sess.Run(ys, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := session.Arrays(out)
	checkArray(t, v[0], []float32{15.74, 31.48}, 0)
	checkArray(t, v[1], []float64{0, -1}, 0)
	checkArray(t, v[2], []float64{0.25, 0.5}, 0)
	checkArray(t, v[3], []float64{1.1, 2.1}, 0)
}
