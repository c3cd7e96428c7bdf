// Command lab is the lecture's hands-on lab as one local web app: the
// gallery of every program's output, the handwriting recognizer, the
// playground (playground.tensorflow.org's exercises, trained server-side
// by tf1go) and the graph view of every lecture model.
//
//	go run ./cmd/lab [-addr 127.0.0.1:8080] [-out out] [-sessions 8]
//
// then open http://127.0.0.1:8080/. It serves on the loopback interface
// unless -addr says otherwise; pages, scripts and the recognizer's model
// are in the binary, nothing is fetched from the network.
//
//	/             the lab's front page
//	/gallery/     the gallery of what `make run` wrote to -out
//	/hwr/         the handwriting recognizer (cmd/handwriting's page and API)
//	/playground/  the playground; its API under /playground/api/
//	/graphs/      the lecture models' graphs, as declared and as compiled
//	/healthz      200 once everything is loaded
//
// The playground keeps one training session per browser tab, at most
// -sessions at once (one more gets 503 with a message), each closed when
// its tab goes, after -idle without a request (the page asks every 5 s
// while paused), or after -lifetime.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/gallery"
	"github.com/tf1go/tf1go/cmd/internal/graphview"
	"github.com/tf1go/tf1go/cmd/internal/handwriting"
	"github.com/tf1go/tf1go/cmd/internal/playground"
	"github.com/tf1go/tf1go/cmd/internal/webapp"
)

func main() { webapp.Main("lab", run) }

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on (loopback unless you say otherwise)")
	out := fs.String("out", "out", "the folder `make run` wrote, whose gallery /gallery/ shows")
	ckpt := fs.String("checkpoint", "", "the recognizer's checkpoint of cmd/mnist-cnn, or its directory (default: the shipped one)")
	opt := playground.Options{}
	fs.IntVar(&opt.MaxSessions, "sessions", 8, "playground sessions at once")
	fs.DurationVar(&opt.Idle, "idle", 2*time.Minute, "a playground session without a request for this long is closed (over a minute: browsers wake hidden tabs once a minute)")
	fs.DurationVar(&opt.Lifetime, "lifetime", 30*time.Minute, "a playground session is closed at this age")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if opt.MaxSessions < 1 || opt.Idle <= 0 || opt.Lifetime <= 0 {
		return errors.New("-sessions, -idle and -lifetime must be positive")
	}
	start := time.Now()
	h, _, err := newLab(ctx, *out, *ckpt, opt)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		fmt.Fprintf(stdout, "lab: warning: serving on %v, not only this machine: anyone who reaches it can train here\n", ln.Addr())
	}
	fmt.Fprintf(stdout, "lab: ready in %v; open http://%s/ (Ctrl-C stops)\n", time.Since(start).Round(time.Millisecond), ln.Addr())
	return webapp.Serve(ctx, webapp.NewServer(*addr, h), ln)
}

// newLab routes the lab's parts; the playground's sessions live until ctx
// ends.
func newLab(ctx context.Context, outDir, ckpt string, opt playground.Options) (http.Handler, *playground.Server, error) {
	m, sess, err := handwriting.LoadCNN(ckpt)
	if err != nil {
		return nil, nil, err
	}
	pg := playground.New(ctx, opt)
	mux := http.NewServeMux()
	mux.Handle("/", webapp.Secure(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !webapp.Allow(w, req, http.MethodGet, http.MethodHead) {
			return
		}
		switch req.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, front)
		default:
			webapp.Error(w, http.StatusNotFound, "no such page: "+req.URL.Path)
		}
	})))
	mux.HandleFunc("/healthz", webapp.Health)
	// the gallery's page keeps its style inline, so it may have that
	mux.Handle("/gallery/", http.StripPrefix("/gallery", inlineStyle(gallery.Handler(outDir))))
	mux.Handle("/hwr/", http.StripPrefix("/hwr", handwriting.NewHandler(handwriting.NewRecognizer(ctx, m, sess))))
	mux.Handle("/playground/", http.StripPrefix("/playground", webapp.Secure(pg.Handler())))
	mux.Handle("/graphs/", http.StripPrefix("/graphs", webapp.Secure(graphview.Handler())))
	return mux, pg, nil
}

// inlineStyle is webapp.Secure's policy with inline style allowed.
func inlineStyle(h http.Handler) http.Handler {
	return webapp.Secure(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
		h.ServeHTTP(w, req)
	}))
}

const front = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tf1go lab</title></head>
<body>
<h1>tf1go lab</h1>
<p>The lecture, hands-on, on tf1go: everything here runs on this machine.</p>
<ul>
<li><a href="gallery/">Gallery</a>: every lecture program's key cells in Go beside the notebook's Python, its printed lines and figures (what <code>make run</code> wrote)</li>
<li><a href="hwr/">Handwriting recognizer</a>: draw a digit, the lecture's CNN reads it</li>
<li><a href="playground/">Playground</a>: the Neural Network Playground's exercises, trained by a tf1go Session</li>
<li><a href="graphs/">Graphs</a>: each lecture model as declared, and what the compile step did to it</li>
</ul>
</body></html>
`
