package compile

import (
	"reflect"

	"github.com/tf1go/tf1go/nd"
)

// Trim drops from the arena every free array that none of the live
// programs computes into, so that the scratch of programs no longer kept
// (a Session's cache evicts them) can be collected instead of waiting in
// the arena for a use that may never come. Arrays still in use by live
// programs stay, shared as before.
func (a *Arena) Trim(live ...*Program) {
	used := map[uintptr]bool{}
	for _, p := range live {
		for _, arr := range p.scratch {
			used[dataAddr(arr)] = true
		}
	}
	kept := a.free[:0]
	for _, f := range a.free {
		if used[dataAddr(f)] {
			kept = append(kept, f)
		}
	}
	clear(a.free[len(kept):])
	a.free = kept
}

// dataAddr is where an array's data starts: a view made by get shares it
// with the arena array it was cut from.
func dataAddr(a *nd.Array) uintptr { return reflect.ValueOf(a.Data()).Pointer() }
