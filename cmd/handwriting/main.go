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
// shipped checkpoint (model/, see model/PROVENANCE); with it, any
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
//	    -export cmd/handwriting/model/cnn -training-log log.txt
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// as lecture.Main does, with a context that Ctrl-C ends
	switch err := run(ctx, os.Args[1:], os.Stdout); {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "handwriting:", err)
		os.Exit(1)
	}
}

// defaultTrainedBy names the run the shipped checkpoint comes from.
const defaultTrainedBy = "go run ./cmd/mnist-cnn -steps 20000 (the lecture's full run, its seeds)"

func run(ctx context.Context, args []string, stdout io.Writer) error {
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
	m, sess, err := loadCNN(*ckpt)
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
	srv := newServer(*addr, newHandler(newRecognizer(ctx, m, sess)))
	fmt.Fprintf(stdout, "handwriting: model restored in %v; open http://%s/ (Ctrl-C stops)\n",
		time.Since(start).Round(time.Millisecond), ln.Addr())
	return serve(ctx, srv, ln)
}

// serve serves on ln until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
