package train_test

import (
	"fmt"
	"strings"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// Gradient descent on (w-3)²: each step is w -= 0.1·2(w-3), so w closes
// a fifth of its distance to 3 per step.
func ExampleGradientDescentOptimizer() {
	g := graph.New()
	w := g.Variable(0.0)
	loss := ops.Square(ops.Sub(w, 3))
	trainStep := train.NewGradientDescentOptimizer(0.1).Minimize(loss)

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	for i := 1; i <= 20; i++ {
		if _, err := sess.Run(trainStep, nil); err != nil {
			fmt.Println(err)
			return
		}
		if i <= 3 || i%10 == 0 {
			v, err := session.Scalars(sess.RunTensors(nil, w, loss))
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Printf("step %2d: w = %.5f, loss = %.5f\n", i, v[0], v[1])
		}
	}
	// Output:
	// step  1: w = 0.60000, loss = 5.76000
	// step  2: w = 1.08000, loss = 3.68640
	// step  3: w = 1.46400, loss = 2.35930
	// step 10: w = 2.67788, loss = 0.10376
	// step 20: w = 2.96541, loss = 0.00120
}

// Adam's first steps move each variable by about the learning rate,
// whatever the gradient's size; Minimize adds its slot variables, which
// GlobalVariablesInitializer (built after it) initializes.
func ExampleAdamOptimizer() {
	g := graph.New()
	w := g.Variable(0.0)
	loss := ops.Square(ops.Sub(w, 3))
	trainStep := train.NewAdamOptimizer(0.1).Minimize(loss)
	init := g.GlobalVariablesInitializer()

	var names []string
	for _, v := range g.GlobalVariables() {
		names = append(names, v.Node().Name())
	}
	fmt.Println(strings.Join(names, " "))
	sess := session.New(g)
	if _, err := sess.Run(init, nil); err != nil {
		fmt.Println(err)
		return
	}
	for range 3 {
		if _, err := sess.Run(trainStep, nil); err != nil {
			fmt.Println(err)
			return
		}
		value, _ := sess.VariableValue(w)
		fmt.Printf("w = %.4f\n", value.Float())
	}
	// Output:
	// Variable beta1_power beta2_power Variable/Adam Variable/Adam_1
	// w = 0.1000
	// w = 0.1999
	// w = 0.2996
}
