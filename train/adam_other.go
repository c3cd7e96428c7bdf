//go:build !amd64

package train

// adamLanes: no vector kernel on this architecture (the tests skip
// theirs, saying so).
var adamLanes = 0

// adam32Block is adam32Go (no vector kernel on this architecture).
func adam32Block(w, m, v, g []float32, k adamConsts) { adam32Go(w, m, v, g, k) }
