package ops

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/par"
	"github.com/tf1go/tf1go/nd"
)

// epilogue is what a fused kernel does to rows of its output (the
// channels last) while they are in cache: add a bias along the channels,
// then ReLU. Its results are those of the unfused Add and Relu: a float32
// sum rounds as the float64 sum rounded to float32 does, and ReLU is
// Go's max(v, 0) (-0 and negatives to +0, NaN kept).
type epilogue[T float32 | float64] struct {
	bias []T // nil: no bias
	relu bool
	pool *geom // then a max-pool of this geometry (convolutions only)
}

func (e epilogue[T]) none() bool { return e.bias == nil && !e.relu }

// apply runs the epilogue on whole rows of len(e.bias) channels (or on
// any run of values when there is no bias).
func (e epilogue[T]) apply(rows []T) {
	switch {
	case e.bias == nil && e.relu:
		for i, v := range rows {
			rows[i] = relu(v)
		}
	case e.bias != nil:
		if rows32, ok := any(rows).([]float32); ok {
			biasRelu32(rows32, any(e.bias).([]float32), e.relu)
			return
		}
		o := len(e.bias)
		for r := 0; r+o <= len(rows); r += o {
			biasReluGo(rows[r:r+o], e.bias, e.relu)
		}
	}
}

// biasReluGo adds bias to row and, if relu, applies ReLU.
func biasReluGo[T float32 | float64](row, bias []T, withRelu bool) {
	bias = bias[:len(row)]
	if withRelu {
		for j, b := range bias {
			row[j] = relu(add(row[j], b))
		}
		return
	}
	for j, b := range bias {
		row[j] = add(row[j], b)
	}
}

// applyRows runs the epilogue over out (rows of len(e.bias) values)
// across goroutines.
func (e epilogue[T]) applyRows(out []T) {
	if e.none() {
		return
	}
	o := max(1, len(e.bias))
	rows := len(out) / o
	par.For(rows, max(1, 1<<14/o), func(r0, r1 int) { e.apply(out[r0*o : r1*o]) })
}

func newEpilogue[T float32 | float64](bias *nd.Array, relu bool) epilogue[T] {
	e := epilogue[T]{relu: relu}
	if bias != nil {
		e.bias = bias.Data().([]T)
	}
	return e
}

// fusedOp is a Conv2D or MatMul whose output gets a bias along its last
// axis (an Add or BiasAdd of a vector), if relu a ReLU, and (for a
// Conv2D) if pool a max-pool, in the same kernel: the compile step puts
// it in place of those ops (see opkit.BiasReluFuser). Inputs: the
// product's two, then the bias.
type fusedOp struct {
	product graph.Kernel // conv2DOp or matMulOp
	relu    bool
	pool    *maxPoolOp
	names   string
}

// FuseBiasRelu implements opkit.BiasReluFuser.
func (c conv2DOp) FuseBiasRelu(add, relu, pool graph.Op, names string) (graph.Op, bool) {
	f, ok := newFusedOp(c, add, relu, names)
	if pool != nil {
		mp, isPool := pool.(maxPoolOp)
		f.pool, ok = &mp, ok && isPool
	}
	return f, ok
}

// FuseBiasRelu implements opkit.BiasReluFuser (with no pool).
func (m matMulOp) FuseBiasRelu(add, relu, pool graph.Op, names string) (graph.Op, bool) {
	f, ok := newFusedOp(m, add, relu, names)
	return f, ok && pool == nil
}

// newFusedOp checks that add is an Add or BiasAdd and relu nil or a Relu.
func newFusedOp(product graph.Kernel, add, relu graph.Op, names string) (fusedOp, bool) {
	_, isBias := add.(biasAddOp)
	return fusedOp{product: product, relu: relu != nil, names: names},
		(add == addOp || isBias) && (relu == nil || relu == reluOp)
}

func (f fusedOp) Type() string { return f.names }

func (f fusedOp) Infer(in []*graph.Tensor) (graph.DType, graph.Shape, error) {
	dt, s, err := f.product.(graph.Op).Infer(in[:2])
	if err != nil || f.pool == nil {
		return dt, s, err
	}
	same, err := f.pool.attrs()
	if err != nil {
		return dt, nil, err
	}
	s, err = f.pool.outShape(s, same)
	return dt, s, err
}

func (f fusedOp) Compute(env *graph.Env, in []*nd.Array, out *nd.Array) error {
	if out.DType() == nd.Float32 {
		return fusedCompute(f, newEpilogue[float32](in[2], f.relu), in, out)
	}
	return fusedCompute(f, newEpilogue[float64](in[2], f.relu), in, out)
}

func fusedCompute[T float32 | float64](f fusedOp, e epilogue[T], in []*nd.Array, out *nd.Array) error {
	if c, ok := f.product.(conv2DOp); ok {
		g := c.geom(in[0].Shape(), in[1].Shape())
		if f.pool != nil {
			pg := f.pool.geom([]int{g.n, g.oh, g.ow, in[1].Dim(3)})
			e.pool = &pg
		}
		conv2D(g, in[0], in[1], out, e)
		return nil
	}
	if err := f.product.Compute(nil, in[:2], out); err != nil {
		return err
	}
	e.applyRows(out.Data().([]T))
	return nil
}
