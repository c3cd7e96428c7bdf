// Command mnist-single-layer-tensorboard is the lecture's "MNIST single
// layer network with TensorBoard" notebook (MST): MSL's network (784 →
// 1024 relu → 10 softmax, Adam, batches of 100, the test set evaluated
// every 100 steps) built by a small type in its own graph, with name
// scopes input, hidden, output, optimizer and evaluator, scalar summaries
// of the loss and the accuracy and histograms of the weights and biases,
// written at each evaluation to an event file in -logdir for TensorBoard
// (tensorboard --logdir DIR), the graph with them.
//
// The notebook seeds TensorFlow's default graph (MST-01) but builds the
// model in a new one, which TensorFlow then seeded at random: its lines
// (ending Step: 2000, Loss: 971.080200, Accuracy: 0.970800) cannot be
// replayed. This port seeds its graph with the notebook's 20160612, so it
// draws MSL's hidden weights and prints MSL's lines, from Step: 100, Loss:
// 3136.212646, Accuracy: 0.906700 to Step: 2000, Loss: 990.553040,
// Accuracy: 0.970900 (the MSL notebook's: 990.451965, 0.970600).
//
//	go run ./cmd/mnist-single-layer-tensorboard [-steps 2000] [-logdir /tmp/mnist_sl_logs] [-data DIR] [-faithful]
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

func main() { lecture.Main("mnist-single-layer-tensorboard", run) }

// singleLayerNetwork is the notebook's SingleLayerNetwork class.
type singleLayerNetwork struct {
	x, t, p        *graph.Tensor
	trainStep      *graph.Node
	loss, accuracy *graph.Tensor
	sess           *session.Session
	summary        *summary.Merged
	writer         *summary.FileWriter
}

// [MST-03]
func newSingleLayerNetwork(numUnits int, flags *lecture.Flags, logdir string) (*singleLayerNetwork, error) {
	nn := &singleLayerNetwork{}
	g := graph.New()
	g.SetRandomSeed(20160612)
	nn.prepareModel(g, numUnits)
	return nn, nn.prepareSession(g, flags, logdir)
}

func (nn *singleLayerNetwork) prepareModel(g *graph.Graph, numUnits int) {
	var x, p, t, loss, accuracy, w1, b1, w0, b0 *graph.Tensor
	var trainStep *graph.Node
	g.NameScope("input", func() {
		x = g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("input"))
	})
	var hidden1 *graph.Tensor
	g.NameScope("hidden", func() {
		w1 = g.Variable(ops.TruncatedNormal([]int{784, numUnits}), graph.Name("weights")).Tensor
		b1 = g.Variable(ops.Zeros(numUnits), graph.Name("biases")).Tensor
		hidden1 = ops.Relu(ops.Add(ops.MatMul(x, w1), b1))
	})
	g.NameScope("output", func() {
		w0 = g.Variable(ops.Zeros(numUnits, 10), graph.Name("weights")).Tensor
		b0 = g.Variable(ops.Zeros(10), graph.Name("biases")).Tensor
		p = ops.Softmax(ops.Add(ops.MatMul(hidden1, w0), b0))
	})
	g.NameScope("optimizer", func() {
		t = g.Placeholder(graph.Float32, graph.Shape{graph.None, 10}, graph.Name("labels"))
		loss = ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
		trainStep = train.NewAdamOptimizer().Minimize(loss)
	})
	g.NameScope("evaluator", func() {
		correctPrediction := ops.Equal(ops.Argmax(p, 1), ops.Argmax(t, 1))
		accuracy = ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))
	})

	summary.Scalar("loss", loss)
	summary.Scalar("accuracy", accuracy)
	summary.Histogram("weights_hidden", w1)
	summary.Histogram("biases_hidden", b1)
	summary.Histogram("weights_output", w0)
	summary.Histogram("biases_output", b0)

	nn.x, nn.t, nn.p = x, t, p
	nn.trainStep = trainStep
	nn.loss = loss
	nn.accuracy = accuracy
}

func (nn *singleLayerNetwork) prepareSession(g *graph.Graph, flags *lecture.Flags, logdir string) (err error) {
	nn.sess, nn.summary, nn.writer, err = flags.SummarySession(g, logdir)
	return err
}

func run(args []string, stdout io.Writer) error {
	var logdir string
	flags, err := lecture.Parse("mnist-single-layer-tensorboard", args, lecture.Steps(2000), lecture.MNIST,
		lecture.String(&logdir, "logdir", "/tmp/mnist_sl_logs", "directory for TensorBoard's event file"))
	if err != nil {
		return err
	}

	// [MST-01]
	np := nprand.New(20160612)

	// [MST-02]
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [MST-04]: the notebook empties the log directory; this removes the
	// event files in it, so that TensorBoard shows this run alone
	if err := lecture.RemoveEventFiles(logdir); err != nil {
		return err
	}

	// [MST-05]
	nn, err := newSingleLayerNetwork(1024, flags, logdir)
	if err != nil {
		return err
	}
	testFeed := session.Feed{nn.x: mnistData.Test.Images(), nn.t: mnistData.Test.Labels()}
	progress := lecture.NewProgress(stdout, flags.Steps)
	for i := 1; i <= flags.Steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(100)
		if _, err := nn.sess.Run(nn.trainStep, session.Feed{nn.x: batchXs, nn.t: batchTs}); err != nil {
			return err
		}
		if i%100 == 0 {
			vals, err := nn.sess.Run([]any{nn.summary, nn.loss, nn.accuracy}, testFeed)
			if err != nil {
				return err
			}
			v := vals.([]any)
			lossVal, accVal := v[1].(*nd.Array).Float(), v[2].(*nd.Array).Float()
			progress.Printf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, lossVal, accVal)
			if err := nn.writer.AddSummary(v[0], i); err != nil {
				return err
			}
		}
		progress.Step(i)
	}
	progress.Clear()
	return nn.writer.Close()
}
