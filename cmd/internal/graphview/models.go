package graphview

import (
	"github.com/tf1go/tf1go/cmd/internal/filters"
	"github.com/tf1go/tf1go/cmd/internal/playground"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

// Model is a lecture model the view draws: Build declares it into a new
// graph and says what one training step fetches and feeds, at the
// notebook's batch size, so Explain compiles what the program runs.
type Model struct {
	Name, Title string
	Build       func() (g *graph.Graph, fetches []any, feed session.Feed)
}

// Models are the lecture's models in lecture order.
var Models = []Model{
	{"lse", "LSE: least squares, a degree-4 polynomial (models.NewLeastSquares), a training step on the 12 months",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			m := models.NewLeastSquares(g)
			return g, []any{m.TrainStep, m.Loss}, session.Feed{m.X: nd.New(nd.Float32, 12, 5), m.T: nd.New(nd.Float32, 12, 1)}
		}},
	{"mle", "MLE / CAF: logistic regression (models.LogisticRegression), a training step on 35 points",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			return classifier(g, models.LogisticRegression(g), 35, 2, 1, nil)
		}},
	{"sne", "SNE: one hidden layer of 2 tanh units (the playground's network with SNE's layers), a step on 10 points",
		func() (*graph.Graph, []any, session.Feed) {
			return toy([]int{2})
		}},
	{"dne", "DNE: two hidden layers of 2 tanh units (the playground's network with DNE's layers), a step on 10 points",
		func() (*graph.Graph, []any, session.Feed) {
			return toy([]int{2, 2})
		}},
	{"mse", "MSE: MNIST softmax (models.Softmax), a training step on a batch of 100",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			return classifier(g, models.Softmax(g), 100, 784, 10, nil)
		}},
	{"msl", "MSL: MNIST with one hidden layer of 1024 (models.SingleLayer), a training step on 100",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			return classifier(g, models.SingleLayer(g, 1024), 100, 784, 10, nil)
		}},
	{"ofe", "OFE: the fixed edge filters, convolution and pooling (models.NewOrenistFilter), the first 9 images",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			m := models.NewOrenistFilter(g, filters.Edge())
			return g, []any{m.HConvCutoff, m.HPool}, session.Feed{m.X: nd.New(nd.Float32, 9, 784)}
		}},
	{"ode", "ODE: two learned filters and a 2-unit tanh layer (models.NewOrenistDynamicFilter), a training step on the 90 images",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			return classifier(g, &models.NewOrenistDynamicFilter(g).Classifier, 90, 784, 3, nil)
		}},
	{"oce", "OCE: the fixed edge filters and a 2-unit tanh layer (models.NewOrenistClassification), a training step on the 90 images",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			return classifier(g, &models.NewOrenistClassification(g, filters.Edge()).Classifier, 90, 784, 3, nil)
		}},
	{"mdc", "MDC: one convolution layer of 16 filters (models.NewMDC), a training step on 100",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			return classifier(g, &models.NewMDC(g).Classifier, 100, 784, 10, nil)
		}},
	{"cnn", "CNN: two convolution layers (models.NewCNN), a training step on 50 with dropout",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			m := models.NewCNN(g, true)
			return classifier(g, &m.Classifier, 50, 784, 10, session.Feed{m.KeepProb: float32(0.5)})
		}},
	{"hwr", "HWR: the CNN's inference graph the handwriting recognizer serves (models.NewCNN, training false), one image",
		func() (*graph.Graph, []any, session.Feed) {
			g := graph.New()
			m := models.NewCNN(g, false)
			return g, []any{m.P}, session.Feed{m.X: nd.New(nd.Float32, 1, 784), m.KeepProb: float32(1)}
		}},
}

// classifier is a training step of c: its train op and loss, fed zeros.
func classifier(g *graph.Graph, c *models.Classifier, batch, in, out int, more session.Feed) (*graph.Graph, []any, session.Feed) {
	feed := session.Feed{c.X: nd.New(nd.Float32, batch, in), c.T: nd.New(nd.Float32, batch, out)}
	for k, v := range more {
		feed[k] = v
	}
	return g, []any{c.TrainStep, c.Loss}, feed
}

// toy is the playground's network with the notebooks' layers on (x1, x2).
func toy(hidden []int) (*graph.Graph, []any, session.Feed) {
	net := playground.Build(playground.Settings{Dataset: "sne", TrainPercent: 50, BatchSize: 10, LearningRate: 0.001,
		Activation: "tanh", Hidden: hidden, Features: []string{"x1", "x2"}, Optimizer: "gd", Seed: 1})
	feed := session.Feed{net.X: nd.New(nd.Float32, 10, 2), net.T: nd.New(nd.Float32, 10, 1)}
	return net.Graph, []any{net.TrainStep, net.Loss}, feed
}
