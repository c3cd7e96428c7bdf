package train_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func ExampleSaver() {
	dir, err := os.MkdirTemp("", "saver-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	// One program trains and saves...
	g := graph.New()
	w := g.Variable([]float32{1.5, -2})
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		panic(err)
	}
	path, err := train.NewSaver().Save(sess, filepath.Join(dir, "model"), 100)
	if err != nil {
		panic(err)
	}
	fmt.Println(filepath.Base(path))

	// ...another builds the same variables and restores them.
	g2 := graph.New()
	w2 := g2.Variable(ops.Zeros(2))
	sess2 := session.New(g2)
	latest, err := train.LatestCheckpoint(dir)
	if err != nil {
		panic(err)
	}
	if err := train.NewSaver().Restore(sess2, latest); err != nil {
		panic(err)
	}
	v, err := sess2.Run(w2, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(w.Node().Name(), v)
	// Output:
	// model-100
	// Variable [ 1.5 -2. ]
}

// LatestCheckpoint returns "" where TF's latest_checkpoint returns None:
// no state file, or a state file naming a checkpoint that is not there.
func ExampleLatestCheckpoint() {
	dir, err := os.MkdirTemp("", "latest-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	latest, err := train.LatestCheckpoint(dir)
	fmt.Printf("%q %v\n", latest, err)
	state := "model_checkpoint_path: \"model-7\"\n"
	if err := os.WriteFile(filepath.Join(dir, "checkpoint"), []byte(state), 0o666); err != nil {
		panic(err)
	}
	latest, err = train.LatestCheckpoint(dir)
	fmt.Printf("%q %v\n", latest, err)
	// Output:
	// "" <nil>
	// "" <nil>
}
