package ops_test

import (
	"fmt"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

func TestGradientIdentity(t *testing.T) {
	checkGradient(t, func(xs []*graph.Tensor) *graph.Tensor { return ops.Identity(ops.Square(xs[0])) }, randArray(3, -2, 2, 2, 3))
}

// Identity names a value, as TF graphs name a model's output "y".
func ExampleIdentity() {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None}, graph.Name("x"))
	y := ops.Identity(ops.Mul(x, 2), graph.Name("y"))
	v, _ := session.New(g).Run(y, session.Feed{x: []float32{1, 2}})
	fmt.Println(y.Name(), v)
	// Output: y:0 [2. 4.]
}
