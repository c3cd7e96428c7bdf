package playground

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

var xor = Settings{Dataset: "xor", TrainPercent: 50, BatchSize: 10, LearningRate: 0.03,
	Activation: "tanh", Hidden: []int{4, 4}, Features: []string{"x1", "x2"}, Optimizer: "adam", Seed: 1}

// TestData: every set but the Gaussian one (whose tails reach beyond,
// as the Playground's do) has its points inside the plane the page shows,
// labels 0 and 1 in about equal numbers (the lecture's sets: theirs), is
// split by TrainPercent, and is the same for the same seed.
func TestData(t *testing.T) {
	for _, name := range []string{"circle", "xor", "gauss", "spiral", "sne", "dne"} {
		for _, noise := range []int{0, 50} {
			s := xor
			s.Dataset, s.Noise, s.TrainPercent = name, noise, 70
			train, test := Data(s)
			n := train.Len() + test.Len()
			if want := map[string]int{"sne": 65, "dne": 120}[name]; want == 0 && n != 500 || want != 0 && n != want {
				t.Errorf("%s: %d points", name, n)
			}
			if train.Len() != n*70/100 {
				t.Errorf("%s: %d of %d points train, want 70%%", name, train.Len(), n)
			}
			ones := 0.0
			for _, d := range []Points{train, test} {
				for i, p := range d.X {
					if name != "gauss" && (math.Abs(p[0]) > fieldLimit || math.Abs(p[1]) > fieldLimit) {
						t.Errorf("%s noise %d: point %v outside [-6, 6]²", name, noise, p)
					}
					if d.T[i] != 0 && d.T[i] != 1 {
						t.Errorf("%s: label %v", name, d.T[i])
					}
					ones += d.T[i]
				}
			}
			if frac := ones / float64(n); frac < 0.25 || frac > 0.75 {
				t.Errorf("%s noise %d: %.0f%% of the labels are 1", name, noise, 100*frac)
			}
			if again, _ := Data(s); !reflect.DeepEqual(again, train) {
				t.Errorf("%s: the same seed gives other points", name)
			}
		}
	}
	noisy := xor
	noisy.Noise = 50
	a, _ := Data(xor)
	b, _ := Data(noisy)
	if reflect.DeepEqual(a.T, b.T) {
		t.Error("xor: noise 50% changes no label")
	}
}

func TestInputs(t *testing.T) {
	s := xor
	s.Features = FeatureNames
	got := Inputs(s, [][2]float64{{2, -3}}).Float32s()
	want := []float32{2, -3, 4, 9, -6, float32(math.Sin(2)), float32(math.Sin(-3))}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Inputs of (2, -3) with every feature: %v, want %v", got, want)
	}
}

// TestTrainerLearnsXOR: the settings the browser test uses bring the test
// loss down from about log 2 within 20 epochs.
func TestTrainerLearnsXOR(t *testing.T) {
	tr, err := NewTrainer(xor)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Sess.Close()
	_, before, err := tr.Losses()
	if err != nil {
		t.Fatal(err)
	}
	for tr.Epoch < 20 {
		if err := tr.TrainEpoch(); err != nil {
			t.Fatal(err)
		}
	}
	_, after, err := tr.Losses()
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(before-math.Ln2) > 0.1 || after > 0.1 {
		t.Errorf("test loss %v at the start (want about log 2), %v after 20 epochs (want under 0.1)", before, after)
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		change func(*Settings)
		says   string
	}{
		{func(s *Settings) {}, ""},
		{func(s *Settings) { s.Hidden = nil }, ""},
		{func(s *Settings) { s.Dataset = "moons" }, `dataset "moons"`},
		{func(s *Settings) { s.Noise = 51 }, "noise 51%"},
		{func(s *Settings) { s.TrainPercent = 5 }, "trainPercent 5"},
		{func(s *Settings) { s.BatchSize = 31 }, "batchSize 31"},
		{func(s *Settings) { s.LearningRate = math.NaN() }, "learningRate NaN"},
		{func(s *Settings) { s.LearningRate = 0.000001 }, "learningRate 1e-06"},
		{func(s *Settings) { s.Activation = "" }, `activation ""`},
		{func(s *Settings) { s.Hidden = []int{1, 1, 1, 1, 1, 1, 1} }, "7 hidden layers"},
		{func(s *Settings) { s.Hidden = []int{4, 9} }, "hidden layer 2 has 9 units"},
		{func(s *Settings) { s.Features = nil }, "no input features"},
		{func(s *Settings) { s.Features = []string{"x1", "x1"} }, `feature "x1" given twice`},
		{func(s *Settings) { s.Features = []string{"x1²"} }, `feature "x1²"`},
		{func(s *Settings) { s.Optimizer = "sgd" }, `optimizer "sgd"`},
	} {
		s := xor
		s.Hidden, s.Features = append([]int(nil), xor.Hidden...), append([]string(nil), xor.Features...)
		c.change(&s)
		err := s.Validate()
		if c.says == "" && err != nil || c.says != "" && (err == nil || !strings.Contains(err.Error(), c.says)) {
			t.Errorf("%s: %v, want an error saying %q", Describe(s), err, c.says)
		}
	}
}

func ExampleDescribe() {
	fmt.Println(Describe(Settings{Dataset: "xor", TrainPercent: 50, BatchSize: 10, LearningRate: 0.03,
		Activation: "tanh", Hidden: []int{4, 4}, Features: []string{"x1", "x2"}, Optimizer: "adam", Seed: 1}))
	// Output:
	// xor data (noise 0%, 50% training), 2 inputs (x1, x2) → 4 tanh → 4 tanh → 1 sigmoid, adam at learning rate 0.03, batches of 10, seed 1
}

func ExampleSettings_Validate() {
	s := Settings{Dataset: "spiral", TrainPercent: 50, BatchSize: 10, LearningRate: 0.03,
		Activation: "relu", Hidden: []int{8, 8, 12}, Features: []string{"x1", "x2"}, Optimizer: "gd"}
	fmt.Println(s.Validate())
	// Output:
	// hidden layer 3 has 12 units: want 1 to 8
}
