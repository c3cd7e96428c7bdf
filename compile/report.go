package compile

import (
	"fmt"
	"strings"
)

// Report says what the compile step did for one Run signature.
type Report struct {
	GraphNodes    int        // nodes in the user's graph
	Needed        int        // of those, what the fetches need (after pruning)
	Kept          []string   // the names of those Needed nodes, in graph order
	GradientNodes int        // nodes the backward pass added
	Rewrites      []string   // numerically stable rewrites applied, the only ones that change values
	NoStabilize   bool       // compiled with Options.NoStabilize: formulas run as written
	Live          int        // program graph nodes left after the second prune
	Groups        [][]string // fused chains of elementwise ops (two or more)
	Units         int        // Gorgonia nodes that compute (the program's size)
	Inputs        int        // Gorgonia input nodes: feeds, variables, constants
	OutputBytes   int        // bytes of all the units' outputs
	NewBytes      int        // bytes of scratch this program added to the arena (the rest is reused)
}

func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pruned:     %d of %d graph nodes needed\n", r.Needed, r.GraphNodes)
	fmt.Fprintf(&b, "gradients:  %d nodes added by the backward pass\n", r.GradientNodes)
	switch {
	case r.NoStabilize:
		b.WriteString("stabilized: none, rewrites off (NoStabilize): every formula runs as written, as TF ran it\n")
	case len(r.Rewrites) == 0:
		b.WriteString("stabilized: none, nothing to rewrite\n")
	}
	for _, w := range r.Rewrites {
		fmt.Fprintf(&b, "stabilized: %s\n", w)
	}
	fmt.Fprintf(&b, "live:       %d program nodes\n", r.Live)
	for _, g := range r.Groups {
		fmt.Fprintf(&b, "fused:      %s\n", strings.Join(g, " → "))
	}
	fmt.Fprintf(&b, "program:    %d kernels + %d inputs on the Gorgonia tape machine\n", r.Units, r.Inputs)
	fmt.Fprintf(&b, "memory:     %d bytes of unit outputs, %d of them newly allocated\n", r.OutputBytes, r.NewBytes)
	return b.String()
}
