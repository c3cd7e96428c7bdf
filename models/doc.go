// Package models holds the lecture's models as reusable builders: each
// function declares one notebook's graph (placeholders, variables, loss,
// training op, accuracy) into a graph and returns its handles. The
// lecture programs in cmd/ spell their graphs out cell by cell, as the
// notebooks did; the benchmarks, the tests that compare tf1go with other
// engines, and the programs that rebuild a trained model (restoring a
// checkpoint into it) use these builders instead.
package models
