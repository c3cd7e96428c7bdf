package main

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/tf1go/tf1go/internal/cputime"
)

// BenchmarkTrainStep is one training step of each lecture model (the CNN
// is the one the performance work aims at). B/op is what a steady-state
// step allocates; cpu-ns/op over ns/op is how many cores it keeps busy.
//
//	go test -run '^$' -bench TrainStep -benchmem ./cmd/bench/
func BenchmarkTrainStep(b *testing.B) {
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			t, err := bb.trainer()
			if err != nil {
				b.Fatal(err)
			}
			for i := range 3 { // compile, warm the pools
				if err := t.train(i); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			cpu0 := cputime.Seconds()
			i := 0
			for b.Loop() {
				if err := t.train(i); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric((cputime.Seconds()-cpu0)*1e9/float64(b.N), "cpu-ns/op")
		})
	}
}

// TestLineFormat: bench prints torch_ref.py's line for a model.
func TestLineFormat(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-model", "logreg", "-steps", "2", "-warmup", "1"}, &out); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^bench: model=logreg batch=35 ms_per_step=[0-9.]+\n$`).Match(out.Bytes()) {
		t.Fatalf("got %q", out.String())
	}
}
