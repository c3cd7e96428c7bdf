// Command mnist-single-layer is the lecture's "MNIST single layer
// network" notebook (MSL): 784 → 1024 relu → 10 softmax, the hidden
// weights drawn from truncated_normal (stddev 1), trained with Adam on
// batches of 100 and evaluated on all 10,000 test images every 100 steps.
// The hidden weights are TF's own (truncated_normal draws TF's numbers for
// the notebook's graph seed and op seed 4), so the program follows the
// notebook: Step: 100, Loss: 3136.212646, Accuracy: 0.906700 against the
// notebook's 3136.286377 and 0.906700; later accuracies stay within a few
// images of the notebook's (0.9709 against 0.9706 at step 2000).
//
//	go run ./cmd/mnist-single-layer [-steps 2000] [-out out/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/fixtures/nprand"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("mnist-single-layer", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("mnist-single-layer", args, lecture.Steps(2000), lecture.MNIST)
	if err != nil {
		return err
	}

	// [MSL-01]
	np := nprand.New(20160612)
	g := graph.New()
	g.SetRandomSeed(20160612)

	// [MSL-02]
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [MSL-03]
	numUnits := 1024
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
	w1 := g.Variable(ops.TruncatedNormal([]int{784, numUnits}))
	b1 := g.Variable(ops.Zeros(numUnits))
	hidden1 := ops.Relu(ops.Add(ops.MatMul(x, w1), b1))
	w0 := g.Variable(ops.Zeros(numUnits, 10))
	b0 := g.Variable(ops.Zeros(10))
	p := ops.Softmax(ops.Add(ops.MatMul(hidden1, w0), b0))

	// [MSL-04]
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 10})
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	trainStep := train.NewAdamOptimizer().Minimize(loss)
	correctPrediction := ops.Equal(ops.Argmax(p, 1), ops.Argmax(t, 1))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))

	// [MSL-05]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [MSL-06]
	testFeed := session.Feed{x: mnistData.Test.Images(), t: mnistData.Test.Labels()}
	for i := 1; i <= flags.Steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(100)
		if _, err := sess.Run(trainStep, session.Feed{x: batchXs, t: batchTs}); err != nil {
			return err
		}
		if i%100 == 0 {
			v, err := session.Scalars(sess.RunTensors(testFeed, loss, accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
		}
	}

	// [MSL-07]
	pVal, err := sess.RunTensors(session.Feed{x: mnistData.Test.Images()}, p)
	if err != nil {
		return err
	}
	return digits.Predictions(filepath.Join(flags.Out, "mnist-single-layer.png"), mnistData.Test.Images(), pVal[0], mnistData.Test.Labels())
}
