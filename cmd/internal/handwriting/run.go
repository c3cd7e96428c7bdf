package handwriting

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/webapp"
)

// defaultTrainedBy names the run the shipped checkpoint comes from.
const defaultTrainedBy = "go run ./cmd/mnist-cnn -steps 20000 (the lecture's full run, its seeds)"

// Run is the command: it parses args as cmd/handwriting's flags and
// serves the page on -addr until ctx ends, or exports a checkpoint.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("handwriting", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on")
	ckpt := fs.String("checkpoint", "", "checkpoint of cmd/mnist-cnn to restore, or its directory for the newest there (default: the shipped one)")
	exportTo := fs.String("export", "", "write -checkpoint's model variables as a TF V2 bundle at this prefix, with PROVENANCE, and exit")
	trainingLog := fs.String("training-log", "", "with -export: mnist-cnn's output, to quote its line for the checkpoint's step")
	trainedBy := fs.String("trained-by", defaultTrainedBy, "with -export: the training command, for PROVENANCE")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *exportTo != "" && *ckpt == "" {
		return errors.New("-export needs -checkpoint, the training checkpoint to export")
	}

	start := time.Now()
	m, sess, err := LoadCNN(*ckpt)
	if err != nil {
		return err
	}
	if *exportTo != "" {
		command := "go run ./cmd/handwriting"
		for _, a := range args {
			command += " " + shellQuote(a)
		}
		if err := export(sess, *ckpt, *exportTo, *trainingLog, *trainedBy, command); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "exported %s to %s (see PROVENANCE beside it)\n", *ckpt, *exportTo)
		return nil
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := webapp.NewServer(*addr, NewHandler(NewRecognizer(ctx, m, sess)))
	fmt.Fprintf(stdout, "handwriting: model restored in %v; open http://%s/ (Ctrl-C stops)\n",
		time.Since(start).Round(time.Millisecond), ln.Addr())
	return webapp.Serve(ctx, srv, ln)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
