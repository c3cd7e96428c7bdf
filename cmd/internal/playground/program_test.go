package playground

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestProgramRuns writes the equivalent program for a few settings into a
// folder inside the module, runs each with go run for a few epochs, and
// checks that it trains: it prints the notebooks' kind of line, and the
// loss it prints is the lab's loss after as many epochs.
func TestProgramRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs with the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cases := []Settings{
		{Dataset: "xor", Noise: 10, TrainPercent: 50, BatchSize: 10, LearningRate: 0.03, Activation: "tanh",
			Hidden: []int{4, 4}, Features: []string{"x1", "x2"}, Optimizer: "adam", Seed: 1},
		{Dataset: "sne", TrainPercent: 70, BatchSize: 5, LearningRate: 0.1, Activation: "relu",
			Features: []string{"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}, Optimizer: "gd", Seed: 7},
	}
	for i, s := range cases {
		src, err := Program(s)
		if err != nil {
			t.Fatal(err)
		}
		dir, err := os.MkdirTemp(".", "program-test-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		if err := os.WriteFile(filepath.Join(dir, "main.go"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(goBin, "run", "./"+dir, "-epochs", "10").CombinedOutput()
		if err != nil {
			t.Fatalf("case %d: go run: %v\n%s\n--- program ---\n%s", i, err, out, src)
		}
		m := regexp.MustCompile(`^Epoch: 10, Train loss: ([0-9.]+), Test loss: ([0-9.]+)\n$`).FindStringSubmatch(string(out))
		if m == nil {
			t.Fatalf("case %d printed %q, want one line Epoch: 10, Train loss: L, Test loss: L", i, out)
		}
		want := lossAfter(t, s, 10)
		if got, _ := strconv.ParseFloat(m[2], 64); abs(got-want) > 1e-5 {
			t.Errorf("case %d: the program's test loss after 10 epochs is %s, the lab's %f", i, m[2], want)
		}
	}
}

// lossAfter is the lab's test loss after epochs epochs of s.
func lossAfter(t *testing.T, s Settings, epochs int) float64 {
	tr, err := NewTrainer(s)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Sess.Close()
	for tr.Epoch < epochs {
		if err := tr.TrainEpoch(); err != nil {
			t.Fatal(err)
		}
	}
	_, test, err := tr.Losses()
	if err != nil {
		t.Fatal(err)
	}
	return test
}

func abs(v float64) float64 { return max(v, -v) }
