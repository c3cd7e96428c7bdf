// Command orenist-classification is the lecture's "ORENIST
// classification example" notebook (OCE): OFE's fixed edge filters
// (conv2d SAME, abs, relu(h-0.2), 2x2 max pool) feeding ODE's 392→2
// tanh→3 softmax classifier, trained by Adam for 200 full-batch steps on
// the 90 ORENIST images; the loss and accuracy are printed every 10
// steps. The two tanh outputs of all 90 images are drawn as a scatter,
// one marker per class ('|' vertical, '_' horizontal, '+' cross), as
// orenist-classification.png: the classes land in three corners.
//
// The filters are constants, so only the hidden weights are random: they
// are TF's own, drawn by truncated_normal from TF's Philox stream for the
// notebook's graph seed and the op seed TF gave the op (15). On the
// lecture's images (-data) the program prints the notebook's lines: every
// accuracy, 1.000000 from step 90 on, and the losses to about 2e-7
// (Step: 200, Loss: 69.676956 against the notebook's 69.676971).
//
//	go run ./cmd/orenist-classification [-steps 200] [-out out/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/digits"
	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/filters"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/orenist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
)

func main() { lecture.Main("orenist-classification", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("orenist-classification", args, lecture.Steps(200), lecture.ORENIST)
	if err != nil {
		return err
	}

	// [OCE-01]: np.random.seed(20160703) draws nothing here;
	// tf.set_random_seed(20160703) is on the graph.
	g := graph.New()
	g.SetRandomSeed(20160703)

	// [OCE-02]
	images, labels, err := orenist.Load(flags.Data)
	if err != nil {
		return err
	}

	// [OCE-03] .. [OCE-06]: the edge filters, the classifier, its loss,
	// training op and accuracy, built by models.NewOrenistClassification
	m := models.NewOrenistClassification(g, filters.Edge())
	x, t, loss, trainStep, accuracy, hidden2 := m.X, m.T, m.Loss, m.TrainStep, m.Accuracy, m.Hidden

	// [OCE-07]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [OCE-08]
	feed := session.Feed{x: images, t: labels}
	for i := 1; i <= flags.Steps; i++ {
		if _, err := sess.Run(trainStep, feed); err != nil {
			return err
		}
		if i%10 == 0 {
			v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
		}
	}

	// [OCE-09]
	hiddenVals, err := sess.RunTensors(session.Feed{x: images}, hidden2)
	if err != nil {
		return err
	}
	hidden := hiddenVals[0]
	var z1Vals, z2Vals [3][]float64
	for i, label := range digits.Argmax(labels) {
		z1Vals[label] = append(z1Vals[label], hidden.At(i, 0))
		z2Vals[label] = append(z2Vals[label], hidden.At(i, 1))
	}

	// [OCE-10]
	return figure.Scatter(filepath.Join(flags.Out, "orenist-classification.png"), "",
		figure.Series{X: z1Vals[0], Y: z2Vals[0], Marker: figure.VBar, Size: 14},
		figure.Series{X: z1Vals[1], Y: z2Vals[1], Marker: figure.HBar, Size: 14},
		figure.Series{X: z1Vals[2], Y: z2Vals[2], Marker: figure.Plus, Size: 14})
}
