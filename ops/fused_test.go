package ops

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/opkit"
	"github.com/tf1go/tf1go/nd"
)

// unfusedBiasRelu is the reference: the product's kernel, then Add and
// Relu as the compile step runs them unfused (in float64, rounded to the
// output's dtype after each op).
func unfusedBiasRelu(t *testing.T, product graph.Kernel, relu bool, in []*nd.Array, out *nd.Array) {
	t.Helper()
	if err := product.Compute(nil, in[:2], out); err != nil {
		t.Fatal(err)
	}
	c := in[2].Len()
	for i := range out.Len() {
		v := addOp.f(out.Flat(i), in[2].Flat(i%c))
		if out.DType() == nd.Float32 {
			v = float64(float32(v))
		}
		if relu {
			v = reluOp.f(v)
		}
		out.SetFlat(i, v)
	}
}

// TestFuseBiasRelu: the fused Conv2D/MatMul + bias (+ ReLU) kernels give
// the unfused ops' results bit for bit, in both dtypes.
func TestFuseBiasRelu(t *testing.T) {
	conv := conv2DOp{strides: []int{1, 1, 1, 1}, padding: "SAME"}
	for _, dt := range []nd.DType{nd.Float32, nd.Float64} {
		for _, relu := range []bool{false, true} {
			for _, tc := range []struct {
				product graph.Kernel
				x, w    []int
				out     []int
			}{
				{conv, []int{3, 9, 7, 2}, []int{5, 5, 2, 16}, []int{3, 9, 7, 16}},
				{conv, []int{2, 28, 28, 1}, []int{5, 5, 1, 32}, []int{2, 28, 28, 32}},
				{matMulOp{}, []int{50, 300}, []int{300, 70}, []int{50, 70}},
				{matMulOp{}, []int{3, 2}, []int{2, 5}, []int{3, 5}},
			} {
				x, w, b := randArray(dt, 1, tc.x...), randArray(dt, 2, tc.w...), randArray(dt, 3, tc.out[len(tc.out)-1])
				in := []*nd.Array{x, w, b}
				want, got := nd.New(dt, tc.out...), nd.New(dt, tc.out...)
				unfusedBiasRelu(t, tc.product, relu, in, want)
				op, ok := tc.product.(opkit.BiasReluFuser).FuseBiasRelu(addOp, reluIf(relu), nil, "X")
				if !ok {
					t.Fatalf("%T not fused", tc.product)
				}
				if err := op.(graph.Kernel).Compute(nil, in, got); err != nil {
					t.Fatal(err)
				}
				for i := range want.Len() {
					if g, w := got.Flat(i), want.Flat(i); math.Float64bits(g) != math.Float64bits(w) {
						t.Fatalf("%s %T relu=%v: [%d] = %v, unfused %v", dt, tc.product, relu, i, g, w)
					}
				}
			}
		}
	}
	if _, ok := any(reluOp).(opkit.BiasReluFuser); ok {
		t.Fatal("a Relu fuses as a product")
	}
	if _, ok := (matMulOp{}).FuseBiasRelu(addOp, reluOp, maxPoolOp{}, "X"); ok {
		t.Fatal("fused a pool after a MatMul")
	}
	if _, ok := (matMulOp{}).FuseBiasRelu(mulOp, reluOp, nil, "X"); ok {
		t.Fatal("fused a Mul as the bias")
	}
	if _, ok := (conv2DOp{}).FuseBiasRelu(biasAddOp{}, tanhOp, nil, "X"); ok {
		t.Fatal("fused a Tanh as the ReLU")
	}
	if _, ok := (conv2DOp{}).FuseBiasRelu(biasAddOp{}, nil, reluOp, "X"); ok {
		t.Fatal("fused a Relu as the pool")
	}
}

// TestEpilogueSpecials: ReLU keeps NaN and maps -0 and negatives to +0,
// as max(v, 0) does.
func TestEpilogueSpecials(t *testing.T) {
	nan, negZero := float32(math.NaN()), float32(math.Copysign(0, -1))
	vals := []float32{negZero, nan, -1, 1, 0, float32(math.Inf(-1))}
	epilogue[float32]{relu: true}.apply(vals)
	for i, v := range []float32{negZero, nan, -1, 1, 0, float32(math.Inf(-1))} {
		want := float32(reluOp.f(float64(v)))
		if math.Float32bits(vals[i]) != math.Float32bits(want) {
			t.Errorf("relu(%v) = %v, want %v", v, vals[i], want)
		}
	}
}

func randArray(dt nd.DType, seed uint64, shape ...int) *nd.Array {
	a := randFloat32s(seed, shape...)
	if dt == nd.Float32 {
		return a
	}
	b := nd.New(nd.Float64, shape...)
	for i, v := range a.Float32s() {
		b.Float64s()[i] = float64(v)
	}
	return b
}

// TestFuseBiasReluPool: Conv2D + bias + ReLU + max-pool in one kernel
// gives the unfused ops' pooled output bit for bit.
func TestFuseBiasReluPool(t *testing.T) {
	conv := conv2DOp{strides: []int{1, 1, 1, 1}, padding: "SAME"}
	for _, pool := range []maxPoolOp{
		{ksize: []int{1, 2, 2, 1}, strides: []int{1, 2, 2, 1}, padding: "SAME"},
		{ksize: []int{1, 3, 3, 1}, strides: []int{1, 2, 2, 1}, padding: "VALID"},
	} {
		for _, tc := range []struct{ x, w []int }{
			{[]int{5, 28, 28, 1}, []int{5, 5, 1, 32}},
			{[]int{3, 9, 7, 4}, []int{3, 3, 4, 8}},
		} {
			x, w, b := randArray(nd.Float32, 1, tc.x...), randArray(nd.Float32, 2, tc.w...), randArray(nd.Float32, 3, tc.w[3])
			in := []*nd.Array{x, w, b}
			y := nd.New(nd.Float32, tc.x[0], tc.x[1], tc.x[2], tc.w[3])
			unfusedBiasRelu(t, conv, true, in, y)
			ps, err := pool.outShape(y.Shape(), pool.padding == "SAME")
			if err != nil {
				t.Fatal(err)
			}
			want, got := nd.New(nd.Float32, ps...), nd.New(nd.Float32, ps...)
			if err := pool.Compute(nil, []*nd.Array{y}, want); err != nil {
				t.Fatal(err)
			}
			op, ok := conv.FuseBiasRelu(addOp, reluOp, pool, "X")
			if !ok {
				t.Fatal("not fused")
			}
			if _, s, err := op.Infer([]*graph.Tensor{graph.Const(x), graph.Const(w), graph.Const(b)}); err != nil || !slices.Equal(s, graph.Shape(ps)) {
				t.Fatalf("Infer: %v %v, want %v", s, err, ps)
			}
			if err := op.(graph.Kernel).Compute(nil, in, got); err != nil {
				t.Fatal(err)
			}
			if !sameFlat(got, want) {
				t.Fatalf("%v %v pool %v: fused differs", tc.x, tc.w, pool.ksize)
			}
		}
	}
}

func reluIf(relu bool) graph.Op {
	if relu {
		return reluOp
	}
	return nil
}

// TestBiasReluRow: the SSE bias+ReLU rows give the Go loop's bits on
// signed zeros, infinities and cancellations, and NaN where it gives NaN
// (which NaN an addition of two returns is the hardware's choice), at
// every length.
func TestBiasReluRow(t *testing.T) {
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -1, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0.5, -0.5, 1e-45}
	r := rand.New(rand.NewPCG(7, 8))
	for n := range 40 {
		for _, withRelu := range []bool{false, true} {
			row, bias := make([]float32, n), make([]float32, n)
			for i := range n {
				row[i], bias[i] = vals[r.IntN(len(vals))], vals[r.IntN(len(vals))]
			}
			// one row, then three rows of it
			for _, rows := range []int{1, 3} {
				got := slices.Concat(slices.Repeat([][]float32{row}, rows)...)
				want := slices.Clone(got)
				for r := range rows {
					biasReluGo(want[r*n:(r+1)*n], bias, withRelu)
				}
				biasRelu32(got, bias, withRelu)
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
						t.Fatalf("n=%d rows=%d relu=%v [%d]: %v, want %v", n, rows, withRelu, i, got[i], want[i])
					}
				}
			}
		}
	}
}
