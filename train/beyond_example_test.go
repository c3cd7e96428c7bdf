package train_test

import (
	"fmt"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// Momentum on (w-3)² with a global step: accum = 0.9·accum + g, w -=
// 0.1·accum. The first step is gradient descent's (g = -6, w = 0.6); at
// the second, g = 2(0.6-3) = -4.8 and accum = -5.4-4.8 = -10.2, so w
// moves by 1.02.
func ExampleMomentumOptimizer() {
	g := graph.New()
	w := g.Variable(0.0)
	loss := ops.Square(ops.Sub(w, 3))
	globalStep := train.GetOrCreateGlobalStep(g)
	trainStep := train.NewMomentumOptimizer(0.1, 0.9).MinimizeWithGlobalStep(loss, globalStep)

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	for range 3 {
		if _, err := sess.Run(trainStep, nil); err != nil {
			fmt.Println(err)
			return
		}
		v, err := session.Scalars(sess.RunTensors(nil, globalStep, w, "Variable/Momentum:0"))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("step %.0f: w = %.4f, accum = %.4f\n", v[0], v[1], v[2])
	}
	// Output:
	// step 1: w = 0.6000, accum = -6.0000
	// step 2: w = 1.6200, accum = -10.2000
	// step 3: w = 2.8140, accum = -11.9400
}

// ExponentialDecay follows the global step: 0.1·0.5^floor(step/2).
func ExampleExponentialDecay() {
	g := graph.New()
	w := g.Variable(1.0)
	globalStep := train.GetOrCreateGlobalStep(g)
	lr := train.ExponentialDecay(0.1, globalStep, 2, 0.5, true)
	trainStep := train.NewRMSPropOptimizer(lr).MinimizeWithGlobalStep(ops.Square(w), globalStep)

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	for range 5 {
		v, err := session.Scalars(sess.RunTensors(nil, globalStep, lr))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("step %.0f: rate %g\n", v[0], float32(v[1]))
		if _, err := sess.Run(trainStep, nil); err != nil {
			fmt.Println(err)
			return
		}
	}
	// Output:
	// step 0: rate 0.1
	// step 1: rate 0.1
	// step 2: rate 0.05
	// step 3: rate 0.05
	// step 4: rate 0.025
}

// ComputeGradients and ApplyGradients split Minimize so that the
// gradients can be clipped between: the gradient of (w-3)² at w = 0 is
// -6, clipped to norm 1, so w moves by 0.1.
func ExampleComputeGradients() {
	g := graph.New()
	w := g.Variable(0.0)
	loss := ops.Square(ops.Sub(w, 3))
	gvs, err := train.ComputeGradients(loss)
	if err != nil {
		fmt.Println(err)
		return
	}
	clipped, norm := ops.ClipByGlobalNorm(train.Grads(gvs), 1)
	trainStep := train.NewGradientDescentOptimizer(0.1).ApplyGradients(train.WithGrads(gvs, clipped), nil)

	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	n, err := session.Scalars(sess.RunTensors(nil, norm))
	fmt.Println("norm", n, err)
	if _, err := sess.Run(trainStep, nil); err != nil {
		fmt.Println(err)
		return
	}
	v, err := session.Scalars(sess.RunTensors(nil, w))
	fmt.Printf("w %.4f %v\n", v[0], err)
	// Output:
	// norm [6] <nil>
	// w 0.1000 <nil>
}

// Adagrad and RMSProp keep their slots in variables named as TF names
// them, which a Saver saves: here one step of each on (w-3)² from w = 0
// (g = -6). Adagrad: accum = 0.1 + 36, w = 0.1·6/sqrt(36.1); RMSProp:
// ms = 1 + (36-1)·0.1 = 4.5 (TF1 starts ms at ones), w = 0.1·6/sqrt(4.5).
func ExampleAdagradOptimizer() {
	for _, opt := range []train.Optimizer{train.NewAdagradOptimizer(0.1), train.NewRMSPropOptimizer(0.1)} {
		g := graph.New()
		w := g.Variable(0.0, graph.Name("w"))
		step := opt.Minimize(ops.Square(ops.Sub(w, 3)))
		sess := session.New(g)
		if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
			fmt.Println(err)
			return
		}
		if _, err := sess.Run(step, nil); err != nil {
			fmt.Println(err)
			return
		}
		var names []string
		for _, v := range g.GlobalVariables()[1:] {
			names = append(names, v.Node().Name())
		}
		first, err := session.Scalars(sess.RunTensors(nil, w, g.GlobalVariables()[1]))
		fmt.Printf("w %.6f, %v %.4f %v\n", first[0], names, first[1], err)
	}
	// Output:
	// w 0.099861, [w/Adagrad] 36.1000 <nil>
	// w 0.282843, [w/RMSProp w/RMSProp_1] 4.5000 <nil>
}
