package main

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tf1go/tf1go/cmd/internal/browsertest"
	"github.com/tf1go/tf1go/cmd/internal/playground"
	"github.com/tf1go/tf1go/cmd/internal/webtest"
)

var screenshotDir = flag.String("screenshot-dir", "", "where TestBrowser saves its screenshots (default: the test's temp dir)")

// TestBrowser drives the playground in headless Chromium: the page opens
// a session; changing the dataset resets it (epoch 0, same session); XOR
// with 2 hidden layers of 4 tanh units, started, brings the test loss
// under 0.1 within 60 s; closing the tab frees the session (its beacon,
// not the idle expiry, which is a minute here). It saves screenshots of
// the playground and of the graph view.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	browser := browsertest.Offline(t, 1250, 1500)
	base, pg := startLab(t, playground.Options{MaxSessions: 4, Idle: time.Minute, Lifetime: time.Hour})
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	step, cancel := context.WithTimeout(tab, 120*time.Second)
	defer cancel()
	poll := func(what, expr string, timeout time.Duration) {
		t.Helper()
		if _, err := chromedp.Run(step, chromedp.Poll[any](expr, chromedp.WithPollingTimeout(timeout))); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(step, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	if err := chromedp.Do(step, chromedp.Navigate(base+"/playground/"), chromedp.WaitVisible("#field")); err != nil {
		t.Fatal(err)
	}
	poll("the page opens a session", `window.playground.id !== null && window.playground.settings !== null`, 10*time.Second)
	if n := pg.Count(); n != 1 {
		t.Fatalf("%d sessions open with one tab, want 1", n)
	}
	id := eval(`window.playground.id`)

	// train the default set a little, then change the dataset: it resets
	if err := chromedp.Do(step, chromedp.Click("#play")); err != nil {
		t.Fatal(err)
	}
	poll("training the circle set", `Number(document.getElementById("epoch").textContent) >= 10`, 30*time.Second)
	eval(`(() => {
		document.getElementById("hidden").value = "4, 4";
		document.getElementById("activation").value = "tanh";
		const d = document.getElementById("dataset");
		d.value = "xor";
		d.dispatchEvent(new Event("change"));
	})()`)
	poll("the reset to XOR", `window.playground.settings.dataset === "xor" && window.playground.settings.hidden.join() === "4,4"`, 10*time.Second)
	if epoch := eval(`document.getElementById("epoch").textContent`); epoch != "0" || eval(`window.playground.playing`) != false {
		t.Errorf("after changing the dataset: epoch %v, playing %v; want 0, paused", epoch, eval(`window.playground.playing`))
	}
	if now := eval(`window.playground.id`); now != id || pg.Count() != 1 {
		t.Errorf("changing the dataset: session %v → %v, %d open; want the same one session", id, now, pg.Count())
	}

	// XOR, 2 hidden layers of 4 tanh units: the test loss falls under 0.1
	start := time.Now()
	if err := chromedp.Do(step, chromedp.Click("#play")); err != nil {
		t.Fatal(err)
	}
	poll("test loss under 0.1 within 60 s", `parseFloat(document.getElementById("testLoss").textContent) < 0.1`, 60*time.Second)
	t.Logf("XOR, 4-4 tanh: test loss %v at epoch %v, %v after Start",
		eval(`document.getElementById("testLoss").textContent`), eval(`document.getElementById("epoch").textContent`),
		time.Since(start).Round(100*time.Millisecond))
	if err := chromedp.Do(step, chromedp.Click("#play"), chromedp.Click("#showTest")); err != nil {
		t.Fatal(err)
	}
	poll("the loop stops", `!window.playground.looping`, 10*time.Second)
	if units := eval(`document.querySelectorAll("#units canvas").length`); units != float64(4) {
		t.Errorf("%v unit fields for a first hidden layer of 4", units)
	}
	webtest.Screenshot(t, step, *screenshotDir, "playground.png")

	// closing the tab frees its session
	if err := chromedp.Cancel(tab); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for pg.Count() > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := pg.Count(); n != 0 {
		t.Errorf("%d sessions open 10 s after the tab closed, want 0", n)
	}

	graphs, closeGraphs := chromedp.NewContext(browser)
	defer closeGraphs()
	gstep, cancelG := context.WithTimeout(graphs, 60*time.Second)
	defer cancelG()
	if err := chromedp.Do(gstep, chromedp.Navigate(base+"/graphs/dne"), chromedp.WaitVisible("svg")); err != nil {
		t.Fatal(err)
	}
	webtest.Screenshot(t, gstep, *screenshotDir, "graphs.png")
}
