// Command iris-classifier trains a small network on Fisher's iris data
// the way a TF1 program would: a 4→16→3 ReLU network with weights from
// tf.random_normal, tf.nn.sparse_softmax_cross_entropy_with_logits on
// integer species labels, tf.train.MomentumOptimizer counting a global
// step, and accuracy from tf.nn.in_top_k. Every fifth flower is held out
// for testing (120 train, 30 test). The graph seed makes the run
// deterministic.
//
//	go run ./cmd/iris-classifier [-steps 300] [-save DIR] [-faithful]
//
// With -save, the trained variables go to DIR/iris-<step> (TF's V2
// checkpoint format) and the graph to DIR/iris-<step>.meta, for a Saver,
// TensorFlow or run-graph to restore; the loss and accuracy are the
// tensors loss:0 and accuracy:0, fed x:0 (float32 [n, 4]) and t:0
// (int64 [n]):
//
//	go run ./cmd/run-graph -meta DIR/iris-300.meta -checkpoint DIR/iris-300 \
//	    -feed 'x:0=[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]' -feed 't:0=[0,2]' -fetch loss:0 -fetch accuracy:0
package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/fixtures/iris"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() { lecture.Main("iris-classifier", run) }

func run(args []string, stdout io.Writer) error {
	var save string
	flags, err := lecture.Parse("iris-classifier", args, lecture.Steps(300), lecture.String(&save, "save", "", "directory to save the trained model in"))
	if err != nil {
		return err
	}

	features, labels, err := iris.Load()
	if err != nil {
		return err
	}
	trainX, trainT, testX, testT := split(features, labels)
	mean, std := moments(trainX)

	g := graph.New()
	g.SetRandomSeed(20161201)
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 4}, graph.Name("x"))
	t := g.Placeholder(graph.Int64, graph.Shape{graph.None}, graph.Name("t"))
	xn := ops.Div(ops.Sub(x, mean), std) // standardized with the training rows' moments

	w1 := g.Variable(ops.RandomNormal([]int{4, 16}, ops.Stddev(0.5)), graph.Name("w1"))
	b1 := g.Variable(ops.Zeros(16), graph.Name("b1"))
	hidden := ops.Relu(ops.Add(ops.MatMul(xn, w1), b1))
	w2 := g.Variable(ops.RandomNormal([]int{16, 3}, ops.Stddev(0.5)), graph.Name("w2"))
	b2 := g.Variable(ops.Zeros(3), graph.Name("b2"))
	logits := ops.Add(ops.MatMul(hidden, w2), b2)

	loss := ops.Identity(ops.ReduceMean(ops.SparseSoftmaxCrossEntropyWithLogits(t, logits)), graph.Name("loss"))
	globalStep := train.GetOrCreateGlobalStep(g)
	trainStep := train.NewMomentumOptimizer(0.05, 0.9).MinimizeWithGlobalStep(loss, globalStep)
	accuracy := ops.Identity(ops.ReduceMean(ops.Cast(ops.InTopK(logits, t, 1), graph.Float32)), graph.Name("accuracy"))

	sess := flags.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	trainFeed := session.Feed{x: trainX, t: trainT}
	testFeed := session.Feed{x: testX, t: testT}
	for i := 1; i <= flags.Steps; i++ {
		if _, err := sess.Run(trainStep, trainFeed); err != nil {
			return err
		}
		if i%50 == 0 {
			tr, err := session.Scalars(sess.RunTensors(trainFeed, loss, accuracy))
			if err != nil {
				return err
			}
			te, err := session.Scalars(sess.RunTensors(testFeed, loss, accuracy))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Step: %d, Loss: %f, Train accuracy: %f, Test loss: %f, Test accuracy: %f\n", i, tr[0], tr[1], te[0], te[1])
		}
	}
	if save == "" {
		return nil
	}
	step, err := session.Scalars(sess.RunTensors(nil, globalStep))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(save, 0o755); err != nil {
		return err
	}
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2
	path, err := saver.Save(sess, filepath.Join(save, "iris"), int(step[0]))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Saved", path)
	return nil
}

// split holds out every fifth row for testing.
func split(x, t *nd.Array) (trainX, trainT, testX, testT *nd.Array) {
	var tr, te []int
	for i := range t.Len() {
		if i%5 == 4 {
			te = append(te, i)
		} else {
			tr = append(tr, i)
		}
	}
	return rows(x, tr), rows(t, tr), rows(x, te), rows(t, te)
}

func rows(a *nd.Array, idx []int) *nd.Array {
	parts := make([]*nd.Array, len(idx))
	for i, r := range idx {
		parts[i] = a.Rows(r, r+1)
	}
	return nd.Concat(parts...)
}

// moments returns each column's mean and standard deviation.
func moments(x *nd.Array) (mean, std *nd.Array) {
	n, k := x.Dim(0), x.Dim(1)
	mean, std = nd.New(nd.Float32, k), nd.New(nd.Float32, k)
	for j := range k {
		var s, sq float64
		for i := range n {
			v := x.At(i, j)
			s += v
			sq += v * v
		}
		m := s / float64(n)
		mean.SetFlat(j, m)
		std.SetFlat(j, math.Sqrt(sq/float64(n)-m*m))
	}
	return mean, std
}
