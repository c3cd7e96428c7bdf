// Command train-test-accuracy is the lecture's "Comparing accuracy for
// training and test sets" notebook (CAF): the logistic regression of
// max-likelihood on 1,400 points, 80% of them for training and the rest
// for testing, trained with Adam for 2,500 full-batch steps while the
// accuracy on both sets is recorded after every step. It draws the two
// curves as train-test-accuracy.png (the training accuracy rises to about
// 0.90, the test accuracy to about 0.87).
//
// The notebook printed nothing; this program prints both accuracies every
// 500 steps so that a run can be followed and checked.
//
//	go run ./cmd/train-test-accuracy [-steps 2500] [-out out/] [-faithful]
package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("train-test-accuracy", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("train-test-accuracy", args, lecture.Steps(2500))
	if err != nil {
		return err
	}

	// [CAF-01], [CAF-02]: np.random.seed(20160531), the two blocks,
	// shuffled, and split 80:20.
	trainSet, testSet := fixtures.CAF()

	// [CAF-03]
	trainX := trainSet.X
	trainT := nd.FromFloat64s(trainSet.T, trainSet.Len(), 1)
	testX := testSet.X
	testT := nd.FromFloat64s(testSet.T, testSet.Len(), 1)

	// [CAF-04]
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable(ops.Zeros(2, 1))
	w0 := g.Variable(ops.Zeros(1))
	f := ops.Add(ops.MatMul(x, w), w0)
	p := ops.Sigmoid(f)

	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1.0, t), ops.Log(ops.Sub(1.0, p))))))
	trainStep := train.NewAdamOptimizer().Minimize(loss)

	correctPrediction := ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5)))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))

	// [CAF-05]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [CAF-06]
	trainFeed := session.Feed{x: trainX, t: trainT}
	testFeed := session.Feed{x: testX, t: testT}
	var trainAccuracy, testAccuracy []float64
	for i := 1; i <= flags.Steps; i++ {
		if _, err := sess.Run(trainStep, trainFeed); err != nil {
			return err
		}
		trainAcc, err := session.Scalars(sess.RunTensors(trainFeed, accuracy))
		if err != nil {
			return err
		}
		testAcc, err := session.Scalars(sess.RunTensors(testFeed, accuracy))
		if err != nil {
			return err
		}
		trainAccuracy = append(trainAccuracy, trainAcc[0])
		testAccuracy = append(testAccuracy, testAcc[0])
		if i%500 == 0 || i == flags.Steps {
			fmt.Fprintf(stdout, "Step: %d, Train accuracy: %f, Test accuracy: %f\n",
				i, trainAccuracy[i-1], testAccuracy[i-1])
		}
	}

	// [CAF-07]
	xs := make([]float64, len(trainAccuracy)) // range(len(train_accuracy))
	for i := range xs {
		xs[i] = float64(i)
	}
	return figure.Lines(filepath.Join(flags.Out, "train-test-accuracy.png"), "", "", "",
		figure.Series{Name: "Training set", X: xs, Y: trainAccuracy},
		figure.Series{Name: "Test set", X: xs, Y: testAccuracy})
}
