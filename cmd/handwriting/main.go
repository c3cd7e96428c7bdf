// Command handwriting is the lecture's handwriting recognizer (HWR) as a
// web page: it restores the two-layer CNN that cmd/mnist-cnn trains into
// its inference graph and serves a page where you draw a digit on a
// 140x140 canvas and see the ten probabilities and the conv1 and conv2
// maps before and after ReLU, as the notebook's HWR-08..HWR-10 cells drew
// them. The notebook ran only inside the classic Jupyter notebook; this
// runs anywhere, offline, from one binary (page, script and a trained
// checkpoint are embedded).
//
//	go run ./cmd/handwriting [-addr 127.0.0.1:8080] [-checkpoint PATH]
//
// then open http://127.0.0.1:8080/. Without -checkpoint it uses the
// shipped checkpoint (cmd/internal/handwriting/model/, see its PROVENANCE); with it, any
// checkpoint cmd/mnist-cnn saved (its Adam entries are ignored), or the
// newest in a directory of them.
//
// The server answers:
//
//	GET  /             the page
//	POST /api/predict  {"image": [784 numbers in [0,1]]} → {"digit", "probabilities", "conv1", "conv2"};
//	                   ?maps=0 leaves the maps out
//	GET  /healthz      200 once the model is loaded
//
// -export PREFIX makes the shipped checkpoint instead of serving: it
// writes the -checkpoint's model variables (no optimizer slots) as a
// TensorFlow V2 bundle at PREFIX, with a PROVENANCE file beside it:
//
//	go run ./cmd/handwriting -checkpoint ckpt/cnn_session-20000 \
//	    -export cmd/internal/handwriting/model/cnn -training-log log.txt
package main

import (
	"github.com/tf1go/tf1go/cmd/internal/handwriting"
	"github.com/tf1go/tf1go/cmd/internal/webapp"
)

func main() { webapp.Main("handwriting", handwriting.Run) }
