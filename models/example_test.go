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
