package graph

import (
	"fmt"
	"strings"
	"sync"

	"github.com/tf1go/tf1go/nd"
)

// DType is the element type of a tensor.
type DType = nd.DType

// The element types, named as TF1 names them (tf.float32 → graph.Float32).
const (
	Float32 = nd.Float32
	Float64 = nd.Float64
	Int64   = nd.Int64
	Bool    = nd.Bool
)

// Graph is a TF1 static graph: the placeholders, variables, constants and
// operations a program declares before any value flows. Build it from one
// goroutine; once built it may be run by any number of sessions.
//
// Errors while building (incompatible shapes, tensors from two graphs) do
// not panic: the first one is kept on the graph, returned by Err and by
// every Session.Run on the graph, so a program needs no error check after
// each op.
type Graph struct {
	mu      sync.Mutex
	nodes   []*Node
	names   map[string]int
	scopes  []string
	seed    int64
	hasSeed bool
	err     error
	vars    []*Variable
	adopted map[*Node]*Node // free node → its copy here
	tfOps   int             // ops TF's Python API would have created so far
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{names: map[string]int{}, adopted: map[*Node]*Node{}}
}

// Err returns the first error met while building the graph, or nil.
func (g *Graph) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

func (g *Graph) setErr(err error) {
	if g.err == nil {
		g.err = err
	}
}

// SetRandomSeed sets the graph-level seed (tf.set_random_seed). With it,
// every random op draws the same numbers in every run of the program:
// the numbers TF drew for the same graph seed, as each op's seed is the
// one TF gave it (see Node.Seeds).
func (g *Graph) SetRandomSeed(seed int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seed, g.hasSeed = seed, true
}

// RandomSeed returns the graph-level seed and whether one was set.
func (g *Graph) RandomSeed() (int64, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.seed, g.hasSeed
}

// NameScope runs build inside a name scope (with tf.name_scope(name):),
// so the nodes it creates are named "name/...".
func (g *Graph) NameScope(name string, build func()) {
	g.mu.Lock()
	g.scopes = append(g.scopes, name)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.scopes = g.scopes[:len(g.scopes)-1]
		g.mu.Unlock()
	}()
	build()
}

// uniqueName returns base inside the current scopes, suffixed _1, _2, ...
// when taken, as TF does. Callers hold g.mu.
func (g *Graph) uniqueName(base string) string {
	name := base
	if len(g.scopes) > 0 {
		name = strings.Join(g.scopes, "/") + "/" + base
	}
	n, taken := g.names[name]
	g.names[name] = n + 1
	if !taken {
		return name
	}
	for {
		cand := fmt.Sprintf("%s_%d", name, n)
		if _, dup := g.names[cand]; !dup {
			g.names[cand] = 1
			return cand
		}
		n++
	}
}

// Nodes returns the graph's nodes in the order they were added.
func (g *Graph) Nodes() []*Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*Node{}, g.nodes...)
}

// NodeByName returns the node with the given name ("x", or the tensor name "x:0"), or nil.
func (g *Graph) NodeByName(name string) *Node {
	name = strings.TrimSuffix(name, ":0")
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, n := range g.nodes {
		if n.name == name {
			return n
		}
	}
	return nil
}

// GlobalVariables returns every variable of the graph, in creation order
// (tf.global_variables()).
func (g *Graph) GlobalVariables() []*Variable {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*Variable{}, g.vars...)
}

// TrainableVariables returns the variables an optimizer updates by default
// (tf.trainable_variables()).
func (g *Graph) TrainableVariables() []*Variable {
	var out []*Variable
	for _, v := range g.GlobalVariables() {
		if v.trainable {
			out = append(out, v)
		}
	}
	return out
}

// GlobalVariablesInitializer returns an op that initializes every variable
// (tf.global_variables_initializer()).
func (g *Graph) GlobalVariablesInitializer() *Node {
	vars := g.GlobalVariables()
	inits := make([]*Node, len(vars))
	for i, v := range vars {
		inits[i] = v.Initializer
	}
	return NewNode(noOp{}, nil, InGraph(g), Name("init"), ControlInputs(inits...))
}
