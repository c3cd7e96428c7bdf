package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tf1go/tf1go/cmd/internal/browsertest"
	"github.com/tf1go/tf1go/cmd/internal/gallery"
)

var galleryOut = flag.String("gallery-out", "", "test the page of this folder (make run's out/) instead of a fixture")

// fixture writes an out/ folder as make run leaves it: each program's
// printed lines and a figure (MDR's two), so that the page has every kind
// of section.
func fixture(t *testing.T) string {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img := image.NewGray(image.Rect(0, 0, 120, 80))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var pngBytes strings.Builder
	if err := png.Encode(&pngBytes, img); err != nil {
		t.Fatal(err)
	}
	for _, p := range gallery.Programs {
		if p.Page {
			continue
		}
		write(p.Name+".txt", []byte(fmt.Sprintf("Step: 100, Loss: 1.%03d000, Accuracy: 0.900000\n", len(p.Name))))
		figs := []string{p.Name + ".png"}
		if p.Name == "mnist-dynamic-filter-result" {
			figs = []string{p.Name + "-conv.png", p.Name + "-pool.png"}
		}
		for _, f := range figs {
			write(f, []byte(pngBytes.String()))
		}
	}
	return dir
}

// pageState is what the page shows, read in the browser.
type pageState struct {
	Sections []struct {
		ID     string `json:"id"`
		Lines  string `json:"lines"`
		Curves int    `json:"curves"`
		Images []struct {
			Src      string `json:"src"`
			Complete bool   `json:"complete"`
			Width    int    `json:"width"`
		} `json:"images"`
	} `json:"sections"`
}

const readPage = `({sections: [...document.querySelectorAll("section")].map(s => ({
	id: s.id,
	lines: (s.querySelector("pre.lines") || {textContent: ""}).textContent,
	curves: s.querySelectorAll("svg.curve polyline").length,
	images: [...s.querySelectorAll("img")].map(i => ({src: i.getAttribute("src"), complete: i.complete, width: i.naturalWidth})),
}))})`

// TestBrowser opens out/index.html from disk in headless Chromium with
// no network and checks that it shows every program's section, in the
// lecture's order, with the lines it printed and its figures loaded, and
// that the page asked for nothing but files beside it.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir := *galleryOut
	if dir == "" {
		dir = fixture(t)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-out", dir}, io.Discard); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var requests []string
	ctx := browsertest.Offline(t, 1200, 900, chromedp.WithListener(func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, ev.Request.URL)
			mu.Unlock()
		}
	}))
	page := (&url.URL{Scheme: "file", Path: filepath.Join(dir, "index.html")}).String()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("loading %s: %v", page, err)
	}
	// every image has loaded or failed once the document is complete
	var state pageState
	deadline := time.Now().Add(20 * time.Second)
	for {
		ready, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && [...document.images].every(i => i.complete)`))
		if err != nil {
			t.Fatal(err)
		}
		if ready || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if state, err = chromedp.Run(ctx, chromedp.Evaluate[pageState](readPage)); err != nil {
		t.Fatal(err)
	}

	if len(state.Sections) != len(gallery.Programs) {
		t.Fatalf("the page shows %d sections, want %d", len(state.Sections), len(gallery.Programs))
	}
	images := 0
	for i, p := range gallery.Programs {
		s := state.Sections[i]
		if s.ID != p.Name {
			t.Errorf("section %d is %q, want %q (the lecture's order)", i+1, s.ID, p.Name)
			continue
		}
		if want, err := os.ReadFile(filepath.Join(dir, p.Name+".txt")); err == nil && strings.TrimSpace(s.Lines) != strings.TrimSpace(string(want)) {
			t.Errorf("%s shows the lines\n%s\nwant\n%s", p.Name, s.Lines, want)
		}
		if events, _ := filepath.Glob(filepath.Join(dir, p.Name, "events.out.tfevents.*")); len(events) > 0 && s.Curves == 0 {
			t.Errorf("%s has an event file but the page draws no curve", p.Name)
		}
		for _, img := range s.Images {
			images++
			if !img.Complete || img.Width == 0 {
				t.Errorf("%s: image %s did not load", p.Name, img.Src)
			}
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if images == 0 || *galleryOut == "" && images != len(pngs) {
		t.Errorf("the page shows %d images, the folder holds %d figures", images, len(pngs))
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range requests {
		if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page asked for %s: it must need nothing but the files beside it", u)
		}
	}
	t.Logf("%d sections, %d images loaded, %d requests, all file:", len(state.Sections), images, len(requests))
}
