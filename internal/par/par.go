// Package par splits a kernel's loop across GOMAXPROCS goroutines. The
// split never changes a result: callers give each goroutine whole output
// elements (or fixed chunks whose partial results they combine in chunk
// order), so a kernel computes the same bits on one core as on many.
//
// The goroutines that help the caller are kept between calls: a training
// step makes dozens of calls a few hundred microseconds to a few
// milliseconds apart, and starting a goroutine on an idle core costs tens
// of microseconds (the core's thread must be woken), paid on every call.
// A helper that has finished a call waits a short while (spinWait) for the
// next one, yielding its core to any other goroutine all the while, then
// sleeps until a caller wakes it.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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
// f is raised again in the caller once every chunk has stopped.
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
	j := &job{f: f, n: n, per: per, chunks: chunks, workers: w}
	if team.busy.CompareAndSwap(false, true) {
		team.run(j)
		team.busy.Store(false)
	} else {
		// another call has the helpers (a call from inside a chunk, or
		// from another goroutine): this one starts goroutines of its own
		var wg sync.WaitGroup
		for range w - 1 {
			wg.Go(j.help)
		}
		j.work(0)
		wg.Wait()
	}
	if j.failure != nil {
		panic(j.failure)
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

// job is one call of Chunks. A goroutine takes a worker number, then
// chunks, until none is left; the caller returns once every chunk is
// done, so a helper that comes late finds nothing to do and never calls
// f after Chunks has returned. A job is never reused: a helper may still
// hold one after its call has returned.
type job struct {
	f                       func(worker, i0, i1 int)
	n, per, chunks, workers int
	ids, next, done         atomic.Int64
	failed                  sync.Once
	failure                 any
	finished                chan struct{} // closed with the last chunk, if the caller sleeps
	sleeping                atomic.Bool   // the caller waits on finished
}

// help runs chunks as the next worker number, if one is left.
func (j *job) help() {
	if id := int(j.ids.Add(1)); id < j.workers {
		j.work(id)
	}
}

// work runs chunks as worker until none is left.
func (j *job) work(worker int) {
	for c := int(j.next.Add(1)) - 1; c < j.chunks; c = int(j.next.Add(1)) - 1 {
		j.chunk(worker, c)
	}
}

// chunk runs chunk c, keeping a panic for the caller, and counts it done.
func (j *job) chunk(worker, c int) {
	defer func() {
		if r := recover(); r != nil {
			j.failed.Do(func() { j.failure = r })
		}
		if j.done.Add(1) == int64(j.chunks) && j.sleeping.Load() { // one chunk is the last
			close(j.finished)
		}
	}()
	j.f(worker, c*j.per, min(c*j.per+j.per, j.n))
}

// wait returns once every chunk is done: it spins (yielding the core)
// for spinWait, then sleeps until the last chunk wakes it.
func (j *job) wait() {
	start := time.Now()
	for i := 0; j.done.Load() < int64(j.chunks); i++ {
		if i%64 == 63 && time.Since(start) > spinWait {
			j.finished = make(chan struct{})
			j.sleeping.Store(true)
			if j.done.Load() < int64(j.chunks) {
				<-j.finished
			}
			return
		}
		runtime.Gosched()
	}
}

// spinWait is how long a helper looks for the next call before it
// sleeps, and how long a caller spins for its helpers' last chunks before
// it sleeps: longer than most gaps between the calls of a training step,
// short enough that an idle program soon leaves its cores alone.
const spinWait = 200 * time.Microsecond

// team is the helpers the calls share, one call at a time.
var team helpers

type helpers struct {
	busy    atomic.Bool // a call has the helpers, and list
	list    []*helper
	current atomic.Pointer[job] // the latest call's job
}

// helper is one kept goroutine.
type helper struct {
	asleep atomic.Bool   // it waits on wake
	wake   chan struct{} // a token from a caller that found it asleep
}

// run publishes j to the helpers, wakes the sleeping ones it needs,
// works as worker 0 and waits for the last chunk.
func (t *helpers) run(j *job) {
	for len(t.list) < j.workers-1 {
		h := &helper{wake: make(chan struct{}, 1)}
		t.list = append(t.list, h)
		go h.loop(t)
	}
	t.current.Store(j)
	for _, h := range t.list[:j.workers-1] {
		if h.asleep.CompareAndSwap(true, false) {
			h.wake <- struct{}{}
		}
	}
	j.work(0)
	j.wait()
}

// loop helps with each new job, spinning for spinWait after each, then
// sleeping until a caller wakes it.
func (h *helper) loop(t *helpers) {
	var last *job
	for {
		start := time.Now()
		for i := 0; ; i++ {
			if j := t.current.Load(); j != last {
				last = j
				j.help()
				start = time.Now()
				continue
			}
			if i%64 == 63 && time.Since(start) > spinWait {
				break
			}
			runtime.Gosched()
		}
		h.asleep.Store(true)
		if t.current.Load() != last && h.asleep.CompareAndSwap(true, false) {
			continue // a job came while it was falling asleep
		}
		<-h.wake
	}
}
