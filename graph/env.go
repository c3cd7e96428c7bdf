package graph

import "github.com/tf1go/tf1go/philox"

// Env is what a kernel may use besides its inputs: for a Random op, the
// Philox stream the Session keeps for this node, keyed by the node's
// Seeds, so a seeded program draws TF's numbers, run after run.
type Env struct {
	Rand *philox.Stream
}
