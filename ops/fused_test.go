package ops

import (
	"math"
	"testing"

	"github.com/tf1go/tf1go/graph"
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
				op, ok := FuseBiasRelu(tc.product.(graph.Op), relu, "X")
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
	if _, ok := FuseBiasRelu(reluOp, true, "X"); ok {
		t.Fatal("fused a Relu as a product")
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
