// Command orenist-dynamic-filter is the lecture's "ORENIST dynamic filter
// example" notebook (ODE): OFE's pipeline (conv2d SAME, abs, relu(h-0.2),
// 2x2 max pool) with two learnable 5x5 filters instead of the fixed edge
// filters, feeding a 392→2 tanh→3 softmax classifier. Adam trains filters
// and classifier together for 200 full-batch steps on the 90 ORENIST
// images; the loss and accuracy are printed every 10 steps. The learned
// filters are drawn beside the filtered (orenist-dynamic-filter-conv.png)
// and pooled (orenist-dynamic-filter-pool.png) first 9 images.
//
// The initial filters and hidden weights are TF's own: truncated_normal
// draws TF's numbers for the notebook's graph seed and the op seeds TF
// gave the two ops (6 and 23). On the lecture's images (-data) the
// program follows the notebook: all 90 images classified from step 120
// on, the losses within 1e-3 (Step: 200, Loss: 66.021385 against
// 66.022026). Adam learning the filters turns float32 rounding in the
// convolution's gradient into small differences; at steps 10, 30 and 50
// one image sits on the other side of a boundary.
//
//	go run ./cmd/orenist-dynamic-filter [-steps 200] [-out out/] [-data DIR] [-faithful]
package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/filters"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/orenist"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
)

func main() { lecture.Main("orenist-dynamic-filter", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("orenist-dynamic-filter", args, lecture.Steps(200), lecture.ORENIST)
	if err != nil {
		return err
	}

	// [ODE-01]: np.random.seed(20160703) draws nothing here;
	// tf.set_random_seed(20160703) is on the graph.
	g := graph.New()
	g.SetRandomSeed(20160703)

	// [ODE-02]
	images, labels, err := orenist.Load(flags.Data)
	if err != nil {
		return err
	}

	// [ODE-03] .. [ODE-05]: the learned filters, the classifier, its loss,
	// training op and accuracy, built by models.NewOrenistDynamicFilter
	m := models.NewOrenistDynamicFilter(g)
	x, t, loss, trainStep, accuracy := m.X, m.T, m.Loss, m.TrainStep, m.Accuracy
	wConv, hConvCutoff, hPool := m.WConv, m.HConvCutoff, m.HPool

	// [ODE-06]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [ODE-07]
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

	// [ODE-08]
	v, err := sess.RunTensors(session.Feed{x: images.Rows(0, 9)}, wConv, hConvCutoff, hPool)
	if err != nil {
		return err
	}
	filterVals, convVals, poolVals := v[0], v[1], v[2]

	// [ODE-09]
	if err := filters.Figure(filepath.Join(flags.Out, "orenist-dynamic-filter-conv.png"), filterVals, images.Rows(0, 9), labels.Rows(0, 9), convVals); err != nil {
		return err
	}

	// [ODE-10]
	return filters.Figure(filepath.Join(flags.Out, "orenist-dynamic-filter-pool.png"), filterVals, images.Rows(0, 9), labels.Rows(0, 9), poolVals)
}
