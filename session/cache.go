package session

import (
	"container/list"

	"github.com/tf1go/tf1go/compile"
)

// programCache keeps the most recently used compiled programs, at most
// size of them, keyed by Run signature.
type programCache struct {
	size  int
	order *list.List               // of *entry, most recently used first
	byKey map[string]*list.Element // key → its element in order
}

type entry struct {
	key  string
	prog *compile.Program
}

func newProgramCache(size int) *programCache {
	return &programCache{size: size, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the program for key, or nil, and marks it used.
func (c *programCache) get(key string) *compile.Program {
	e := c.byKey[key]
	if e == nil {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry).prog
}

// add keeps prog for key and reports whether it dropped a program to
// stay within size.
func (c *programCache) add(key string, prog *compile.Program) (evicted bool) {
	c.byKey[key] = c.order.PushFront(&entry{key: key, prog: prog})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*entry).key)
		evicted = true
	}
	return evicted
}

// all returns the programs kept.
func (c *programCache) all() []*compile.Program {
	out := make([]*compile.Program, 0, c.order.Len())
	for e := c.order.Front(); e != nil; e = e.Next() {
		out = append(out, e.Value.(*entry).prog)
	}
	return out
}
