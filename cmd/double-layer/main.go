// Command double-layer is the lecture's "Double layer network example"
// notebook (DNE): two hidden layers of two tanh units and a sigmoid
// output, trained by gradient descent (learning rate 0.001) for 2,000
// full-batch steps on 120 XOR-like points (class 1 in two opposite
// quadrants). It prints the loss and accuracy every 100 steps and draws
// the model's output on a 100x100 grid over [-15, 15]² as
// double-layer.png.
//
// The data are the notebook's, bit for bit, and so are the hidden
// weights: truncated_normal draws TF's numbers for the notebook's graph
// seed and the op seeds TF gave the two ops (4 and 20). The program
// prints the notebook's lines: every accuracy, and the losses to about
// 1e-6 (Step: 2000, Loss: 36.352619 against 36.352604, Accuracy:
// 0.891667).
//
//	go run ./cmd/double-layer [-steps 2000] [-out out/] [-faithful]
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

func main() { lecture.Main("double-layer", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("double-layer", args, lecture.Steps(2000))
	if err != nil {
		return err
	}

	// [DNE-01]: np.random.seed(20160615) is in fixtures.DNE;
	// tf.set_random_seed(20160615) is on the graph.
	g := graph.New()
	g.SetRandomSeed(20160615)

	// [DNE-02]
	trainSet := fixtures.DNE()

	// [DNE-03]
	trainX := trainSet.X
	trainT := nd.FromFloat64s(trainSet.T, trainSet.Len(), 1)

	// [DNE-04]
	numUnits1 := 2
	numUnits2 := 2

	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})

	w1 := g.Variable(ops.TruncatedNormal([]int{2, numUnits1}))
	b1 := g.Variable(ops.Zeros(1, numUnits1))
	hidden1 := ops.Tanh(ops.Add(ops.MatMul(x, w1), b1))

	w2 := g.Variable(ops.TruncatedNormal([]int{numUnits1, numUnits2}))
	b2 := g.Variable(ops.Zeros(1, numUnits2))
	hidden2 := ops.Tanh(ops.Add(ops.MatMul(hidden1, w2), b2))

	w0 := g.Variable(ops.Zeros(numUnits2, 1))
	b0 := g.Variable(ops.Zeros(1))
	p := ops.Sigmoid(ops.Add(ops.MatMul(hidden2, w0), b0))

	// [DNE-05]
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1.0, t), ops.Log(ops.Sub(1.0, p))))))
	trainStep := train.NewGradientDescentOptimizer(0.001).Minimize(loss)
	correctPrediction := ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5)))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))

	// [DNE-06]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [DNE-07]
	feed := session.Feed{x: trainX, t: trainT}
	for i := 1; i <= flags.Steps; i++ {
		if _, err := sess.Run(trainStep, feed); err != nil {
			return err
		}
		if i%100 == 0 {
			v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
		}
	}

	// [DNE-08]
	locations := lecture.Locations(-15, 15, 100)
	pVals, err := sess.RunTensors(session.Feed{x: locations}, p)
	if err != nil {
		return err
	}
	field, err := lecture.Reshape(pVals[0], 100)
	if err != nil {
		return err
	}
	return figure.DecisionField(filepath.Join(flags.Out, "double-layer.png"), "",
		figure.Field{X0: -15, X1: 15, Y0: -15, Y1: 15, Values: field},
		trainSet.X, trainSet.T)
}
