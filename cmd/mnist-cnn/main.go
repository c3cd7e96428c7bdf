// Command mnist-cnn is the lecture's "MNIST double layer CNN
// classification" notebook (CNN): two conv layers, a 1024-unit hidden
// layer with dropout, Adam 0.0001 on batches of 50 with keep_prob 0.5;
// every 500 steps it evaluates the test set in four chunks of 2,500 with
// keep_prob 1.0, as the notebook did, and saves cnn_session-<step> for
// the handwriting recognizer.
//
//	go run ./cmd/mnist-cnn [-steps 20000] [-eval-every 500] [-ckpt ckpt/] [-out out/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/fixtures/nprand"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("mnist-cnn", run) }

func run(args []string, stdout io.Writer) error {
	var every int
	flags, err := lecture.Parse("mnist-cnn", args, lecture.Steps(20000), lecture.MNIST, lecture.Checkpoints("cnn_session"),
		lecture.Int(&every, "eval-every", 500, "evaluate and save every N steps"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(flags.Ckpt, 0o755); err != nil {
		return err
	}

	// [CNN-01]
	np := nprand.New(20160704)
	g := graph.New()
	g.SetRandomSeed(20160704)
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [CNN-02] .. [CNN-05]: the model, its loss, training op and accuracy
	m := models.NewCNN(g, true)

	// [CNN-06]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	// TensorFlow's own V2 bundle, so the handwriting recognizer's shipped
	// checkpoint (and TensorFlow itself) can read what this run saves
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2

	// [CNN-07]
	testImages, testLabels := mnistData.Test.Images(), mnistData.Test.Labels()
	for i := 1; i <= flags.Steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(50)
		if _, err := sess.Run(m.TrainStep, session.Feed{m.X: batchXs, m.T: batchTs, m.KeepProb: 0.5}); err != nil {
			return err
		}
		if i%every == 0 {
			// the notebook evaluated in 4 chunks to save memory, then
			// summed the losses and averaged the accuracies in float32
			var lossVal, accSum float32
			for c := 0; c < 4; c++ {
				start, end := 2500*c, 2500*(c+1)
				v, err := session.Scalars(sess.RunTensors(session.Feed{
					m.X: testImages.Rows(start, end), m.T: testLabels.Rows(start, end), m.KeepProb: 1.0},
					m.Loss, m.Accuracy))
				if err != nil {
					return err
				}
				lossVal += float32(v[0])
				accSum += float32(v[1])
			}
			accVal := accSum / 4
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, lossVal, accVal)
			if _, err := saver.Save(sess, filepath.Join(flags.Ckpt, "cnn_session"), i); err != nil {
				return err
			}
		}
	}

	// the 10x6 grid of right and wrong predictions, as MSE drew it
	var probs []*nd.Array
	for c := 0; c < 4; c++ {
		pVal, err := sess.RunTensors(session.Feed{m.X: testImages.Rows(2500*c, 2500*(c+1)), m.KeepProb: 1.0}, m.P)
		if err != nil {
			return err
		}
		probs = append(probs, pVal[0])
	}
	return digits.Predictions(filepath.Join(flags.Out, "mnist-cnn.png"), testImages, nd.Concat(probs...), testLabels)
}
