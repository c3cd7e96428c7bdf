// Command bench times the lecture's models on random data of the right
// shapes and prints one line per model in the form of
// ../shared/bench/torch_ref.py, so the two can be compared side by side:
//
//	bench: model=<name> batch=<n> ms_per_step=<median>
//	bench: model=mlp-eval images=10000 ms=<best of 3>
//	bench: model=cnn-eval images=10000 images_per_s=<best of 3>
//	bench: model=cnn-run images=10000 ms=<one Run> peak_rss_mb=<the process's peak RSS after it>
//
// cnn-run is tf1go's alone: the CNN's output for all 10,000 images in
// one Run (run it on its own, -model cnn-run, for a meaningful peak RSS).
//
//	go run ./cmd/bench [-model all|logreg,softmax,mlp,mdc,cnn,mlp-eval,cnn-eval,cnn-run] [-steps 50] [-warmup 10] [-cpuprofile FILE] [-trace FILE]
//
// -cpuprofile writes a CPU profile of the whole run, warm-up included
// (go tool pprof -top FILE); run one model at a time to profile it.
// -trace writes an execution trace of the whole run (go tool trace FILE:
// which goroutines run when, so the stretches where one core works alone
// show; each training step is a region named step); with -cpuprofile as
// well, the trace holds the CPU samples too. GOMAXPROCS=1 gives the single-thread figures
// to set beside torch_ref.py --threads 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"runtime/trace"
	"sort"
	"strings"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

func main() { lecture.Main("bench", run) }

type bench struct {
	name  string
	batch int
	// build declares the model; extra holds feeds besides x and t
	build func(g *graph.Graph) (m *models.Classifier, extra session.Feed)
	dims  []int // one example's shape
}

func plain(f func(g *graph.Graph) *models.Classifier) func(g *graph.Graph) (*models.Classifier, session.Feed) {
	return func(g *graph.Graph) (*models.Classifier, session.Feed) { return f(g), nil }
}

var benches = []bench{
	{"logreg", 35, plain(models.LogisticRegression), []int{2}},
	{"softmax", 100, plain(models.Softmax), []int{784}},
	{"mlp", 100, plain(func(g *graph.Graph) *models.Classifier { return models.SingleLayer(g, 1024) }), []int{784}},
	{"mdc", 100, plain(func(g *graph.Graph) *models.Classifier { return &models.NewMDC(g).Classifier }), []int{784}},
	{"cnn", 50, func(g *graph.Graph) (*models.Classifier, session.Feed) {
		m := models.NewCNN(g, true)
		return &m.Classifier, session.Feed{m.KeepProb: 0.5}
	}, []int{784}},
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	which := fs.String("model", "all", "comma-separated models: logreg, softmax, mlp, mdc, cnn, mlp-eval, cnn-eval, cnn-run, or all")
	steps := fs.Int("steps", 50, "timed steps per model")
	warmup := fs.Int("warmup", 10, "untimed steps first")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the timed steps to this file")
	traceFile := fs.String("trace", "", "write an execution trace of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *traceFile != "" {
		f, err := os.Create(*traceFile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			return err
		}
		defer trace.Stop()
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	want := map[string]bool{}
	for _, m := range strings.Split(*which, ",") {
		want[m] = true
	}
	for _, b := range benches {
		if !want["all"] && !want[b.name] {
			continue
		}
		n := *steps
		if b.name == "logreg" {
			n *= 20 // as torch_ref.py does: the step is tiny
		}
		ms, err := timeTrain(b, n, *warmup)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "bench: model=%s batch=%d ms_per_step=%.3f\n", b.name, b.batch, ms)
	}
	if want["all"] || want["mlp-eval"] {
		ms, err := timeEval()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "bench: model=mlp-eval images=10000 ms=%.1f\n", ms)
	}
	if want["all"] || want["cnn-eval"] {
		ips, err := timeCNNEval()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "bench: model=cnn-eval images=10000 images_per_s=%.0f\n", ips)
	}
	if want["cnn-run"] { // not in all: its peak RSS needs a process of its own
		ms, err := timeCNNRun()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "bench: model=cnn-run images=10000 ms=%.0f peak_rss_mb=%.0f\n", ms, peakRSSMB())
	}
	return nil
}

// data returns a batch of random inputs and one-hot (or 0/1) targets.
func data(r *rand.Rand, batch int, dims []int, classes int) (*nd.Array, *nd.Array) {
	x := nd.New(nd.Float32, append([]int{batch}, dims...)...)
	for i := range x.Float32s() {
		x.Float32s()[i] = r.Float32()
	}
	t := nd.New(nd.Float32, batch, classes)
	for i := 0; i < batch; i++ {
		t.Float32s()[i*classes+r.IntN(classes)] = 1
	}
	return x, t
}

// trainer is a model ready to train: its session (variables
// initialised), its training op and eight batches of random data.
type trainer struct {
	sess  *session.Session
	step  *graph.Node
	feeds []session.Feed
}

func (b bench) trainer() (*trainer, error) {
	g := graph.New()
	g.SetRandomSeed(1)
	m, extra := b.build(g)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return nil, err
	}
	classes := m.T.Shape()[1]
	r := rand.New(rand.NewPCG(1, 2))
	feeds := make([]session.Feed, 8)
	for i := range feeds {
		x, t := data(r, b.batch, b.dims, classes)
		feeds[i] = session.Feed{m.X: x, m.T: t}
		for k, v := range extra {
			feeds[i][k] = v
		}
	}
	return &trainer{sess, m.TrainStep, feeds}, nil
}

// train runs step i.
func (t *trainer) train(i int) error {
	_, err := t.sess.Run(t.step, t.feeds[i%len(t.feeds)])
	return err
}

func timeTrain(b bench, steps, warmup int) (float64, error) {
	t, err := b.trainer()
	if err != nil {
		return 0, err
	}
	var ts []float64
	for i := 0; i < warmup+steps; i++ {
		start := time.Now()
		region := trace.StartRegion(context.Background(), "step")
		if err := t.train(i); err != nil {
			return 0, err
		}
		region.End()
		if i >= warmup {
			ts = append(ts, float64(time.Since(start).Microseconds())/1000)
		}
	}
	sort.Float64s(ts)
	return ts[len(ts)/2], nil
}

// timeEval times [loss, accuracy] of the MLP on 10,000 images in one Run.
func timeEval() (float64, error) {
	g := graph.New()
	g.SetRandomSeed(1)
	m := models.SingleLayer(g, 1024)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return 0, err
	}
	x, t := data(rand.New(rand.NewPCG(3, 4)), 10000, []int{784}, 10)
	feed := session.Feed{m.X: x, m.T: t}
	best := 1e18
	for i := 0; i < 4; i++ {
		start := time.Now()
		if _, err := sess.Run([]any{m.Loss, m.Accuracy}, feed); err != nil {
			return 0, err
		}
		if i > 0 { // the first run compiles
			best = min(best, float64(time.Since(start).Microseconds())/1000)
		}
	}
	return best, nil
}

// cnnInference opens a session on the CNN's inference graph, initialized,
// with 10,000 random images to feed it.
func cnnInference() (*models.CNN, *session.Session, *nd.Array, error) {
	g := graph.New()
	g.SetRandomSeed(1)
	m := models.NewCNN(g, false)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return nil, nil, nil, err
	}
	x, _ := data(rand.New(rand.NewPCG(5, 6)), 10000, []int{784}, 10)
	return m, sess, x, nil
}

// timeCNNRun times the CNN's output for 10,000 images in one Run.
func timeCNNRun() (float64, error) {
	m, sess, x, err := cnnInference()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if _, err := sess.Run(m.P, session.Feed{m.X: x, m.KeepProb: 1.0}); err != nil {
		return 0, err
	}
	return float64(time.Since(start).Microseconds()) / 1000, nil
}

// timeCNNEval is torch_ref.py's cnn-eval: the CNN's output for 10,000
// images in batches of 100 with keep_prob 1, best of 3, in images/s.
func timeCNNEval() (float64, error) {
	m, sess, x, err := cnnInference()
	if err != nil {
		return 0, err
	}
	if _, err := sess.Run(m.P, session.Feed{m.X: x.Rows(0, 100), m.KeepProb: 1.0}); err != nil {
		return 0, err
	}
	best := 1e18
	for r := 0; r < 3; r++ {
		start := time.Now()
		for i := 0; i < 10000; i += 100 {
			if _, err := sess.Run(m.P, session.Feed{m.X: x.Rows(i, i+100), m.KeepProb: 1.0}); err != nil {
				return 0, err
			}
		}
		best = min(best, time.Since(start).Seconds())
	}
	return 10000 / best, nil
}
