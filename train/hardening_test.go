package train

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// TestMinimizeBadInput checks that every optimizer turns a loss it
// cannot minimize into an error a Run reports, never a panic, and that
// the error is TF's sentence without a graph-error suffix.
func TestMinimizeBadInput(t *testing.T) {
	optimizers := map[string]func() Optimizer{
		"GradientDescent": func() Optimizer { return NewGradientDescentOptimizer(0.1) },
		"Adam":            func() Optimizer { return NewAdamOptimizer() },
	}
	for name, opt := range optimizers {
		for _, c := range []struct {
			what string
			make func(g *graph.Graph) (*graph.Node, error) // the step, and the run's error
			want string
		}{
			{"nil loss", func(g *graph.Graph) (*graph.Node, error) {
				g.Variable(1.0)
				step := opt().Minimize(nil)
				_, err := session.New(g).Run(step, nil)
				return step, err
			}, "Minimize needs a loss tensor, got nil"},
			{"nil variable", func(g *graph.Graph) (*graph.Node, error) {
				w := g.Variable(1.0)
				step := opt().Minimize(ops.Square(w), nil)
				_, err := session.New(g).Run(step, nil)
				return step, err
			}, "Minimize: nil *graph.Variable in var_list"},
			{"free loss, no variables", func(g *graph.Graph) (*graph.Node, error) {
				step := opt().Minimize(ops.Constant(1.0))
				_, err := session.New(g).Run(step, nil)
				return step, err
			}, "No variables to optimize."},
			{"no gradient", func(g *graph.Graph) (*graph.Node, error) {
				g.Variable(1.0, graph.Name("w"))
				x := g.Placeholder(graph.Float32, graph.Shape{}, graph.Name("x"))
				step := opt().Minimize(ops.Square(x))
				_, err := session.New(g).Run(step, session.Feed{x: 1.0})
				return step, err
			}, `No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ["w:0"] and loss Tensor("Square:0", shape=(), dtype=float).`},
		} {
			t.Run(name+"/"+c.what, func(t *testing.T) {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panicked: %v", r)
					}
				}()
				step, err := c.make(graph.New())
				if step == nil {
					t.Fatal("Minimize returned nil")
				}
				if err == nil || !strings.HasSuffix(err.Error(), c.want) {
					t.Errorf("Run of the step: %v\nwant it to end %q", err, c.want)
				}
			})
		}
	}
}

// TestSaverOnClosedSession checks that Save and Restore say the session
// is closed, as TF does, and write nothing.
func TestSaverOnClosedSession(t *testing.T) {
	m := newModel(false)
	sess := session.New(m.g)
	mustDo(t, sess, m.g.GlobalVariablesInitializer(), nil)
	dir := t.TempDir()
	saver := NewSaver()
	path, err := saver.Save(sess, filepath.Join(dir, "model"), 1)
	if err != nil {
		t.Fatal(err)
	}
	sess.Close()
	if _, err := saver.Save(sess, filepath.Join(dir, "model"), 2); !errors.As(err, new(*session.ClosedError)) {
		t.Errorf("Save after Close: %v", err)
	}
	if err := saver.Restore(sess, path); !errors.As(err, new(*session.ClosedError)) || err.Error() != "Attempted to use a closed Session." {
		t.Errorf("Restore after Close: %v", err)
	}
	if names := listDir(t, dir); strings.Join(names, " ") != "checkpoint model-1 model-1.meta" {
		t.Errorf("files after the refused Save: %v", names)
	}
}

// TestSaveRemovesStaleTemps checks the rule for what crashed saves leave:
// a Save removes temp files of its own naming untouched for StaleTempAge,
// and leaves fresh ones (a live writer's) and every other file alone.
func TestSaveRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-StaleTempAge - time.Minute)
	files := map[string]bool{ // name → whether Save should remove it
		".model-3.tmp123456":     true,
		".checkpoint.tmp42":      true,
		".model-3.index.tmp7":    true,
		".model-3.tmp99":         false, // fresh: a live writer's
		".model-3.tmpx1":         false, // not our naming
		"model-3.tmp1":           false, // not hidden: not ours
		".notes.tmp":             false, // no number
		".model-3.tmp-1":         false, // no number
		".model-3.tmp+5":         false,
		"data.tmp123456.bak":     false,
		".model-3.tmp9999999999": false, // past uint32: not ours
	}
	for name, stale := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o666); err != nil {
			t.Fatal(err)
		}
		if stale || name != ".model-3.tmp99" {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	m := newModel(false)
	sess := session.New(m.g)
	mustDo(t, sess, m.g.GlobalVariablesInitializer(), nil)
	if _, err := NewSaver().Save(sess, filepath.Join(dir, "model"), 4); err != nil {
		t.Fatal(err)
	}
	for name, stale := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != stale {
			t.Errorf("%s: removed %v, want %v", name, gone, stale)
		}
	}
}

// TestTrainingAFedVariable checks that a step cannot update a variable
// whose value the Feed gives: TF's l-value error, and neither the fed
// array nor the variable changes.
func TestTrainingAFedVariable(t *testing.T) {
	for name, opt := range map[string]Optimizer{"GradientDescent": NewGradientDescentOptimizer(0.1), "Adam": NewAdamOptimizer()} {
		g := graph.New()
		w := g.Variable(ops.Constant([]float64{1, 2}), graph.Name("w"))
		step := opt.Minimize(ops.ReduceSum(ops.Square(w)))
		sess := session.New(g)
		mustDo(t, sess, g.GlobalVariablesInitializer(), nil)
		fed := nd.FromFloat32s([]float32{10, 20}, 2)
		_, err := sess.Run(step, session.Feed{w: fed})
		if err == nil || !strings.Contains(err.Error(), "Input 'var' of 'Apply"+name+"' Op requires l-value input") {
			t.Errorf("%s step with w fed: %v", name, err)
		}
		if v, _ := sess.VariableValue(w); fed.String() != "[10. 20.]" || v.String() != "[1. 2.]" {
			t.Errorf("%s: fed array %v, variable %v; want both unchanged", name, fed, v)
		}
	}
}
