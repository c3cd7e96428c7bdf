// Package cmd holds the lecture programs, one directory each. It embeds
// their sources so that the gallery (cmd/internal/gallery) shows each
// program's notebook cells as the binary was built from them.
package cmd

import "embed"

// Sources holds every program's main.go, by path ("mnist-softmax/main.go").
//
//go:embed */main.go
var Sources embed.FS
