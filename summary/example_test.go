package summary_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/summary"
)

// A scalar and a histogram, merged, fetched with the loss in one Run and
// written to an event file that TensorBoard reads.
func Example() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
	w := g.Variable(nd.FromFloat32s([]float32{1, -2}, 2, 1), graph.Name("w"))
	loss := ops.ReduceSum(ops.Square(ops.MatMul(x, w)))
	summary.Scalar("loss", loss)
	summary.Histogram("weights", w)
	merged := summary.MergeAll(g)

	logdir, _ := os.MkdirTemp("", "logs")
	defer os.RemoveAll(logdir)
	writer, err := summary.NewFileWriter(logdir, g)
	if err != nil {
		fmt.Println(err)
		return
	}
	sess := session.New(g)
	sess.Run(g.GlobalVariablesInitializer(), nil)
	vals, err := sess.Run([]any{merged, loss}, session.Feed{x: [][]float32{{1, 1}, {3, 1}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	writer.AddSummary(vals.([]any)[0], 1)
	writer.Close()

	s := vals.([]any)[0].(*summary.Summary)
	fmt.Println(s.Value[0].Tag, s.Value[0].SimpleValue)
	h := s.Value[1].Histo
	fmt.Println(s.Value[1].Tag, h.Min, h.Max, h.Num)
	files, _ := filepath.Glob(filepath.Join(logdir, "events.out.tfevents.*"))
	fmt.Println(len(files), "event file")
	// Output:
	// loss 2
	// weights -2 1 2
	// 1 event file
}
