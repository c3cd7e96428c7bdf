package models

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/train"
)

// MDC is the "MNIST dynamic filter classification" model: 16 learned
// 5x5 filters (no bias, no relu), 2x2 max pooling, 3136 → 1024 relu →
// 10 softmax, Adam 0.0005. Its variables are created in the notebook's
// order, so their names (Variable ... Variable_4) match its checkpoints.
type MDC struct {
	Classifier
	WConv, HConv, HPool *graph.Tensor
}

// NewMDC builds MDC into g, cell by cell as the notebook did.
func NewMDC(g *graph.Graph) *MDC { return NewMDCWithFilters(g, 16) }

// NewMDCWithFilters builds MDC with numFilters learned filters instead of
// the notebook's 16: slide 108's exercise. The hidden layer's input grows
// with them, 14*14*numFilters.
func NewMDCWithFilters(g *graph.Graph, numFilters int) *MDC {
	// [MDC-03]
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("x"))
	xImage := ops.Reshape(x, -1, 28, 28, 1)
	wConv := g.Variable(ops.TruncatedNormal([]int{5, 5, 1, numFilters}, ops.Stddev(0.1)))
	hConv := ops.Conv2D(xImage, wConv, []int{1, 1, 1, 1}, "SAME")
	hPool := ops.MaxPool(hConv, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
	// [MDC-04]
	hPoolFlat := ops.Reshape(hPool, -1, 14*14*numFilters)
	numUnits1 := 14 * 14 * numFilters
	numUnits2 := 1024
	w2 := g.Variable(ops.TruncatedNormal([]int{numUnits1, numUnits2}))
	b2 := g.Variable(ops.Zeros(numUnits2))
	hidden2 := ops.Relu(ops.Add(ops.MatMul(hPoolFlat, w2), b2))
	w0 := g.Variable(ops.Zeros(numUnits2, 10))
	b0 := g.Variable(ops.Zeros(10))
	p := ops.Softmax(ops.Add(ops.MatMul(hidden2, w0), b0))
	// [MDC-05]
	return &MDC{Classifier: *classifier(g, x, p, train.NewAdamOptimizer(0.0005)),
		WConv: wConv.Tensor, HConv: hConv, HPool: hPool}
}

// CNN is the two-convolution-layer model of the lecture's last chapter:
// conv 32 (+bias 0.1, relu, pool) → conv 64 (+bias, relu, pool) → 3136 →
// 1024 relu → dropout(keep_prob) → 10 softmax, Adam 0.0001. Variables are
// created in the notebook's order (Variable ... Variable_7), so a
// checkpoint of the lecture's program restores into it.
type CNN struct {
	Classifier
	KeepProb                             *graph.Tensor // the shape-less keep_prob placeholder
	WConv1, HConv1Cutoff, HConv1, HPool1 *graph.Tensor
	WConv2, HConv2Cutoff, HConv2, HPool2 *graph.Tensor
}

// NewCNN builds the CNN into g. With training false it stops at p, as the
// handwriting recognizer's inference graph does: no t, loss, optimizer or
// accuracy (and so no Adam slots to restore).
func NewCNN(g *graph.Graph, training bool) *CNN {
	m := &CNN{}
	// [CNN-02]
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("x"))
	xImage := ops.Reshape(x, -1, 28, 28, 1)

	numFilters1 := 32
	wConv1 := g.Variable(ops.TruncatedNormal([]int{5, 5, 1, numFilters1}, ops.Stddev(0.1)))
	m.HConv1Cutoff = ops.Conv2D(xImage, wConv1, []int{1, 1, 1, 1}, "SAME")
	bConv1 := g.Variable(ops.Constant(0.1, numFilters1))
	m.HConv1 = ops.Relu(ops.Add(m.HConv1Cutoff, bConv1))
	m.HPool1 = ops.MaxPool(m.HConv1, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")

	// [CNN-03]
	numFilters2 := 64
	wConv2 := g.Variable(ops.TruncatedNormal([]int{5, 5, numFilters1, numFilters2}, ops.Stddev(0.1)))
	m.HConv2Cutoff = ops.Conv2D(m.HPool1, wConv2, []int{1, 1, 1, 1}, "SAME")
	bConv2 := g.Variable(ops.Constant(0.1, numFilters2))
	m.HConv2 = ops.Relu(ops.Add(m.HConv2Cutoff, bConv2))
	m.HPool2 = ops.MaxPool(m.HConv2, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")

	// [CNN-04]
	hPool2Flat := ops.Reshape(m.HPool2, -1, 7*7*numFilters2)
	numUnits1 := 7 * 7 * numFilters2
	numUnits2 := 1024
	w2 := g.Variable(ops.TruncatedNormal([]int{numUnits1, numUnits2}))
	b2 := g.Variable(ops.Constant(0.1, numUnits2))
	hidden2 := ops.Relu(ops.Add(ops.MatMul(hPool2Flat, w2), b2))

	m.KeepProb = g.Placeholder(graph.Float32, graph.UnknownShape, graph.Name("keep_prob"))
	hidden2Drop := ops.Dropout(hidden2, m.KeepProb)

	w0 := g.Variable(ops.Zeros(numUnits2, 10))
	b0 := g.Variable(ops.Zeros(10))
	p := ops.Softmax(ops.Add(ops.MatMul(hidden2Drop, w0), b0))
	m.WConv1, m.WConv2 = wConv1.Tensor, wConv2.Tensor
	// [CNN-05]
	if training {
		m.Classifier = *classifier(g, x, p, train.NewAdamOptimizer(0.0001))
	} else {
		m.Classifier = Classifier{X: x, P: p}
	}
	return m
}
