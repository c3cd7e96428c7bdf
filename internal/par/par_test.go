package par

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestChunksCover: every item is visited exactly once, in chunks of per,
// with worker numbers below Workers, whatever GOMAXPROCS is.
func TestChunksCover(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 5} {
		runtime.GOMAXPROCS(procs)
		for _, tc := range []struct{ n, per int }{{0, 3}, {1, 1}, {10, 3}, {10, 10}, {10, 20}, {1000, 7}, {5, 0}} {
			seen := make([]atomic.Int32, tc.n)
			w := Workers(tc.n, tc.per)
			Chunks(tc.n, tc.per, func(worker, i0, i1 int) {
				if worker < 0 || worker >= w {
					t.Errorf("procs=%d n=%d per=%d: worker %d of %d", procs, tc.n, tc.per, worker, w)
				}
				if i0%max(tc.per, 1) != 0 || i1-i0 > max(tc.per, 1) {
					t.Errorf("procs=%d n=%d per=%d: chunk [%d, %d)", procs, tc.n, tc.per, i0, i1)
				}
				for i := i0; i < i1; i++ {
					seen[i].Add(1)
				}
			})
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("procs=%d n=%d per=%d: item %d visited %d times", procs, tc.n, tc.per, i, c)
				}
			}
		}
	}
}

func TestForCover(t *testing.T) {
	for _, tc := range []struct{ n, grain int }{{0, 1}, {3, 100}, {1000, 1}, {12345, 64}} {
		var sum atomic.Int64
		calls := atomic.Int32{}
		For(tc.n, tc.grain, func(i0, i1 int) {
			calls.Add(1)
			for i := i0; i < i1; i++ {
				sum.Add(int64(i))
			}
		})
		if want := int64(tc.n) * int64(tc.n-1) / 2; sum.Load() != want {
			t.Fatalf("n=%d grain=%d: sum %d, want %d", tc.n, tc.grain, sum.Load(), want)
		}
		if tc.n > 0 && tc.n <= tc.grain && calls.Load() != 1 {
			t.Fatalf("n=%d grain=%d: %d calls, want 1", tc.n, tc.grain, calls.Load())
		}
	}
}

// TestPanic: a panic in a worker reaches the caller.
func TestPanic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	defer func() {
		if r := recover(); r != "boom 7" {
			t.Fatalf("recovered %v, want boom 7", r)
		}
	}()
	Chunks(10, 1, func(_, i0, _ int) {
		if i0 == 7 {
			panic(fmt.Sprint("boom ", i0))
		}
	})
}

// TestNestedAndConcurrent: calls from inside a chunk and from several
// goroutines at once (which cannot all have the kept helpers) still
// visit every item once.
func TestNestedAndConcurrent(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	const outer, inner = 6, 50
	var seen [4][outer * inner]atomic.Int32
	var wg sync.WaitGroup
	for g := range seen {
		wg.Go(func() {
			Chunks(outer, 1, func(_, o, _ int) {
				Chunks(inner, 4, func(_, i0, i1 int) {
					for i := i0; i < i1; i++ {
						seen[g][o*inner+i].Add(1)
					}
				})
			})
		})
	}
	wg.Wait()
	for g := range seen {
		for i := range seen[g] {
			if c := seen[g][i].Load(); c != 1 {
				t.Fatalf("caller %d: item %d visited %d times", g, i, c)
			}
		}
	}
}

// TestSleepers: chunks that outlast spinWait (the caller sleeps until the
// last one is done) and calls further apart than spinWait (the helpers
// sleep until a call wakes them) still visit every item once.
func TestSleepers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for range 3 {
		var seen [6]atomic.Int32
		Chunks(len(seen), 1, func(worker, i, _ int) {
			if worker > 0 { // the caller, out of chunks, waits for this one
				time.Sleep(10 * spinWait)
			} else { // while the helpers wake and come
				time.Sleep(spinWait / 2)
			}
			seen[i].Add(1)
		})
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("item %d visited %d times", i, c)
			}
		}
		time.Sleep(5 * spinWait)
	}
}

func ExampleFor() {
	x := make([]float32, 100000)
	For(len(x), 4096, func(i0, i1 int) {
		for i := i0; i < i1; i++ {
			x[i] = float32(i) * 2
		}
	})
	fmt.Println(x[99999])
	// Output: 199998
}

func BenchmarkForOverhead(b *testing.B) {
	x := make([]float32, 1<<16)
	b.ReportAllocs()
	for range b.N {
		For(len(x), 1024, func(i0, i1 int) {
			for i := i0; i < i1; i++ {
				x[i]++
			}
		})
	}
}
