// Command least-squares is the lecture's "Least squares example" notebook
// (LSE): a degree-4 polynomial fitted to 12 monthly mean temperatures by
// minimizing the sum of squared errors with Adam, 200,000 full-batch
// steps in two cells of 100,000. It prints the loss every 10,000 steps and
// the fitted weights, and draws the data with the fitted curve as
// least-squares.png. The weights start at zero, so the run repeats. Its
// losses follow the notebook's closely (31.012833 at step 10,000 where the
// notebook printed 31.014391) and, like the notebook's, jump here and
// there where Adam overshoots, at other steps than the notebook's: the
// notebook ended on such a jump (20.717033), this run ends at 16.513100.
// The weights agree to about 1e-3: (6.1063, -4.0422, 2.5105, -0.2817,
// 0.00834) against the notebook's (6.1057, -4.0416, 2.5103, -0.2817,
// 0.00828).
//
//	go run ./cmd/least-squares [-steps 200000] [-out out/] [-faithful]
package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/tf1go/tf1go/cmd/internal/figure"
	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

func main() { lecture.Main("least-squares", run) }

func run(args []string, stdout io.Writer) error {
	flags, err := lecture.Parse("least-squares", args, lecture.Steps(200000))
	if err != nil {
		return err
	}

	// [LSE-02] .. [LSE-07]: the model, its loss and training op, built
	// cell by cell by models.NewLeastSquares
	g := graph.New()
	m := models.NewLeastSquares(g)
	x, w, t, loss, trainStep := m.X, m.W, m.T, m.Loss, m.TrainStep

	// [LSE-08]
	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	// [LSE-09]
	temps := []float64{5.2, 5.7, 8.6, 14.9, 18.2, 20.4,
		25.5, 26.4, 22.8, 17.5, 11.1, 6.6}
	trainT := nd.FromFloat64s(temps, 12, 1)
	trainX := nd.New(nd.Float64, 12, 5)
	for row := range 12 {
		month := float64(row + 1)
		for n := range 5 {
			trainX.SetFlat(row*5+n, math.Pow(month, float64(n)))
		}
	}

	// [LSE-10], [LSE-11]: one loop here; the notebook's second cell went
	// on with the same counter.
	feed := session.Feed{x: trainX, t: trainT}
	progress := lecture.NewProgress(stdout, flags.Steps)
	for i := 1; i <= flags.Steps; i++ {
		if _, err := sess.Run(trainStep, feed); err != nil {
			return err
		}
		if i%10000 == 0 {
			v, err := session.Scalars(sess.RunTensors(feed, loss))
			if err != nil {
				return err
			}
			progress.Printf(stdout, "Step: %d, Loss: %f\n", i, v[0])
		}
		progress.Step(i)
	}
	progress.Clear()

	// [LSE-12]
	wVal, err := sess.RunTensors(nil, w)
	if err != nil {
		return err
	}
	wv := wVal[0].Float32s()
	fmt.Fprintln(stdout, numpyColumn(wv))

	// [LSE-13]
	predict := func(x float64) float64 {
		result := 0.0
		for n := 0; n < 5; n++ {
			result += float64(wv[n]) * math.Pow(x, float64(n))
		}
		return result
	}

	// [LSE-14]
	months := lecture.Linspace(1, 12, 12)
	linex := lecture.Linspace(1, 12, 100)
	liney := make([]float64, len(linex))
	for i, lx := range linex {
		liney[i] = predict(lx)
	}
	return figure.Lines(filepath.Join(flags.Out, "least-squares.png"), "", "", "",
		figure.Series{X: months, Y: temps, Points: true},
		figure.Series{X: linex, Y: liney})
}

// numpyColumn formats float32 values as Python 2's print showed a numpy
// column vector in 2016 (numpy < 1.14): "[[ 6.10566282]\n [-4.04159737]
// ...]]". All values take one width: fixed point with as many decimals
// (up to 8) as the longest needs, trailing zeros turned into spaces; or,
// when the nonzero magnitudes reach 1e8, go below 1e-4 or span more than
// a factor of 1000, numpy's "%16.8e".
func numpyColumn(v []float32) string {
	maxVal, minVal := 0.0, math.Inf(1)
	for _, x := range v {
		if a := math.Abs(float64(x)); a != 0 {
			maxVal, minVal = max(maxVal, a), min(minVal, a)
		}
	}
	format := "%16.8e"
	if maxVal == 0 || !(maxVal >= 1e8 || minVal < 1e-4 || maxVal/minVal > 1000) {
		prec := 0
		for _, x := range v {
			if x != 0 {
				s := fmt.Sprintf("%.8f", x)
				prec = max(prec, 8-(len(s)-len(strings.TrimRight(s, "0"))))
			}
		}
		format = fmt.Sprintf("%%#%d.%df", len(fmt.Sprint(int(maxVal)))+prec+2, prec)
	}
	rows := make([]string, len(v))
	for i, x := range v {
		s := fmt.Sprintf(format, x)
		if format[len(format)-1] == 'f' {
			z := strings.TrimRight(s, "0")
			s = z + strings.Repeat(" ", len(s)-len(z))
		}
		rows[i] = "[" + s + "]"
	}
	return "[" + strings.Join(rows, "\n ") + "]"
}
