// Package models holds the lecture's models as reusable builders: each
// function declares one notebook's graph (placeholders, variables, loss,
// training op, accuracy) into a graph, in the notebook's order and cell
// by cell (the cell markers are here, and the gallery shows them), and
// returns its handles. The lecture programs in cmd/ that build these
// models call the builders and spell out the rest of their notebooks;
// the lab's graph view draws the same graphs. The builders serve
// cmd/bench, whose lines compare with ../shared/bench/torch_ref.py; the
// least-squares and ORENIST programs (NewLeastSquares, NewOrenistFilter,
// NewOrenistDynamicFilter, NewOrenistClassification), whose random
// initial values are TF's because the ops are created in the notebooks'
// order, so TF's op seeds count the same; the conv programs
// mnist-dynamic-filter, mnist-dynamic-filter-result and mnist-cnn, whose
// checkpoints carry a model from one process to another (the variables
// are created in the notebook's order, so their names match); and the
// handwriting recognizer, which restores mnist-cnn's checkpoint into
// NewCNN's inference graph. The tests check each builder's shapes and
// variable names, on which those checkpoints depend.
package models
