package models

import "embed"

// Source holds the models' own source, whose notebook cells ([CNN-02],
// [MDC-03], ...) the gallery shows beside the notebooks' Python.
//
//go:embed cnn.go orenist.go
var Source embed.FS
