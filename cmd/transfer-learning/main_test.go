package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/cmd/internal/lecture/lecturetest"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// checkpoint saves an untrained cmd/mnist-cnn network, Adam's slots
// included, as that program saves it, and returns its path.
func checkpoint(t *testing.T) string {
	g := graph.New()
	g.SetRandomSeed(1)
	models.NewCNN(g, true)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2
	path, err := saver.Save(sess, filepath.Join(t.TempDir(), "cnn_session"), 1)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func values(t *testing.T, sess *session.Session, vars []*graph.Variable) [][]float32 {
	var out [][]float32
	for _, v := range vars {
		a, err := sess.VariableValue(v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, slices.Clone(a.Float32s()))
	}
	return out
}

// TestFrozen checks the transferred network: its convolution layers are
// the checkpoint's and training leaves them there, while the
// fully connected layers move.
func TestFrozen(t *testing.T) {
	path := checkpoint(t)
	saved, err := newNet(false, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := train.NewSaver(saved.conv...).Restore(saved.sess, path); err != nil {
		t.Fatal(err)
	}
	want := values(t, saved.sess, saved.conv)

	n, err := newNet(true, path)
	if err != nil {
		t.Fatal(err)
	}
	fcBefore := values(t, n.sess, n.fc)
	x := nd.New(nd.Float32, 2, 784)
	for i := range 784 {
		x.SetFlat(i, float64(i%7)/7)
	}
	labels := nd.New(nd.Float32, 2, 10)
	labels.SetFlat(3, 1)
	labels.SetFlat(10+8, 1)
	// two steps: w2 and b2 get no gradient while w0 is still zeros
	for range 2 {
		if _, err := n.sess.Run(n.trainStep, session.Feed{n.X: x, n.t: labels, n.KeepProb: 0.5}); err != nil {
			t.Fatal(err)
		}
	}
	for i, v := range values(t, n.sess, n.conv) {
		if !slices.Equal(v, want[i]) {
			t.Errorf("convolution variable %s is not the checkpoint's after a step", n.conv[i].Name())
		}
	}
	for i, v := range values(t, n.sess, n.fc) {
		if slices.Equal(v, fcBefore[i]) {
			t.Errorf("fully connected variable %s did not move", n.fc[i].Name())
		}
	}
}

// TestReduced runs the program for 4 steps on one example a digit: two
// blocks of the notebooks' lines and the two figures.
func TestReduced(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two CNNs for a few steps")
	}
	lines, out := lecturetest.Run(t, run, "-checkpoint", checkpoint(t),
		"-steps", "4", "-eval-every", "2", "-examples", "1", "-test", "20")
	if len(lines) != 6 || lines[0] != "convolution layers transferred, frozen:" || lines[3] != "from scratch:" {
		t.Fatalf("lines:\n%q\nwant a header and 2 steps for each network", lines)
	}
	lecturetest.Steps(t, lines[1:3], 2, 4)
	lecturetest.Steps(t, lines[4:6], 2, 4)
	lecturetest.PNG(t, filepath.Join(out, "transfer-learning.png"))
	lecturetest.PNG(t, filepath.Join(out, "transfer-learning-loss.png"))
}
