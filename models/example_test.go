package models_test

import (
	"fmt"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

// Softmax builds MSE's model. Its weights start at zero, so before any
// training every class is equally likely and the cross-entropy of one
// image is ln 10.
func ExampleSoftmax() {
	g := graph.New()
	m := models.Softmax(g)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	image := nd.New(nd.Float32, 1, 784)
	label := nd.New(nd.Float32, 1, 10)
	label.SetFlat(3, 1)
	v, err := session.Scalars(sess.RunTensors(session.Feed{m.X: image, m.T: label}, m.Loss, m.Accuracy))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("p %s, Loss: %f, Accuracy: %f\n", m.P.Shape(), v[0], v[1])
	// Output: p (?, 10), Loss: 2.302585, Accuracy: 0.000000
}

// NewLeastSquares builds LSE's model. Its weights start at zero, so
// before any training y is 0 and the loss is the sum of the squared
// targets.
func ExampleNewLeastSquares() {
	g := graph.New()
	m := models.NewLeastSquares(g)
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		fmt.Println(err)
		return
	}
	x := nd.FromFloat64s([]float64{1, 1, 1, 1, 1, 1, 2, 4, 8, 16}, 2, 5)
	t := nd.FromFloat64s([]float64{3, 4}, 2, 1)
	v, err := session.Scalars(sess.RunTensors(session.Feed{m.X: x, m.T: t}, m.Loss))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("y %s, Loss: %f\n", m.Y.Shape(), v[0])
	// Output: y (?, 1), Loss: 25.000000
}

// NewOrenistFilter builds OFE's graph. An image whose left half is white
// has one vertical edge: the vertical filter answers it, the horizontal
// one only at the image's top and bottom rows, where SAME padding makes
// edges of its own.
func ExampleNewOrenistFilter() {
	var edge [5][5][1][2]float64
	for i := range 5 {
		edge[i][1][0][0], edge[i][3][0][0] = 0.2, -0.2 // vertical: left minus right
		edge[1][i][0][1], edge[3][i][0][1] = 0.2, -0.2 // horizontal: top minus bottom
	}
	g := graph.New()
	m := models.NewOrenistFilter(g, edge)
	sess := session.New(g)
	image := nd.New(nd.Float32, 1, 784)
	for r := range 28 {
		for c := range 14 {
			image.SetFlat(r*28+c, 1)
		}
	}
	v, err := sess.RunTensors(session.Feed{m.X: image}, m.HPool)
	if err != nil {
		fmt.Println(err)
		return
	}
	pool := v[0]
	fmt.Printf("h_pool %s; vertical at the edge %.1f, far from it %.1f; horizontal mid-image %.1f\n",
		nd.ShapeString(pool.Shape()), pool.At(0, 7, 6, 0), pool.At(0, 7, 2, 0), pool.At(0, 7, 6, 1))
	// Output: h_pool (1, 14, 14, 2); vertical at the edge 0.8, far from it 0.0; horizontal mid-image 0.0
}
