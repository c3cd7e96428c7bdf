package playground

// The playground's whole model: its settings, data, graph and training
// loop. The tf1go lab trains with this code, and the Go program its page
// shows is this code plus a main, so the two cannot drift apart.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// Settings are the playground's knobs, as its page sends them.
type Settings struct {
	Dataset      string   `json:"dataset"`      // circle, xor, gauss, spiral, sne, dne
	Noise        int      `json:"noise"`        // percent, 0-50 (the generated sets only)
	TrainPercent int      `json:"trainPercent"` // share of the points that train, 10-90
	BatchSize    int      `json:"batchSize"`    // 1-30
	LearningRate float64  `json:"learningRate"` // 0.00001-10
	Activation   string   `json:"activation"`   // relu, tanh, sigmoid, linear
	Hidden       []int    `json:"hidden"`       // 0-6 hidden layers of 1-8 units
	Features     []string `json:"features"`     // inputs, from FeatureNames
	Optimizer    string   `json:"optimizer"`    // gd or adam
	Seed         uint64   `json:"seed"`         // data, split, initial weights and batch order
}

// FeatureNames are the inputs a network may take, computed from (x1, x2).
var FeatureNames = []string{"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}

var feature = map[string]func(x1, x2 float64) float64{
	"x1":      func(x1, x2 float64) float64 { return x1 },
	"x2":      func(x1, x2 float64) float64 { return x2 },
	"x1^2":    func(x1, x2 float64) float64 { return x1 * x1 },
	"x2^2":    func(x1, x2 float64) float64 { return x2 * x2 },
	"x1*x2":   func(x1, x2 float64) float64 { return x1 * x2 },
	"sin(x1)": func(x1, x2 float64) float64 { return math.Sin(x1) },
	"sin(x2)": func(x1, x2 float64) float64 { return math.Sin(x2) },
}

var activation = map[string]func(any) *graph.Tensor{
	"relu":    ops.Relu,
	"tanh":    ops.Tanh,
	"sigmoid": ops.Sigmoid,
	"linear":  func(t any) *graph.Tensor { return t.(*graph.Tensor) },
}

// Validate says what is wrong with s, in the page's words.
func (s Settings) Validate() error {
	switch {
	case !slices.Contains([]string{"circle", "xor", "gauss", "spiral", "sne", "dne"}, s.Dataset):
		return fmt.Errorf("dataset %q: want circle, xor, gauss, spiral, sne or dne", s.Dataset)
	case s.Noise < 0 || s.Noise > 50:
		return fmt.Errorf("noise %d%%: want 0 to 50", s.Noise)
	case s.TrainPercent < 10 || s.TrainPercent > 90:
		return fmt.Errorf("trainPercent %d: want 10 to 90", s.TrainPercent)
	case s.BatchSize < 1 || s.BatchSize > 30:
		return fmt.Errorf("batchSize %d: want 1 to 30", s.BatchSize)
	case !(s.LearningRate >= 0.00001 && s.LearningRate <= 10): // NaN fails too
		return fmt.Errorf("learningRate %v: want 0.00001 to 10", s.LearningRate)
	case activation[s.Activation] == nil:
		return fmt.Errorf("activation %q: want relu, tanh, sigmoid or linear", s.Activation)
	case len(s.Hidden) > 6:
		return fmt.Errorf("%d hidden layers: want 0 to 6", len(s.Hidden))
	case len(s.Features) == 0:
		return fmt.Errorf("no input features: want at least one of %q", FeatureNames)
	case s.Optimizer != "gd" && s.Optimizer != "adam":
		return fmt.Errorf("optimizer %q: want gd or adam", s.Optimizer)
	}
	for i, n := range s.Hidden {
		if n < 1 || n > 8 {
			return fmt.Errorf("hidden layer %d has %d units: want 1 to 8", i+1, n)
		}
	}
	for i, f := range s.Features {
		if feature[f] == nil {
			return fmt.Errorf("feature %q: want one of %q", f, FeatureNames)
		}
		if slices.Contains(s.Features[:i], f) {
			return fmt.Errorf("feature %q given twice", f)
		}
	}
	return nil
}

// Points are labelled points of the plane, inside [-6, 6]², labels 0 or 1.
type Points = fixtures.Toy

// Data makes s's points, 500 of them (the lecture's sets: theirs), and
// splits them at random into training and test sets.
func Data(s Settings) (trainSet, testSet Points) {
	r := rand.New(rand.NewPCG(s.Seed, 1))
	noise := float64(s.Noise) / 100
	var d Points
	add := func(x1, x2, t float64) {
		d.X = append(d.X, [2]float64{x1, x2})
		d.T = append(d.T, t)
	}
	uniform := func(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
	const n = 500
	switch s.Dataset {
	case "circle": // a disc of 1s in a ring of 0s; noise shifts the point labelled
		for i := range n {
			rad := uniform(0, 2.5)
			if i >= n/2 {
				rad = uniform(3.5, 5)
			}
			a := uniform(0, 2*math.Pi)
			x1, x2 := rad*math.Sin(a), rad*math.Cos(a)
			n1, n2 := x1+uniform(-5, 5)*noise, x2+uniform(-5, 5)*noise
			add(x1, x2, b2f(math.Hypot(n1, n2) < 2.5))
		}
	case "xor": // 1 where x1 and x2 have the same sign
		for range n {
			x1, x2 := uniform(-5, 5), uniform(-5, 5)
			x1 += math.Copysign(0.3, x1)
			x2 += math.Copysign(0.3, x2)
			n1, n2 := x1+uniform(-5, 5)*noise, x2+uniform(-5, 5)*noise
			add(x1, x2, b2f(n1*n2 >= 0))
		}
	case "gauss": // two Gaussian blobs; noise widens them
		sd := math.Sqrt(0.5 + 7*noise)
		for i := range n {
			c := 2.0
			if i >= n/2 {
				c = -2
			}
			add(c+sd*r.NormFloat64(), c+sd*r.NormFloat64(), b2f(c > 0))
		}
	case "spiral": // two interleaved arms
		for i := range n {
			k := float64(i % (n / 2))
			rad, a := k/(n/2)*5, 1.75*k/(n/2)*2*math.Pi
			if i >= n/2 {
				a += math.Pi
			}
			add(rad*math.Sin(a)+uniform(-1, 1)*noise, rad*math.Cos(a)+uniform(-1, 1)*noise, b2f(i < n/2))
		}
	case "sne", "dne": // the notebooks' points, moved and scaled into [-5, 5]²
		d = fixtures.SNE()
		if s.Dataset == "dne" {
			d = fixtures.DNE()
		}
		d = fit(d, 5)
	}
	perm := r.Perm(d.Len())
	k := d.Len() * s.TrainPercent / 100
	pick := func(idx []int) Points {
		var p Points
		for _, i := range idx {
			p.X, p.T = append(p.X, d.X[i]), append(p.T, d.T[i])
		}
		return p
	}
	return pick(perm[:k]), pick(perm[k:])
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// fit centres d's points and scales them to reach at most lim on an axis.
func fit(d Points, lim float64) Points {
	lo, hi := d.X[0][0], d.X[0][0]
	for _, p := range d.X {
		lo, hi = min(lo, p[0], p[1]), max(hi, p[0], p[1])
	}
	c, scale := (lo+hi)/2, 2*lim/(hi-lo)
	out := Points{T: d.T}
	for _, p := range d.X {
		out.X = append(out.X, [2]float64{(p[0] - c) * scale, (p[1] - c) * scale})
	}
	return out
}

// Inputs are the rows the network is fed: the chosen features of points.
func Inputs(s Settings, points [][2]float64) *nd.Array {
	x := make([]float32, 0, len(points)*len(s.Features))
	for _, p := range points {
		for _, f := range s.Features {
			x = append(x, float32(feature[f](p[0], p[1])))
		}
	}
	return nd.FromFloat32s(x, len(points), len(s.Features))
}

// Net is the network built from Settings.
type Net struct {
	Graph     *graph.Graph
	X, T      *graph.Tensor // inputs (features) and labels (0 or 1)
	Hidden1   *graph.Tensor // the first hidden layer's outputs; nil without one
	P         *graph.Tensor // the probability of label 1
	Loss      *graph.Tensor // mean cross-entropy
	TrainStep *graph.Node
}

// Build declares s's network: hidden layers of s.Activation, a sigmoid
// output, mean cross-entropy, and s.Optimizer at s.LearningRate.
func Build(s Settings) *Net {
	g := graph.New()
	g.SetRandomSeed(int64(s.Seed % (1 << 31)))
	net := &Net{Graph: g}
	net.X = g.Placeholder(graph.Float32, graph.Shape{graph.None, len(s.Features)}, graph.Name("x"))
	net.T = g.Placeholder(graph.Float32, graph.Shape{graph.None, 1}, graph.Name("t"))
	layer := func(name string, in *graph.Tensor, units int, f func(any) *graph.Tensor) (out *graph.Tensor) {
		g.NameScope(name, func() {
			w := g.Variable(ops.TruncatedNormal([]int{in.Shape()[1], units}, ops.Stddev(0.5)), graph.Name("weights"))
			b := g.Variable(ops.Constant(0.1, units), graph.Name("biases"))
			out = f(ops.Add(ops.MatMul(in, w), b))
		})
		return out
	}
	h := net.X
	for i, units := range s.Hidden {
		h = layer(fmt.Sprintf("hidden%d", i+1), h, units, activation[s.Activation])
		if i == 0 {
			net.Hidden1 = h
		}
	}
	net.P = layer("output", h, 1, ops.Sigmoid)
	g.NameScope("loss", func() {
		t, p := net.T, net.P
		net.Loss = ops.Neg(ops.ReduceMean(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1, t), ops.Log(ops.Sub(1, p))))))
	})
	var opt train.Optimizer = train.NewGradientDescentOptimizer(s.LearningRate)
	if s.Optimizer == "adam" {
		opt = train.NewAdamOptimizer(s.LearningRate)
	}
	net.TrainStep = opt.Minimize(net.Loss)
	return net
}

// Trainer is a network in its session, with its data.
type Trainer struct {
	Settings          Settings
	Net               *Net
	Sess              *session.Session
	TrainSet, TestSet Points
	Epoch             int
	batches           *rand.Rand
}

// NewTrainer builds s's network and data and initializes the variables.
func NewTrainer(s Settings) (*Trainer, error) {
	t := &Trainer{Settings: s, Net: Build(s), batches: rand.New(rand.NewPCG(s.Seed, 2))}
	t.TrainSet, t.TestSet = Data(s)
	t.Sess = session.New(t.Net.Graph)
	if _, err := t.Sess.Run(t.Net.Graph.GlobalVariablesInitializer(), nil); err != nil {
		t.Sess.Close()
		return nil, err
	}
	return t, nil
}

// TrainEpoch runs one pass over the training set in shuffled batches, one
// training step each.
func (t *Trainer) TrainEpoch() error {
	perm, size := t.batches.Perm(t.TrainSet.Len()), t.Settings.BatchSize
	for start := 0; start < len(perm); start += size {
		var batch Points
		for _, k := range perm[start:min(start+size, len(perm))] {
			batch.X, batch.T = append(batch.X, t.TrainSet.X[k]), append(batch.T, t.TrainSet.T[k])
		}
		if _, err := t.Sess.Run(t.Net.TrainStep, t.feed(batch)); err != nil {
			return err
		}
	}
	t.Epoch++
	return nil
}

// Losses are the mean cross-entropy on the training and the test set.
func (t *Trainer) Losses() (train, test float64, err error) {
	v, err := session.Scalars(t.Sess.RunTensors(t.feed(t.TrainSet), t.Net.Loss))
	if err != nil {
		return 0, 0, err
	}
	w, err := session.Scalars(t.Sess.RunTensors(t.feed(t.TestSet), t.Net.Loss))
	if err != nil {
		return 0, 0, err
	}
	return v[0], w[0], nil
}

func (t *Trainer) feed(d Points) session.Feed {
	labels := make([]float32, d.Len())
	for i, l := range d.T {
		labels[i] = float32(l)
	}
	return session.Feed{t.Net.X: Inputs(t.Settings, d.X), t.Net.T: nd.FromFloat32s(labels, d.Len(), 1)}
}
