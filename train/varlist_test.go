package train

import (
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// TestMinimizeVarList checks tf's minimize(loss, var_list=...): a step
// moves the listed variables only, as transfer learning freezes layers.
func TestMinimizeVarList(t *testing.T) {
	for name, opt := range map[string]Optimizer{
		"GradientDescent": NewGradientDescentOptimizer(0.1),
		"Adam":            NewAdamOptimizer(0.1),
	} {
		g := graph.New()
		frozen := g.Variable(ops.Constant(1.0, 2))
		trained := g.Variable(ops.Constant(1.0, 2))
		loss := ops.ReduceSum(ops.Square(ops.Mul(frozen, trained)))
		step := opt.Minimize(loss, trained)
		sess := session.New(g)
		if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := sess.Run(step, nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := sess.VariableValue(frozen)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := sess.VariableValue(trained)
		if err != nil {
			t.Fatal(err)
		}
		if f.Flat(0) != 1 || f.Flat(1) != 1 {
			t.Errorf("%s: the variable left out of var_list moved to %v", name, f.Float32s())
		}
		if tr.Flat(0) >= 1 {
			t.Errorf("%s: the listed variable did not move down the gradient: %v", name, tr.Float32s())
		}
	}
}
