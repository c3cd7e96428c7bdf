package graph

import "math/rand/v2"

// Env is what a kernel may use besides its inputs: the Session's random
// generator for this node (seeded from the graph seed and the node's op
// seed, so a seeded program draws the same numbers every time).
type Env struct {
	Rand *rand.Rand
}
