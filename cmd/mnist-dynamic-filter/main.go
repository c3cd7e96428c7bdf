// Command mnist-dynamic-filter is the lecture's "MNIST dynamic filter
// classification" notebook (MDC): 16 learned 5x5 filters and a max pool
// in front of a 1024-unit hidden layer, Adam 0.0005 on batches of 100,
// the whole test set evaluated every 100 steps and a checkpoint
// mdc_session-<step> saved each time (the newest 5 kept), which
// mnist-dynamic-filter-result then restores in another process.
//
//	go run ./cmd/mnist-dynamic-filter [-steps 4000] [-ckpt ckpt/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/mnist"
	"github.com/tf1go/tf1go/fixtures/nprand"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("mnist-dynamic-filter", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("mnist-dynamic-filter", args, lecture.Steps(4000), lecture.MNIST, lecture.Checkpoints("mdc_session"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(flags.Ckpt, 0o755); err != nil {
		return err
	}

	// [MDC-01]
	np := nprand.New(20160703)
	g := graph.New()
	g.SetRandomSeed(20160703)

	// [MDC-02]
	mnistData, err := mnist.ReadDataSets(flags.Data, mnist.WithRand(np))
	if err != nil {
		return err
	}

	// [MDC-03] .. [MDC-05]: the model, its loss, training op and accuracy
	m := models.NewMDC(g)

	// [MDC-06]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	saver := train.NewSaver()

	// [MDC-07]
	testFeed := session.Feed{m.X: mnistData.Test.Images(), m.T: mnistData.Test.Labels()}
	for i := 1; i <= flags.Steps; i++ {
		batchXs, batchTs := mnistData.Train.NextBatch(100)
		if _, err := sess.Run(m.TrainStep, session.Feed{m.X: batchXs, m.T: batchTs}); err != nil {
			return err
		}
		if i%100 == 0 {
			v, err := session.Scalars(sess.RunTensors(testFeed, m.Loss, m.Accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
			if _, err := saver.Save(sess, filepath.Join(flags.Ckpt, "mdc_session"), i); err != nil {
				return err
			}
		}
	}
	return nil
}
