// Command mnist-softmax is the lecture's "MNIST softmax estimation"
// notebook (MSE): a 784→10 softmax classifier trained with Adam on
// batches of 100, evaluated on all 10,000 test images every 100 steps.
// The notebook is deterministic (zero init, numpy-seeded epoch
// reshuffles), and so is this program: it prints the notebook's lines.
//
//	go run ./cmd/mnist-softmax [-steps 2000] [-out out/] [-data DIR] [-faithful]
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

func main() { lecture.Main("mnist-softmax", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("mnist-softmax", args, lecture.Steps(2000), lecture.MNIST)
	if err != nil {
		return err
	}

	// [MSE-01]
	np := nprand.New(20160604)

	// [MSE-02]
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [MSE-03]
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784})
	w := g.Variable(ops.Zeros(784, 10))
	w0 := g.Variable(ops.Zeros(10))
	f := ops.Add(ops.MatMul(x, w), w0)
	p := ops.Softmax(f)

	// [MSE-04]
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 10})
	loss := ops.Neg(ops.ReduceSum(ops.Mul(t, ops.Log(p))))
	trainStep := train.NewAdamOptimizer().Minimize(loss)
	correctPrediction := ops.Equal(ops.Argmax(p, 1), ops.Argmax(t, 1))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))

	// [MSE-05]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [MSE-06]
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

	// [MSE-07], [MSE-08]
	pVal, err := sess.RunTensors(session.Feed{x: mnistData.Test.Images()}, p)
	if err != nil {
		return err
	}
	return digits.Predictions(filepath.Join(flags.Out, "mnist-softmax.png"), mnistData.Test.Images(), pVal[0], mnistData.Test.Labels())
}
