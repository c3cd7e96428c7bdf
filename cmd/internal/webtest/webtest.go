// Package webtest holds what the tests of the lecture's web servers
// share: serving a handler on a loopback port, running a command until
// it prints its URL, and saving a screenshot of a page that a browser
// test (see browsertest) has open.
package webtest

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tf1go/tf1go/cmd/internal/webapp"
)

// Serve serves the handler that handler makes on a free loopback port,
// as the commands do, until the test ends (then ctx ends too). It
// returns the base URL ("http://127.0.0.1:port").
func Serve(t testing.TB, handler func(ctx context.Context) http.Handler) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := handler(ctx)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- webapp.Serve(ctx, webapp.NewServer(ln.Addr().String(), h), ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// Run starts a command's run function as go run would, reads the URL of
// its first line ("... open http://127.0.0.1:port/ ..."), which must be
// on loopback, and returns it with stop, which ends the run and fails the
// test unless it returns nil within 10s.
func Run(t *testing.T, run func(ctx context.Context, args []string, stdout io.Writer) error, args ...string) (url string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, w)
		w.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no first line: %v (run: %v)", err, <-done)
	}
	go io.Copy(io.Discard, out)
	_, rest, ok := strings.Cut(line, "open ")
	url, _, _ = strings.Cut(rest, " ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		cancel()
		t.Fatalf("first line %q names no loopback URL", line)
	}
	return url, func() {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run after cancel: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("run did not stop within 10s of its context ending")
		}
	}
}

// Screenshot saves a screenshot of the whole page at dir/name (dir ""
// is the test's temp dir) and logs where.
func Screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
