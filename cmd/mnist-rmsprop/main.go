// Command mnist-rmsprop trains a 784→100→10 ReLU network on MNIST the way
// a TF1 program would beyond the lecture: tf.train.RMSPropOptimizer with
// TF1's defaults, its learning rate from tf.train.exponential_decay
// (0.001, times 0.7 every 200 steps, staircase) driven by the
// global step that minimize(loss, global_step=...) advances, and
// tf.nn.softmax_cross_entropy_with_logits as the loss. Batches of 100;
// every 100 steps it prints the rate, and the loss and accuracy on the
// 10,000 test images. Seeded, so it prints the same lines every run.
//
//	go run ./cmd/mnist-rmsprop [-steps 1000] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/fixtures/nprand"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("mnist-rmsprop", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("mnist-rmsprop", args, lecture.Steps(1000), lecture.MNIST)
	if err != nil {
		return err
	}

	np := nprand.New(20161202)
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	g := graph.New()
	g.SetRandomSeed(20161202)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 784}, graph.Name("x"))
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 10}, graph.Name("t"))
	w1 := g.Variable(ops.TruncatedNormal([]int{784, 100}, ops.Stddev(0.1)))
	b1 := g.Variable(ops.Constant(0.1, 100))
	hidden := ops.Relu(ops.Add(ops.MatMul(x, w1), b1))
	w2 := g.Variable(ops.Zeros(100, 10))
	b2 := g.Variable(ops.Zeros(10))
	logits := ops.Add(ops.MatMul(hidden, w2), b2)

	loss := ops.ReduceMean(ops.SoftmaxCrossEntropyWithLogits(t, logits))
	globalStep := train.GetOrCreateGlobalStep(g)
	learningRate := train.ExponentialDecay(0.001, globalStep, 200, 0.7, true)
	trainStep := train.NewRMSPropOptimizer(learningRate).MinimizeWithGlobalStep(loss, globalStep)
	correct := ops.Equal(ops.Argmax(logits, 1), ops.Argmax(t, 1))
	accuracy := ops.ReduceMean(ops.Cast(correct, graph.Float32))

	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	testFeed := session.Feed{x: mnistData.Test.Images(), t: mnistData.Test.Labels()}
	for i := 1; i <= flags.Steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(100)
		if _, err := sess.Run(trainStep, session.Feed{x: batchXs, t: batchTs}); err != nil {
			return err
		}
		if i%100 == 0 {
			v, err := session.Scalars(sess.RunTensors(testFeed, learningRate, loss, accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Learning rate: %.6g, Loss: %f, Accuracy: %f\n", i, float32(v[0]), v[1], v[2])
		}
	}
	return nil
}
