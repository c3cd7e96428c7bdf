// Command mnist-cnn is the lecture's "MNIST double layer CNN
// classification" notebook (CNN): two conv layers, a 1024-unit hidden
// layer with dropout, Adam 0.0001 on batches of 50 with keep_prob 0.5;
// every 500 steps it evaluates the test set in four chunks of 2,500 with
// keep_prob 1.0, as the notebook did, and saves cnn_session-<step> for
// the handwriting recognizer.
//
//	go run ./cmd/mnist-cnn [-steps 20000] [-ckpt ckpt/] [-out out/] [-data DIR]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/fixtures/nprand"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mnist-cnn:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mnist-cnn", flag.ContinueOnError)
	steps := fs.Int("steps", 20000, "training steps")
	ckpt := fs.String("ckpt", "ckpt", "directory for the cnn_session checkpoints")
	out := fs.String("out", "out", "directory for figures")
	data := fs.String("data", "", "directory with the four MNIST files (default: the GoMNIST module)")
	every := fs.Int("eval-every", 500, "evaluate and save every N steps")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*ckpt, 0o755); err != nil {
		return err
	}

	// [CNN-01]
	np := nprand.New(20160704)
	g := graph.New()
	g.SetRandomSeed(20160704)
	mnistData, err := mnist.ReadDataSets(*data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [CNN-02] .. [CNN-05]: the model, its loss, training op and accuracy
	m := models.NewCNN(g, true)

	// [CNN-06]
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	// TensorFlow's own V2 bundle, so the handwriting recognizer's shipped
	// checkpoint (and TensorFlow itself) can read what this run saves
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2

	// [CNN-07]
	testImages, testLabels := mnistData.Test.Images(), mnistData.Test.Labels()
	for i := 1; i <= *steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(50)
		if _, err := sess.Run(m.TrainStep, session.Feed{m.X: batchXs, m.T: batchTs, m.KeepProb: 0.5}); err != nil {
			return err
		}
		if i%*every == 0 {
			// the notebook evaluated in 4 chunks to save memory, then
			// summed the losses and averaged the accuracies in float32
			var lossVal, accSum float32
			for c := 0; c < 4; c++ {
				start, end := 2500*c, 2500*(c+1)
				v, err := session.Scalars(sess.RunTensors(session.Feed{
					m.X: testImages.Rows(start, end), m.T: testLabels.Rows(start, end), m.KeepProb: 1.0}, m.Loss, m.Accuracy))
				if err != nil {
					return err
				}
				lossVal += float32(v[0])
				accSum += float32(v[1])
			}
			accVal := accSum / 4
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, lossVal, accVal)
			if _, err := saver.Save(sess, filepath.Join(*ckpt, "cnn_session"), i); err != nil {
				return err
			}
		}
	}

	// the 10x6 grid of right and wrong predictions, as MSE drew it
	var probs []*nd.Array
	for c := 0; c < 4; c++ {
		pVal, err := sess.Run(m.P, session.Feed{m.X: testImages.Rows(2500*c, 2500*(c+1)), m.KeepProb: 1.0})
		if err != nil {
			return err
		}
		probs = append(probs, pVal.(*nd.Array))
	}
	return digits.Predictions(filepath.Join(*out, "mnist-cnn.png"), testImages, nd.Concat(probs...), testLabels)
}
