// Command mnist-dynamic-filter-tensorboard is the lecture's "MNIST
// dynamic filter classification with TensorBoard" notebook (MDT): MDC's
// model (16 learned 5x5 filters, a max pool, 3136 → 1024 relu → 10
// softmax, Adam 0.0005, batches of 100) built by a small type in its own
// graph, with name scopes input, convolution, pooling, fully-connected,
// softmax, optimizer and evaluator, scalar summaries of the loss and the
// accuracy and a histogram of the convolution filters, evaluated on the
// test set and written to an event file in -logdir every 50 steps. It
// saves no checkpoints.
//
// The notebook seeds TensorFlow's default graph (MDT-01) but builds the
// model in a new one, which TensorFlow then seeded at random: its 80
// lines (ending Step: 4000, Loss: 635.322693, Accuracy: 0.983000) cannot
// be replayed. This port seeds its graph with the notebook's 20160703, so
// it draws MDC's filters and weights and prints MDC's lines at the steps
// both evaluate.
//
//	go run ./cmd/mnist-dynamic-filter-tensorboard [-steps 4000] [-logdir /tmp/mnist_df_logs] [-data DIR] [-faithful]
package main

import (
	"io"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/fixtures/nprand"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/summary"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("mnist-dynamic-filter-tensorboard", run) }

// singleCNN is the notebook's SingleCNN class.
type singleCNN struct {
	x, t, p        *graph.Tensor
	trainStep      *graph.Node
	loss, accuracy *graph.Tensor
	sess           *session.Session
	summary        *summary.Merged
	writer         *summary.FileWriter
}

// [MDT-03]
func newSingleCNN(numFilters, numUnits int, flags *lecture.Flags, logdir string) (*singleCNN, error) {
	cnn := &singleCNN{}
	g := graph.New()
	g.SetRandomSeed(20160703)
	cnn.prepareModel(g, numFilters, numUnits)
	return cnn, cnn.prepareSession(g, flags, logdir)
}

func (cnn *singleCNN) prepareModel(g *graph.Graph, numFilters, numUnits int) {
	numUnits1 := 14 * 14 * numFilters
	numUnits2 := numUnits

	var x, xImage, wConv, hConv, hPoolFlat, hidden2, p, t, loss, accuracy *graph.Tensor
	var trainStep *graph.Node
	g.NameScope("input", func() {
		x = g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("input"))
		xImage = ops.Reshape(x, -1, 28, 28, 1)
	})
	g.NameScope("convolution", func() {
		wConv = g.Variable(ops.TruncatedNormal([]int{5, 5, 1, numFilters}, ops.Stddev(0.1)), graph.Name("conv-filter")).Tensor
		hConv = ops.Conv2D(xImage, wConv, []int{1, 1, 1, 1}, "SAME")
	})
	g.NameScope("pooling", func() {
		hPool := ops.MaxPool(hConv, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
		hPoolFlat = ops.Reshape(hPool, -1, 14*14*numFilters)
	})
	g.NameScope("fully-connected", func() {
		w2 := g.Variable(ops.TruncatedNormal([]int{numUnits1, numUnits2}))
		b2 := g.Variable(ops.Zeros(numUnits2))
		hidden2 = ops.Relu(ops.Add(ops.MatMul(hPoolFlat, w2), b2))
	})
	g.NameScope("softmax", func() {
		w0 := g.Variable(ops.Zeros(numUnits2, 10))
		b0 := g.Variable(ops.Zeros(10))
		p = ops.Softmax(ops.Add(ops.MatMul(hidden2, w0), b0))
	})
	g.NameScope("optimizer", func() {
		t = g.Placeholder(graph.Float32, graph.Shape{graph.None, 10}, graph.Name("labels"))
		loss = ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
		trainStep = train.NewAdamOptimizer(0.0005).Minimize(loss)
	})
	g.NameScope("evaluator", func() {
		correctPrediction := ops.Equal(ops.Argmax(p, 1), ops.Argmax(t, 1))
		accuracy = ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))
	})

	summary.Scalar("loss", loss)
	summary.Scalar("accuracy", accuracy)
	summary.Histogram("convolution_filters", wConv)

	cnn.x, cnn.t, cnn.p = x, t, p
	cnn.trainStep = trainStep
	cnn.loss = loss
	cnn.accuracy = accuracy
}

func (cnn *singleCNN) prepareSession(g *graph.Graph, flags *lecture.Flags, logdir string) (err error) {
	cnn.sess, cnn.summary, cnn.writer, err = flags.SummarySession(g, logdir)
	return err
}

func run(args []string, stdout io.Writer) error {
	var logdir string
	flags, err := lecture.Parse("mnist-dynamic-filter-tensorboard", args, lecture.Steps(4000), lecture.MNIST,
		lecture.String(&logdir, "logdir", "/tmp/mnist_df_logs", "directory for TensorBoard's event file"))
	if err != nil {
		return err
	}

	// [MDT-01]
	np := nprand.New(20160703)

	// [MDT-02]
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [MDT-04]: the notebook empties the log directory; this removes the
	// event files in it, so that TensorBoard shows this run alone
	if err := lecture.RemoveEventFiles(logdir); err != nil {
		return err
	}

	// [MDT-05]
	cnn, err := newSingleCNN(16, 1024, flags, logdir)
	if err != nil {
		return err
	}
	testFeed := session.Feed{cnn.x: mnistData.Test.Images(), cnn.t: mnistData.Test.Labels()}
	progress := lecture.NewProgress(stdout, flags.Steps)
	for i := 1; i <= flags.Steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(100)
		if _, err := cnn.sess.Run(cnn.trainStep, session.Feed{cnn.x: batchXs, cnn.t: batchTs}); err != nil {
			return err
		}
		if i%50 == 0 {
			vals, err := cnn.sess.Run([]any{cnn.summary, cnn.loss, cnn.accuracy}, testFeed)
			if err != nil {
				return err
			}
			v := vals.([]any)
			lossVal, accVal := v[1].(*nd.Array).Float(), v[2].(*nd.Array).Float()
			progress.Printf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, lossVal, accVal)
			if err := cnn.writer.AddSummary(v[0], i); err != nil {
				return err
			}
		}
		progress.Step(i)
	}
	progress.Clear()
	return cnn.writer.Close()
}
