// Package models holds the lecture's models as reusable builders: each
// function declares one notebook's graph (placeholders, variables, loss,
// training op, accuracy) into a graph and returns its handles. The
// lecture programs in cmd/ that train a model once spell their graphs
// out cell by cell, as the notebooks did. These builders serve where one
// model is built in several places: cmd/bench, whose lines compare with
// ../shared/bench/torch_ref.py; the conv programs mnist-dynamic-filter,
// mnist-dynamic-filter-result and mnist-cnn, whose checkpoints carry a
// model from one process to another (the variables are created in the
// notebook's order, so their names match); and the handwriting
// recognizer, which restores mnist-cnn's checkpoint into NewCNN's
// inference graph. The tests check each builder's shapes and variable
// names, on which those checkpoints depend.
package models
