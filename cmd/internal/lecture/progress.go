package lecture

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Progress is a training loop's progress line, "step 1200/2000  85.3
// steps/s  ETA 9s", redrawn in place with \r at most a few times a
// second. It is drawn on standard error, and only when standard error is
// a terminal: the lines a program prints go to standard output untouched,
// so they stay the notebook's whether standard output is the terminal, a
// pipe or a file (make run tees them into out/). Tests, which run a
// program with a buffer for its standard output, see no progress line.
//
// A nil *Progress is quiet.
type Progress struct {
	w       io.Writer
	total   int
	now     func() time.Time
	start   time.Time
	drawn   time.Time
	visible bool // a line is on the terminal now
}

// redraw is how often the line is redrawn.
const redraw = 250 * time.Millisecond

// NewProgress returns the progress line of a loop of total steps, or nil
// (quiet) when stdout is not the process's standard output, as in tests,
// or standard error is not a terminal.
func NewProgress(stdout io.Writer, total int) *Progress {
	if stdout != io.Writer(os.Stdout) || !isTerminal(os.Stderr) {
		return nil
	}
	return newProgress(os.Stderr, total, time.Now)
}

func newProgress(w io.Writer, total int, now func() time.Time) *Progress {
	t := now()
	return &Progress{w: w, total: total, now: now, start: t, drawn: t}
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Step records that step (counted from 1) is done, and redraws the line
// if it is due.
func (p *Progress) Step(step int) {
	if p == nil {
		return
	}
	t := p.now()
	if t.Sub(p.drawn) < redraw && step < p.total {
		return
	}
	p.drawn = t
	elapsed := t.Sub(p.start).Seconds()
	line := fmt.Sprintf("step %d/%d", step, p.total)
	if elapsed > 0 {
		rate := float64(step) / elapsed
		eta := time.Duration(float64(p.total-step) / rate * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf("  %.1f steps/s  ETA %s", rate, eta)
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	p.visible = true
}

// Clear erases the line, before the program prints one of its own on the
// same terminal or when the loop is over; the next Step draws it again.
func (p *Progress) Clear() {
	if p == nil || !p.visible {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.visible = false
}

// Printf clears the line and prints to stdout: the program's lines, the
// notebook's, never mixed with the progress line on a terminal.
func (p *Progress) Printf(stdout io.Writer, format string, args ...any) {
	p.Clear()
	fmt.Fprintf(stdout, format, args...)
}
