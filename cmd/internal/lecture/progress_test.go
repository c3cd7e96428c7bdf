package lecture

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	var term, stdout bytes.Buffer
	clock := time.Unix(0, 0)
	p := newProgress(&term, 1000, func() time.Time { return clock })

	clock = clock.Add(100 * time.Millisecond)
	p.Step(10) // not due yet
	if term.Len() != 0 {
		t.Fatalf("drawn before %v: %q", redraw, term.String())
	}
	clock = clock.Add(400 * time.Millisecond)
	p.Step(50) // 50 steps in 0.5 s: 100 steps/s, 950 to go
	if got, want := term.String(), "\rstep 50/1000  100.0 steps/s  ETA 10s\x1b[K"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
	term.Reset()
	p.Printf(&stdout, "Step: %d, Loss: %f\n", 50, 1.5)
	if term.String() != "\r\x1b[K" || stdout.String() != "Step: 50, Loss: 1.500000\n" {
		t.Errorf("Printf: terminal %q, stdout %q; want the line cleared, then the program's line", term.String(), stdout.String())
	}
	term.Reset()
	p.Clear()    // nothing shown: nothing to clear
	p.Step(1000) // the last step is always drawn
	if !strings.HasPrefix(term.String(), "\rstep 1000/1000") {
		t.Errorf("last step: %q", term.String())
	}
}

func TestProgressQuietInTests(t *testing.T) {
	var stdout bytes.Buffer
	p := NewProgress(&stdout, 10)
	if p != nil {
		t.Fatal("a progress line for a program whose stdout is a buffer")
	}
	p.Step(1) // a nil Progress is quiet
	p.Printf(&stdout, "Step: %d\n", 1)
	p.Clear()
	if stdout.String() != "Step: 1\n" {
		t.Errorf("stdout = %q", stdout.String())
	}
}
