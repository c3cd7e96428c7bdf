// Command transfer-learning tries what slides 106-107 describe: keep a
// trained CNN's convolution layers fixed and retrain only its fully
// connected part on a new task. It restores the two convolution layers of
// the lecture's two-layer CNN from a cmd/mnist-cnn checkpoint (a Saver
// over those four variables), freezes them (Minimize with a var_list of
// the fully connected layers only), and trains the classifier on a task
// the CNN was not trained for: MNIST digits transposed (mirrored across
// the diagonal, so a 7 lies on its side), learned from only a few
// labelled examples of each digit. The same network trained from scratch,
// from the same fully connected weights, for the same steps on the same
// examples, is the baseline. Both print the notebooks' Step/Loss/Accuracy
// lines (accuracy on transposed test digits) and both curves are drawn in
// one figure, transfer-learning.png, the losses in transfer-learning-loss.png.
//
// What it shows: the stroke detectors the CNN learned on upright digits
// still describe transposed ones, so a classifier on top of them learns
// the new task from 10 examples a digit faster and better than a network
// that must learn its filters from those same 100 images. What it does
// not show: transfer to another domain (the new task is still
// handwritten digits, and the checkpoint saw all ten of them upright with
// their labels), nor anything about fine-tuning the restored layers,
// which stay frozen here.
//
//	go run ./cmd/transfer-learning [-steps 100] [-examples 10] [-checkpoint PATH] [-ckpt ckpt/] [-out out/] [-data DIR]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "transfer-learning:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("transfer-learning", flag.ContinueOnError)
	steps := fs.Int("steps", 100, "training steps of each network")
	examples := fs.Int("examples", 10, "labelled examples of each digit to train on")
	testSize := fs.Int("test", 1000, "transposed test images to measure the accuracy on")
	every := fs.Int("eval-every", 10, "evaluate every N steps")
	path := fs.String("checkpoint", "", "cmd/mnist-cnn checkpoint to restore the convolution layers from (default: the newest in -ckpt)")
	ckpt := fs.String("ckpt", "ckpt", "directory of the cnn_session checkpoints")
	out := fs.String("out", "out", "directory for figures")
	data := fs.String("data", "", "directory with the four MNIST files (default: the GoMNIST module)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" {
		latest, err := train.LatestCheckpoint(*ckpt)
		if err != nil {
			return fmt.Errorf("no -checkpoint and no checkpoint in %s (run cmd/mnist-cnn first): %v", *ckpt, err)
		}
		*path = latest
	}

	// [TRL-01] the new task: transposed digits, a few labelled ones to learn from
	mnistData, err := mnist.ReadDataSets(*data)
	if err != nil {
		return err
	}
	trainX, trainT := fewPerDigit(mnistData.Train.Images(), mnistData.Train.Labels(), *examples)
	trainX = transpose(trainX)
	testX := transpose(mnistData.Test.Images().Rows(0, *testSize))
	testT := mnistData.Test.Labels().Rows(0, *testSize)

	curves := make([]curve, 2)
	for n, transfer := range []bool{true, false} {
		curves[n].name = "from scratch"
		if transfer {
			curves[n].name = "convolution layers transferred, frozen"
		}
		fmt.Fprintf(stdout, "%s:\n", curves[n].name)
		net, err := newNet(transfer, *path)
		if err != nil {
			return err
		}

		// [TRL-03] the same steps on the same examples for both
		trainFeed := session.Feed{net.X: trainX, net.t: trainT, net.KeepProb: 0.5}
		testFeed := session.Feed{net.X: testX, net.t: testT, net.KeepProb: 1.0}
		for i := 1; i <= *steps; i++ {
			if _, err := net.sess.Run(net.trainStep, trainFeed); err != nil {
				return err
			}
			if i%*every == 0 {
				v, err := session.Scalars(net.sess.RunTensors(testFeed, net.loss, net.accuracy))
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
				curves[n].add(i, v[0], v[1])
			}
		}
		if err := net.sess.Close(); err != nil {
			return err
		}
	}
	return draw(*out, curves)
}

// net is the lecture's two-layer CNN with its loss, accuracy and a
// training op for the variables it trains.
type net struct {
	*models.CNN
	conv, fc       []*graph.Variable // W_conv1, b_conv1, W_conv2, b_conv2; w2, b2, w0, b0
	t              *graph.Tensor
	loss, accuracy *graph.Tensor
	trainStep      *graph.Node
	sess           *session.Session
}

// newNet builds the CNN in a graph seeded as the notebook's, so both
// networks start from the same fully connected weights. With transfer,
// its convolution layers are restored from the checkpoint at path and
// left out of the training op's var_list.
func newNet(transfer bool, path string) (*net, error) {
	// [TRL-02] the CNN; with transfer, its convolution layers restored and frozen
	g := graph.New()
	g.SetRandomSeed(20160704)
	n := &net{CNN: models.NewCNN(g, false)}
	vars := g.GlobalVariables()
	n.conv, n.fc = vars[:4], vars[4:]
	n.t = g.Placeholder(graph.Float32, graph.Shape{graph.None, 10})
	n.loss = ops.Neg(ops.ReduceSum(ops.Mul(n.t, ops.Log(n.P))))
	trainVars := vars
	if transfer {
		trainVars = n.fc
	}
	n.trainStep = train.NewAdamOptimizer(0.0001).Minimize(n.loss, trainVars...)
	correct := ops.Equal(ops.Argmax(n.P, 1), ops.Argmax(n.t, 1))
	n.accuracy = ops.ReduceMean(ops.Cast(correct, graph.Float32))

	n.sess = session.New(g)
	if _, err := n.sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return nil, err
	}
	if transfer {
		if err := train.NewSaver(n.conv...).Restore(n.sess, path); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// fewPerDigit returns the first n examples of each digit, in file order.
func fewPerDigit(images, labels *nd.Array, n int) (*nd.Array, *nd.Array) {
	count := make([]int, 10)
	var rows []int
	for i, d := range digits.Argmax(labels) {
		if len(rows) == 10*n {
			break
		}
		if count[d] < n {
			count[d]++
			rows = append(rows, i)
		}
	}
	x, t := nd.New(nd.Float32, len(rows), 784), nd.New(nd.Float32, len(rows), 10)
	for k, i := range rows {
		x.Row(k).CopyFrom(images.Row(i))
		t.Row(k).CopyFrom(labels.Row(i))
	}
	return x, t
}

// transpose mirrors each 28x28 image across its diagonal.
func transpose(images *nd.Array) *nd.Array {
	n := images.Shape()[0]
	src := images.Float32s()
	dst := make([]float32, len(src))
	for k := 0; k < n; k++ {
		for r := 0; r < 28; r++ {
			for c := 0; c < 28; c++ {
				dst[k*784+c*28+r] = src[k*784+r*28+c]
			}
		}
	}
	return nd.FromFloat32s(dst, n, 784)
}

// curve is one network's evaluations.
type curve struct {
	name                  string
	steps, loss, accuracy []float64
}

func (c *curve) add(step int, loss, accuracy float64) {
	c.steps = append(c.steps, float64(step))
	c.loss = append(c.loss, loss)
	c.accuracy = append(c.accuracy, accuracy)
}

// draw writes both networks' accuracy curves in one figure, their losses
// in another.
func draw(out string, curves []curve) error {
	var acc, loss []figure.Series
	for _, c := range curves {
		acc = append(acc, figure.Series{Name: c.name, X: c.steps, Y: c.accuracy})
		loss = append(loss, figure.Series{Name: c.name, X: c.steps, Y: c.loss})
	}
	if err := figure.Lines(filepath.Join(out, "transfer-learning.png"), "transposed digits", "step", "test accuracy", acc...); err != nil {
		return err
	}
	return figure.Lines(filepath.Join(out, "transfer-learning-loss.png"), "transposed digits", "step", "test loss", loss...)
}
