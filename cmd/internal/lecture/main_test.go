package lecture

import (
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

func TestParse(t *testing.T) {
	var every int
	f, err := Parse("mnist-cnn", []string{"-steps", "20", "-eval-every", "10", "-data", "d", "-ckpt", "c", "-out", "o", "-faithful"},
		Steps(20000), MNIST, Checkpoints("cnn_session"), Int(&every, "eval-every", 500, "evaluate every N steps"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Steps != 20 || every != 10 || f.Data != "d" || f.Ckpt != "c" || f.Out != "o" || !f.Faithful {
		t.Errorf("parsed %+v, every %d", f, every)
	}

	f, err = Parse("single-layer", nil, Steps(1000))
	if err != nil {
		t.Fatal(err)
	}
	if f.Steps != 1000 || f.Out != "out" || f.Faithful {
		t.Errorf("defaults: %+v, want the notebook's 1000 steps, out, not faithful", f)
	}
}

// TestParseRefuses checks that a program refuses the flags it does not
// take: -steps where nothing is trained, -faithful where no session runs.
func TestParseRefuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		opts []Option
	}{
		{[]string{"-steps", "5"}, []Option{ORENIST}},
		{[]string{"-faithful"}, []Option{MNIST, NoSession}},
		{[]string{"-data", "d"}, []Option{Steps(10)}},
	} {
		if _, err := Parse("p", c.args, c.opts...); err == nil {
			t.Errorf("Parse(%q): no error", c.args)
		}
	}
}

// TestFaithfulSession checks that -faithful reaches the compile step: the
// session it opens keeps the lecture's log(softmax(x)) as written, where
// the default session rewrites it into the stable form.
func TestFaithfulSession(t *testing.T) {
	g := graph.New()
	x := g.Placeholder(graph.Float32, graph.Shape{graph.None, 3})
	loss := ops.Neg(ops.ReduceSum(ops.Log(ops.Softmax(x))))
	feed := session.Feed{x: [][]float32{{1, 2, 3}}}
	for _, c := range []struct {
		args     []string
		rewrites int
	}{{nil, 1}, {[]string{"-faithful"}, 0}} {
		f, err := Parse("p", c.args)
		if err != nil {
			t.Fatal(err)
		}
		report, err := f.Session(g).Explain(loss, feed)
		if err != nil {
			t.Fatal(err)
		}
		if len(report.Rewrites) != c.rewrites {
			t.Errorf("Parse(%q).Session: rewrites %q, want %d", c.args, report.Rewrites, c.rewrites)
		}
	}
}
