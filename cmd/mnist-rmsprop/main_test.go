package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestTrains runs 400 steps (about 2 s): the rate follows the staircase
// (0.001 until step 200, then 0.0007, then 0.00049 from step 400), the
// loss falls and the test accuracy passes 0.88 (the README's full run
// reaches 0.9285 at step 1000).
func TestTrains(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-steps", "400"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), out.String())
	}
	prev := 1e9
	for i, line := range lines {
		var step int
		var rate, loss, acc float64
		if _, err := fmt.Sscanf(line, "Step: %d, Learning rate: %g, Loss: %f, Accuracy: %f", &step, &rate, &loss, &acc); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if want := []float64{0.001, 0.0007, 0.0007, 0.00049}[i]; step != 100*(i+1) || math.Abs(rate-want) > 1e-12 {
			t.Errorf("line %q: want step %d, rate %g", line, 100*(i+1), want)
		}
		if loss >= prev {
			t.Errorf("line %q: the loss did not fall from %f", line, prev)
		}
		prev = loss
		if i == 3 && acc < 0.88 {
			t.Errorf("line %q: accuracy below 0.88", line)
		}
	}
}
