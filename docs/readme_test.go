package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/fixtures"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// Example_readme runs the README's snippet on the MLE notebook's 35
// points: it prints the notebook's last line (TestReadmeSnippet keeps
// the two copies the same).
func Example_readme() {
	trainSet := fixtures.MLE()
	trainX, trainT := trainSet.X, nd.FromFloat64s(trainSet.T, trainSet.Len(), 1)
	err := func() error {
		// README begin
		g := graph.New()
		x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 2})
		w := g.Variable(ops.Zeros(2, 1))
		w0 := g.Variable(ops.Zeros(1))
		p := ops.Sigmoid(ops.Add(ops.MatMul(x, w), w0))
		t := g.Placeholder(graph.Float32, graph.Shape{graph.None, 1})
		loss := ops.Neg(ops.ReduceSum(ops.Add(ops.Mul(t, ops.Log(p)), ops.Mul(ops.Sub(1, t), ops.Log(ops.Sub(1, p))))))
		trainStep := train.NewAdamOptimizer().Minimize(loss)
		correct := ops.Equal(ops.Sign(ops.Sub(p, 0.5)), ops.Sign(ops.Sub(t, 0.5)))
		accuracy := ops.ReduceMean(ops.Cast(correct, graph.Float32))

		sess := session.New(g)
		if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
			return err
		}
		feed := session.Feed{x: trainX, t: trainT}
		for i := 1; i <= 20000; i++ {
			if _, err := sess.Run(trainStep, feed); err != nil {
				return err
			}
		}
		v, err := session.Scalars(sess.RunTensors(feed, loss, accuracy))
		if err != nil {
			return err
		}
		fmt.Printf("Loss: %f, Accuracy: %f\n", v[0], v[1])
		// README end
		return nil
	}()
	if err != nil {
		fmt.Println(err)
	}
	// Output: Loss: 3.623067, Accuracy: 0.942857
}

// TestReadmeSnippet checks that the README's snippet is Example_readme's,
// so the README shows code that runs and prints what it says.
func TestReadmeSnippet(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlocks("README.md", string(readme))
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go snippet")
	}
	example, err := os.ReadFile("readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(example), "// README begin\n")
	body, _, _ = strings.Cut(body, "\t\t// README end")
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t\t")
	}
	if got, want := blocks[0].parts[0].code, strings.Join(lines, "\n"); got != want {
		t.Errorf("README.md's snippet is not Example_readme's:\n%s\nwant\n%s", got, want)
	}
}
