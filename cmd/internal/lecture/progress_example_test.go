package lecture_test

import (
	"os"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
)

// A training loop draws its progress line with Step and prints its own
// lines with Printf, which clears the progress line first. Where standard
// error is not a terminal (here, under go test) the Progress is nil and
// quiet, and Printf prints the line alone.
func ExampleProgress() {
	steps := 300
	progress := lecture.NewProgress(os.Stdout, steps)
	for i := 1; i <= steps; i++ {
		// sess.Run(trainStep, feed)
		if i%100 == 0 {
			progress.Printf(os.Stdout, "Step: %d\n", i)
		}
		progress.Step(i)
	}
	progress.Clear()
	// Output:
	// Step: 100
	// Step: 200
	// Step: 300
}
