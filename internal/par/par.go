// Package par splits a kernel's loop across GOMAXPROCS goroutines. The
// split never changes a result: callers give each goroutine whole output
// elements (or fixed chunks whose partial results they combine in chunk
// order), so a kernel computes the same bits on one core as on many.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines Chunks runs for n items in chunks of
// per: at most GOMAXPROCS and at most one per chunk, at least one.
func Workers(n, per int) int {
	return max(1, min(runtime.GOMAXPROCS(0), (n+per-1)/max(per, 1)))
}

// Chunks calls f for the chunks [i0, i1) of [0, n), per items each (the
// last may be shorter), from Workers(n, per) goroutines, the caller's
// among them; worker (0 ≤ worker < Workers) numbers the goroutine, so f
// may keep scratch space per worker. Chunks are handed out one at a time,
// so a goroutine slowed by other work on its core takes fewer. A panic in
// f is raised again in the caller once every goroutine has stopped.
func Chunks(n, per int, f func(worker, i0, i1 int)) {
	if n <= 0 {
		return
	}
	per = max(per, 1)
	chunks := (n + per - 1) / per
	w := Workers(n, per)
	if w == 1 {
		for c := range chunks {
			f(0, c*per, min(c*per+per, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var failure any
	work := func(worker int) {
		defer func() {
			if r := recover(); r != nil {
				once.Do(func() { failure = r })
			}
		}()
		for c := int(next.Add(1)) - 1; c < chunks; c = int(next.Add(1)) - 1 {
			f(worker, c*per, min(c*per+per, n))
		}
	}
	for worker := 1; worker < w; worker++ {
		wg.Go(func() { work(worker) })
	}
	work(0)
	wg.Wait()
	if failure != nil {
		panic(failure)
	}
}

// For calls f for consecutive ranges [i0, i1) covering [0, n), from up to
// GOMAXPROCS goroutines: about four ranges per goroutine, none shorter
// than grain items (so small loops run on the caller alone, with no
// goroutine started).
func For(n, grain int, f func(i0, i1 int)) {
	per := max(grain, (n+4*runtime.GOMAXPROCS(0)-1)/(4*runtime.GOMAXPROCS(0)))
	Chunks(n, per, func(_, i0, i1 int) { f(i0, i1) })
}
