package ops

import "github.com/tf1go/tf1go/graph"

// Stabilize makes Log an opkit.Stabilizer: log(softmax(x)) stands for
// LogSoftmax(x), log(sigmoid(x)) for LogSigmoid(x) and log(1-sigmoid(x))
// for LogSigmoid(-x), which stay finite where softmax or sigmoid rounds
// to 0 or 1. The ops are matched by identity. The compile step applies
// these rewrites unless told not to; the softmax or sigmoid itself stays
// for whoever else uses or fetches it.
func (u *unaryOp) Stabilize(in []*graph.Tensor) (*graph.Tensor, string) {
	if u != logOp {
		return nil, ""
	}
	p := in[0].Node()
	switch p.Op() {
	case graph.Op(softmaxOp{}):
		return LogSoftmax(p.Inputs()[0]), "log(softmax(x)) → LogSoftmax(x)"
	case graph.Op(sigmoidOp):
		return LogSigmoid(p.Inputs()[0]), "log(sigmoid(x)) → LogSigmoid(x)"
	case graph.Op(subOp):
		if s := p.Inputs()[1].Node(); isOnes(p.Inputs()[0]) && s.Op() == graph.Op(sigmoidOp) {
			return LogSigmoid(Neg(s.Inputs()[0])), "log(1-sigmoid(x)) → LogSigmoid(-x)"
		}
	}
	return nil, ""
}

// isOnes reports whether t is a constant of ones.
func isOnes(t *graph.Tensor) bool {
	k, ok := t.Node().Op().(graph.ConstOp)
	if !ok {
		return false
	}
	for i := 0; i < k.Value.Len(); i++ {
		if k.Value.Flat(i) != 1 {
			return false
		}
	}
	return true
}
