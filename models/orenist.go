package models

import (
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/train"
)

// OrenistFilter is OFE's graph: the ORENIST images x through two 5x5
// filters, conv2d SAME, abs and relu(h-0.2) (HConvCutoff), then 2x2 max
// pooling (HPool). It trains nothing.
type OrenistFilter struct {
	X, WConv, HConvCutoff, HPool *graph.Tensor
}

// NewOrenistFilter builds OFE's graph into g with the fixed filters edge
// (the notebook's edge_filter(), shaped [5, 5, 1, 2]) as a float32
// constant, as the notebook's cells did:
//
//	x = tf.placeholder(tf.float32, [None, 784])
//	x_image = tf.reshape(x, [-1,28,28,1])
//	W_conv = tf.constant(edge_filter(), dtype=tf.float32)
//	h_conv = tf.abs(tf.nn.conv2d(x_image, W_conv, strides=[1,1,1,1], padding='SAME'))
//	h_conv_cutoff = tf.nn.relu(h_conv-0.2)
//	h_pool = tf.nn.max_pool(h_conv_cutoff, ksize=[1,2,2,1], strides=[1,2,2,1], padding='SAME')
func NewOrenistFilter(g *graph.Graph, edge [5][5][1][2]float64) *OrenistFilter {
	return orenistMaps(g, func() *graph.Tensor { return ops.Constant(edge) })
}

// orenistMaps builds the ORENIST notebooks' feature maps into g: x, the
// filters newFilter makes (fixed or learned, made where the notebooks
// made them), relu(|conv2d SAME| - 0.2), then 2x2 max pooling.
func orenistMaps(g *graph.Graph, newFilter func() *graph.Tensor) *OrenistFilter {
	// [OFE-04], [OFE-05], [OCE-03], [OCE-04], [ODE-03]: W_conv is the
	// fixed edge filters (OFE, OCE: NewOrenistFilter) or two learned ones
	// (ODE: NewOrenistDynamicFilter)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
	xImage := ops.Reshape(x, -1, 28, 28, 1)

	wConv := newFilter()
	hConv := ops.Abs(ops.Conv2D(xImage, wConv, []int{1, 1, 1, 1}, "SAME"))
	hConvCutoff := ops.Relu(ops.Sub(hConv, 0.2))

	hPool := ops.MaxPool(hConvCutoff, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
	return &OrenistFilter{X: x, WConv: wConv, HConvCutoff: hConvCutoff, HPool: hPool}
}

// Orenist is an ORENIST classifier (ODE, OCE): OFE's feature maps, 392 →
// 2 tanh (Hidden) → 3 softmax, cross-entropy, Adam, accuracy by argmax.
type Orenist struct {
	Classifier
	WConv, HConvCutoff, HPool, Hidden *graph.Tensor
}

// NewOrenistDynamicFilter builds ODE's graph into g: OFE's pipeline with
// two learned filters,
//
//	W_conv = tf.Variable(tf.truncated_normal([5,5,1,2], stddev=0.1))
//
// feeding the 392 → 2 → 3 classifier. The ops are created in the
// notebook's order, so with g's random seed set as the notebook set it
// (20160703) the truncated_normal ops draw TF's numbers.
func NewOrenistDynamicFilter(g *graph.Graph) *Orenist {
	return orenistClassifier(g, orenistMaps(g, func() *graph.Tensor {
		return g.Variable(ops.TruncatedNormal([]int{5, 5, 1, 2}, ops.Stddev(0.1))).Tensor
	}))
}

// NewOrenistClassification builds OCE's graph into g: OFE's fixed edge
// filters (NewOrenistFilter) feeding ODE's 392 → 2 → 3 classifier, in the
// notebook's order.
func NewOrenistClassification(g *graph.Graph, edge [5][5][1][2]float64) *Orenist {
	return orenistClassifier(g, NewOrenistFilter(g, edge))
}

// orenistClassifier adds ODE's and OCE's classifier to the feature maps
// f, as the notebooks' cells did:
//
//	h_pool_flat = tf.reshape(h_pool, [-1, 392])
//	hidden2 = tf.nn.tanh(tf.matmul(h_pool_flat, w2) + b2)
//	p = tf.nn.softmax(tf.matmul(hidden2, w0) + b0)
//	t = tf.placeholder(tf.float32, [None, 3])
//	loss = -tf.reduce_sum(t * tf.log(p))
//	train_step = tf.train.AdamOptimizer().minimize(loss)
func orenistClassifier(g *graph.Graph, f *OrenistFilter) *Orenist {
	// [ODE-04], [OCE-05]
	hPoolFlat := ops.Reshape(f.HPool, -1, 392)

	numUnits1 := 392
	numUnits2 := 2

	w2 := g.Variable(ops.TruncatedNormal([]int{numUnits1, numUnits2}))
	b2 := g.Variable(ops.Zeros(numUnits2))
	hidden2 := ops.Tanh(ops.Add(ops.MatMul(hPoolFlat, w2), b2))

	w0 := g.Variable(ops.Zeros(numUnits2, 3))
	b0 := g.Variable(ops.Zeros(3))
	p := ops.Softmax(ops.Add(ops.MatMul(hidden2, w0), b0))

	// [ODE-05], [OCE-06]
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	trainStep := train.NewAdamOptimizer().Minimize(loss)
	correctPrediction := ops.Equal(ops.Argmax(p, 1), ops.Argmax(t, 1))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))
	return &Orenist{
		Classifier: Classifier{X: f.X, T: t, P: p, Loss: loss, TrainStep: trainStep, Accuracy: accuracy},
		WConv:      f.WConv, HConvCutoff: f.HConvCutoff, HPool: f.HPool, Hidden: hidden2,
	}
}

// LeastSquares is LSE's model: a degree-4 polynomial y = x·w on the
// powers x = (1, m, m², m³, m⁴) of the month m, w from zeros, the summed
// squared error against t, Adam.
type LeastSquares struct {
	X, W, Y, T, Loss *graph.Tensor
	TrainStep        *graph.Node
}

// NewLeastSquares builds LSE's graph into g, cell by cell as the notebook
// did:
//
//	x = tf.placeholder(tf.float32, [None, 5])
//	w = tf.Variable(tf.zeros([5, 1]))
//	y = tf.matmul(x, w)
//	t = tf.placeholder(tf.float32, [None, 1])
//	loss = tf.reduce_sum(tf.square(y-t))
//	train_step = tf.train.AdamOptimizer().minimize(loss)
func NewLeastSquares(g *graph.Graph) *LeastSquares {
	// [LSE-02]
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 5})

	// [LSE-03]
	w := g.Variable(ops.Zeros(5, 1))

	// [LSE-04]
	y := ops.MatMul(x, w)

	// [LSE-05]
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})

	// [LSE-06]
	loss := ops.ReduceSum(ops.Square(ops.Sub(y, t)))

	// [LSE-07]
	trainStep := train.NewAdamOptimizer().Minimize(loss)
	return &LeastSquares{X: x, W: w.Tensor, Y: y, T: t, Loss: loss, TrainStep: trainStep}
}
