// Package webapp holds what the lecture's local web servers share: an
// http.Server with timeouts, serving until a context ends, the headers
// every answer carries, and JSON in and out with a capped body.
//
// cmd/handwriting and cmd/lab use it; their handlers answer every error
// as a JSON body {"error": "..."} with a 4xx or 5xx status.
package webapp

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Main runs a command's run function with a context that ends on
// Ctrl-C or SIGTERM, and exits 1 with "name: error" when it fails (0
// after -h, as lecture.Main).
func Main(name string, run func(ctx context.Context, args []string, stdout io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// Static serves a page's files from dir in files: "/" is its
// index.html, the names (such as "/app.js") the others; anything else is
// a 404, and any method but GET and HEAD a 405.
func Static(files embed.FS, dir string, names ...string) http.Handler {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	server := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !Allow(w, req, http.MethodGet, http.MethodHead) {
			return
		}
		if req.URL.Path != "/" && !slices.Contains(names, req.URL.Path) {
			Error(w, http.StatusNotFound, "no such page: "+req.URL.Path)
			return
		}
		server.ServeHTTP(w, req)
	})
}

// Health answers GET /healthz: 200 {"status": "ok"}.
func Health(w http.ResponseWriter, req *http.Request) {
	if Allow(w, req, http.MethodGet, http.MethodHead) {
		WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}
}

// NewServer is the HTTP server with its timeouts, so a slow client cannot
// hold a connection: headers within 5s, the whole request within 10s, the
// answer written within 30s, an idle keep-alive connection closed after
// 60s.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// Serve serves on ln until ctx ends, then shuts down gracefully: requests
// in flight get 5 s to finish, then every connection is closed.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
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
		if !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		// what is still open after the grace period (a request still
		// running, or a connection a client opened ahead and never used:
		// Shutdown waits 5 s before it counts those as idle) is cut
		srv.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Secure sets the headers every answer carries: the page loads nothing
// but its own scripts and styles, and nothing is sniffed or framed.
func Secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, req)
	})
}

// Allow answers 405 unless req uses one of methods.
func Allow(w http.ResponseWriter, req *http.Request, methods ...string) bool {
	for _, m := range methods {
		if req.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	Error(w, http.StatusMethodNotAllowed, "method "+req.Method+" not allowed")
	return false
}

// ReadJSON decodes req's body, at most maxBody bytes of JSON with
// Content-Type application/json, into v: one object with no unknown
// fields and nothing after it. want describes the expected body for the
// error message. On failure it returns the HTTP status to answer.
func ReadJSON(w http.ResponseWriter, req *http.Request, maxBody int64, want string, v any) (int, error) {
	if mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return http.StatusUnsupportedMediaType, errors.New("Content-Type must be application/json")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return http.StatusRequestEntityTooLarge, fmt.Errorf("request body over %d bytes", maxBody)
		}
		return http.StatusBadRequest, fmt.Errorf("reading the request body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return http.StatusBadRequest, fmt.Errorf("request body is not %s: %v", want, err)
	}
	if dec.More() {
		return http.StatusBadRequest, errors.New("request body has data after its JSON object")
	}
	return 0, nil
}

// Error answers status with the JSON body {"error": msg}.
func Error(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, map[string]string{"error": msg})
}

// WriteJSON answers status with v as JSON, never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
