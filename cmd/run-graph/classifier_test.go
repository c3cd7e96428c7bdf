package main

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// TestClassifierMeta builds and trains a TF1-style classifier whose loss
// and accuracy use SparseSoftmaxCrossEntropyWithLogits, InTopK, Mean and
// Cast, saves it (a V2 checkpoint and its .meta), and runs the .meta
// through run-graph: loss:0 and accuracy:0 must be what the original
// session computes.
func TestClassifierMeta(t *testing.T) {
	g := graph.New()
	g.SetRandomSeed(20161201)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("x"))
	labels := g.Placeholder(graph.Int64, graph.Shape{graph.None}, graph.Name("t"))
	w := g.Variable(ops.RandomNormal([]int{2, 3}, ops.Stddev(0.5)), graph.Name("w"))
	b := g.Variable(ops.Zeros(3), graph.Name("b"))
	logits := ops.Add(ops.MatMul(x, w), b)
	loss := ops.Identity(ops.ReduceMean(ops.SparseSoftmaxCrossEntropyWithLogits(labels, logits)), graph.Name("loss"))
	accuracy := ops.Identity(ops.ReduceMean(ops.Cast(ops.InTopK(logits, labels, 1), graph.Float32)), graph.Name("accuracy"))
	step := train.NewMomentumOptimizer(0.1, 0.9).MinimizeWithGlobalStep(loss, train.GetOrCreateGlobalStep(g))

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	xs := [][]float32{{1, 0}, {0, 1}, {-1, -1}, {2, 0.5}, {0.5, 2}, {-2, -0.5}}
	ts := []int64{0, 1, 2, 0, 1, 2}
	feed := session.Feed{x: xs, labels: nd.FromInt64s(ts, len(ts))}
	for range 5 {
		if _, err := sess.Run(step, feed); err != nil {
			t.Fatal(err)
		}
	}
	want, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
	if err != nil {
		t.Fatal(err)
	}
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2
	path, err := saver.Save(sess, filepath.Join(t.TempDir(), "classifier"), 5)
	if err != nil {
		t.Fatal(err)
	}

	xj, _ := json.Marshal(xs)
	tj, _ := json.Marshal(ts)
	var out bytes.Buffer
	if err := run([]string{"-meta", path + ".meta", "-checkpoint", path, "-feed", "x:0=" + string(xj), "-feed", "t:0=" + string(tj),
		"-fetch", "loss:0", "-fetch", "accuracy:0"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("output:\n%s", out.String())
	}
	for i, line := range lines {
		var v struct {
			Name   string
			Shape  []int
			Values []float64
		}
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if v.Name != []string{"loss:0", "accuracy:0"}[i] || len(v.Shape) != 0 || len(v.Values) != 1 || math.Abs(v.Values[0]-want[i]) > 1e-6 {
			t.Errorf("run-graph printed %s, want %s = %v", line, []string{"loss:0", "accuracy:0"}[i], want[i])
		}
	}
	if want[1] < 0.5 {
		t.Errorf("accuracy %v after 5 steps: the model did not train", want[1])
	}
}
