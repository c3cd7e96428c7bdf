package lecture

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/session"
)

// Main is a lecture program's main: it calls run with the command line's
// arguments and standard output, and on an error prints "name: error" to
// standard error and exits with status 1 (-h prints the flags and exits
// with 0). Each program keeps its notebook's cells in run, which its
// tests call directly.
func Main(name string, run func(args []string, stdout io.Writer) error) {
	err := run(os.Args[1:], os.Stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

// Flags are the flags the lecture programs share. Every program takes
// -out; the others are there when an Option asks for them.
type Flags struct {
	Steps    int    // -steps: training steps, the notebook's by default
	Out      string // -out: directory for figures
	Data     string // -data: directory of the lecture's data files ("" is the shipped data)
	Ckpt     string // -ckpt: directory of the checkpoints
	Faithful bool   // -faithful: no value-changing rewrites (see Session)

	noSession bool
	register  []func(fs *flag.FlagSet)
}

// An Option adds a flag to a program's set.
type Option func(f *Flags)

// Steps adds -steps, the number of training steps, with the notebook's
// number as its default.
func Steps(notebook int) Option {
	return func(f *Flags) {
		f.add(func(fs *flag.FlagSet) {
			fs.IntVar(&f.Steps, "steps", notebook, "training steps")
		})
	}
}

// CheckpointStep adds -steps for a program that restores what another
// trained: the step whose checkpoint it restores, with the notebook's
// step as its default.
func CheckpointStep(notebook int, trainer string) Option {
	return func(f *Flags) {
		f.add(func(fs *flag.FlagSet) {
			fs.IntVar(&f.Steps, "steps", notebook, "restore the checkpoint "+trainer+" saved at this step")
		})
	}
}

// MNIST adds -data for the four MNIST files.
func MNIST(f *Flags) {
	f.add(func(fs *flag.FlagSet) {
		fs.StringVar(&f.Data, "data", "", "directory with the four MNIST files (default: the GoMNIST module)")
	})
}

// ORENIST adds -data for the lecture's ORENIST files.
func ORENIST(f *Flags) {
	f.add(func(fs *flag.FlagSet) {
		fs.StringVar(&f.Data, "data", "", "directory with the lecture's ORENIST files images.f32 and labels.f32 (default: the generated set)")
	})
}

// Checkpoints adds -ckpt, the directory of the prefix-<step> checkpoints.
func Checkpoints(prefix string) Option {
	return func(f *Flags) {
		f.add(func(fs *flag.FlagSet) {
			fs.StringVar(&f.Ckpt, "ckpt", "ckpt", "directory of the "+prefix+" checkpoints")
		})
	}
}

// NoSession leaves -faithful out, for a program that runs no session.
func NoSession(f *Flags) { f.noSession = true }

// Int adds a program's own int flag.
func Int(p *int, name string, value int, usage string) Option {
	return func(f *Flags) { f.add(func(fs *flag.FlagSet) { fs.IntVar(p, name, value, usage) }) }
}

// String adds a program's own string flag.
func String(p *string, name, value, usage string) Option {
	return func(f *Flags) { f.add(func(fs *flag.FlagSet) { fs.StringVar(p, name, value, usage) }) }
}

func (f *Flags) add(register func(fs *flag.FlagSet)) { f.register = append(f.register, register) }

// Parse parses a program's arguments: -out, -faithful (unless NoSession)
// and the flags the options add.
func Parse(name string, args []string, opts ...Option) (*Flags, error) {
	f := &Flags{}
	for _, o := range opts {
		o(f)
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&f.Out, "out", "out", "directory for figures")
	if !f.noSession {
		fs.BoolVar(&f.Faithful, "faithful", false, "run the graph as written: no log(softmax) or log(sigmoid) rewrite, so a saturated cross-entropy gives TF1's nan")
	}
	for _, r := range f.register {
		r(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return f, nil
}

// Session opens the program's session on g. With -faithful it compiles
// the graph as written, without the rewrites that change values (the
// stable log(softmax) and log(sigmoid)), as TF1 ran the lecture.
func (f *Flags) Session(g *graph.Graph) *session.Session {
	if f.Faithful {
		return session.New(g, session.WithCompileOptions(compile.Options{NoStabilize: true}))
	}
	return session.New(g)
}
