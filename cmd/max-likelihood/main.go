// Command max-likelihood is the lecture's "Maximum likelihood estimation
// example" notebook (MLE): logistic regression on 35 points, trained with
// Adam for 20,000 full-batch steps. Nothing in it is random once the data
// are drawn (the weights start at zero), so it prints the notebook's
// lines with the same accuracies and the losses to about 1e-5; it ends
//
//	Step: 20000, Loss: 3.623067, Accuracy: 0.942857
//	-15.6304 0.560361 0.492657
//
// where the notebook printed 3.623064 and -15.6304 0.5603 0.492596:
// float32 arithmetic done in another order drifts over 20,000 steps, by
// 6e-5 in w1 and w2. It draws the decision field with the boundary line
// as max-likelihood.png.
//
//	go run ./cmd/max-likelihood [-steps 20000] [-out out/] [-faithful]
package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("max-likelihood", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("max-likelihood", args, lecture.Steps(20000))
	if err != nil {
		return err
	}

	// [MLE-02], [MLE-03]: np.random.seed(20160512) and the two blocks,
	// shuffled.
	trainSet := fixtures.MLE()

	// [MLE-04]
	trainX := trainSet.X
	trainT := nd.FromFloat64s(trainSet.T, trainSet.Len(), 1)

	// [MLE-05]
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable(ops.Zeros(2, 1))
	w0 := g.Variable(ops.Zeros(1))
	f := ops.Add(ops.MatMul(x, w), w0)
	p := ops.Sigmoid(f)

	// [MLE-06]
	t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
	loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1.0, t), ops.Log(ops.Sub(1.0, p))))))
	trainStep := train.NewAdamOptimizer().Minimize(loss)

	// [MLE-07]
	correctPrediction := ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5)))
	accuracy := ops.ReduceMean(ops.Cast(correctPrediction, graph.Float32))

	// [MLE-08]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [MLE-09]
	feed := session.Feed{x: trainX, t: trainT}
	for i := 1; i <= flags.Steps; i++ {
		if _, err := sess.Run(trainStep, feed); err != nil {
			return err
		}
		if i%2000 == 0 {
			v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Accuracy: %f\n", i, v[0], v[1])
		}
	}

	// [MLE-10]
	vals, err := sess.RunTensors(nil, w0, w)
	if err != nil {
		return err
	}
	w0Val, wVal := vals[0].Float32s(), vals[1].Float32s()
	w0Val0, w1Val, w2Val := w0Val[0], wVal[0], wVal[1]
	fmt.Fprintln(stdout, pyStr(w0Val0), pyStr(w1Val), pyStr(w2Val))

	// [MLE-11]: numpy multiplies the float32 weights by float64 grid
	// values, so the line and the field are computed in float64.
	w0v, w1v, w2v := float64(w0Val0), float64(w1Val), float64(w2Val)
	var lines []figure.Series
	if w2v != 0 { // else the line is NaN, which matplotlib skips (-steps 0)
		linex := lecture.Linspace(0, 30, 10)
		liney := make([]float64, len(linex))
		for i, lx := range linex {
			liney[i] = -(w1v*lx/w2v + w0v/w2v)
		}
		lines = append(lines, figure.Series{X: linex, Y: liney})
	}
	axis := lecture.Linspace(0, 30, 100)
	field := make([][]float64, len(axis))
	for i, x2 := range axis {
		field[i] = make([]float64, len(axis))
		for j, x1 := range axis {
			field[i][j] = 1 / (1 + math.Exp(-(w0v + w1v*x1 + w2v*x2)))
		}
	}
	return figure.DecisionField(filepath.Join(flags.Out, "max-likelihood.png"), "",
		figure.Field{X0: 0, X1: 30, Y0: 0, Y1: 30, Values: field},
		trainSet.X, trainSet.T, lines...)
}

// pyStr formats a float32 as Python 2's print shows a numpy float32
// scalar: six significant digits (%.6g), with ".0" added to whole numbers
// (not to exponents, nor to Go's NaN and Inf, which numpy spells nan and
// inf).
func pyStr(v float32) string {
	s := strconv.FormatFloat(float64(v), 'g', 6, 64)
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}
