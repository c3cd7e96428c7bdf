//go:build !amd64

package train

// adam32Block is adam32Go (no vector kernel on this architecture).
func adam32Block(w, m, v, g []float32, k adamConsts) { adam32Go(w, m, v, g, k) }
