package playground

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/format"
	"strings"
)

// netSource is net.go, the model the equivalent program is made of.
//
//go:embed net.go
var netSource string

// mainTemplate is the equivalent program's main: the settings as a literal,
// then the notebooks' loop, printing the losses as the page plots them.
const mainTemplate = `
func main() {
	epochs := flag.Int("epochs", 100, "epochs to train")
	flag.Parse()
	s := %s
	if err := s.Validate(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	t, err := NewTrainer(s)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for t.Epoch < *epochs {
		if err := t.TrainEpoch(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if t.Epoch%%10 == 0 || t.Epoch == *epochs {
			trainLoss, testLoss, err := t.Losses()
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			fmt.Printf("Epoch: %%d, Train loss: %%f, Test loss: %%f\n", t.Epoch, trainLoss, testLoss)
		}
	}
}
`

// Program is the Go program that trains s's network as the lab does: the
// playground's model (net.go) made a main package, with the settings
// written out. It prints "Epoch: N, Train loss: L, Test loss: L" every
// ten epochs; -epochs sets how many.
func Program(s Settings) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	// net.go made a main package: "flag" and "os" join its standard
	// imports, which gofmt sorts.
	src := strings.Replace(netSource, "package playground", "package main", 1)
	src = strings.Replace(src, "import (\n", "import (\n\t\"flag\"\n\t\"os\"\n", 1)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Command playground trains the network of the tf1go lab's playground:\n// %s.\n//\n//\tgo run . -epochs 100\n", Describe(s))
	b.WriteString(src)
	fmt.Fprintf(&b, mainTemplate, literal(s))
	return format.Source(b.Bytes())
}

// literal writes s as a Go composite literal.
func literal(s Settings) string {
	return fmt.Sprintf("Settings{Dataset: %q, Noise: %d, TrainPercent: %d, BatchSize: %d, LearningRate: %v,\n"+
		"Activation: %q, Hidden: %#v, Features: %#v, Optimizer: %q, Seed: %d}",
		s.Dataset, s.Noise, s.TrainPercent, s.BatchSize, s.LearningRate,
		s.Activation, s.Hidden, s.Features, s.Optimizer, s.Seed)
}

// Describe says s in a line: "xor, 2 inputs → 4 tanh → 4 tanh → 1, adam 0.03".
func Describe(s Settings) string {
	layers := []string{fmt.Sprintf("%d inputs (%s)", len(s.Features), strings.Join(s.Features, ", "))}
	for _, n := range s.Hidden {
		layers = append(layers, fmt.Sprintf("%d %s", n, s.Activation))
	}
	layers = append(layers, "1 sigmoid")
	return fmt.Sprintf("%s data (noise %d%%, %d%% training), %s, %s at learning rate %v, batches of %d, seed %d",
		s.Dataset, s.Noise, s.TrainPercent, strings.Join(layers, " → "), s.Optimizer, s.LearningRate, s.BatchSize, s.Seed)
}
