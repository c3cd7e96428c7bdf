package ops

import (
	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
)

// biasAddOp adds a [C] bias along the last axis (tf.nn.bias_add). It is
// Add with TF's stricter shape rule, so it is Elementwise: the compile
// step fuses it with the relu that usually follows.
type biasAddOp struct{}

func (biasAddOp) Type() string { return "BiasAdd" }

func (biasAddOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	v, b := in[0], in[1]
	if err := requireSameFloat("BiasAdd", "value", "bias", v, b); err != nil {
		return v.DType(), nil, err
	}
	vs, bs := v.Shape(), b.Shape()
	if vs.Known() && len(vs) < 2 {
		return v.DType(), nil, errors.Errorf("Shape must be at least rank 2 but is rank %d", len(vs))
	}
	if bs.Known() && len(bs) != 1 {
		return v.DType(), nil, errors.Errorf("Shape must be rank 1 but is rank %d", len(bs))
	}
	if !vs.Known() {
		return v.DType(), graph.UnknownShape, nil
	}
	last := len(vs) - 1
	if bs.Known() {
		switch c := bs[0]; {
		case vs[last] < 0:
			vs[last] = c
		case c >= 0 && c != vs[last]:
			return v.DType(), nil, errors.Errorf("Dimensions must be equal, but are %d and %d", vs[last], c)
		}
	}
	return v.DType(), vs, nil
}

func (biasAddOp) Eval(dst []float64, args [][]float64) { addOp.Eval(dst, args) }

func (biasAddOp) Eval32() func(dst []float32, args [][]float32) { return addOp.Eval32() }

// Grad gives the bias the sum of dy over every axis but the last
// (TF's BiasAddGrad).
func (biasAddOp) Grad(n *graph.Node, dy *graph.Tensor) []*graph.Tensor {
	return []*graph.Tensor{dy, reduceTo(dy, n.Inputs()[1])}
}

// BiasAdd adds bias, a vector of C values, to value, a tensor whose last
// axis has C channels ([N,C], or [N,H,W,C] after a Conv2D)
// (tf.nn.bias_add(value, bias)). Unlike Add it accepts no other
// broadcast. A Go slice bias takes value's dtype.
func BiasAdd(value, bias any) *graph.Tensor {
	v, b := operands(value, bias)
	return node(biasAddOp{}, v, b)
}
