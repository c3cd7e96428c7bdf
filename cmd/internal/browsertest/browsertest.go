// Package browsertest starts headless Chromium for the tests that open
// tf1go's pages in a browser, or skips them saying why.
package browsertest

import (
	"context"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Chromium returns the path of Debian's Chromium (or Chrome), or skips t
// saying how to get it.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("no Chromium on PATH: the browser test needs it (apt-get install chromium; .ci/run installs it)")
	return ""
}

// Offline returns a chromedp context on a new headless Chromium with no
// network: every request but file: and loopback ones goes to a proxy
// that is not there. The options (a chromedp.WithListener) apply to its
// tab. It is cancelled when t ends.
func Offline(t testing.TB, width, height int, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	alloc := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("proxy-server", "127.0.0.1:9"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), alloc...)
	ctx, cancel := chromedp.NewContext(actx, opts...)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}
