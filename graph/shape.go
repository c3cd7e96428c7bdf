package graph

import (
	"strings"

	"github.com/tf1go/tf1go/nd"
)

// None marks a dim whose size is not known until a batch is fed, as
// Python's None does in tf.placeholder(tf.float32, [None, 784]).
const None = -1

// Shape is a tensor's static shape. A dim may be None. A nil Shape means
// the rank itself is unknown (tf.placeholder(tf.float32) with no shape);
// Shape{} is a scalar.
type Shape []int

// UnknownShape is the shape of a tensor whose rank is not known.
var UnknownShape Shape

// Known reports whether the rank is known.
func (s Shape) Known() bool { return s != nil }

// FullyDefined reports whether the rank and every dim are known.
func (s Shape) FullyDefined() bool {
	if s == nil {
		return false
	}
	for _, d := range s {
		if d < 0 {
			return false
		}
	}
	return true
}

// NumElements is the product of the dims, or -1 if any is unknown.
func (s Shape) NumElements() int {
	if !s.FullyDefined() {
		return -1
	}
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}

// Clone copies s, keeping nil (unknown rank) as nil and a scalar as Shape{}.
func (s Shape) Clone() Shape {
	if s == nil {
		return nil
	}
	return append(Shape{}, s...)
}

// String prints the shape as TF1's TensorShape does: "(?, 2)", "()", "<unknown>".
func (s Shape) String() string {
	if s == nil {
		return "<unknown>"
	}
	return nd.ShapeString(s)
}

// Brackets prints the shape as TF's C++ messages do: "[?,2]", "[]", "<unknown>".
func (s Shape) Brackets() string {
	if s == nil {
		return "<unknown>"
	}
	// the same dims as String, in TF's C++ form
	inner := strings.TrimSuffix(strings.Trim(nd.ShapeString(s), "()"), ",")
	return "[" + strings.ReplaceAll(inner, ", ", ",") + "]"
}

// IsCompatibleWith reports whether a value of shape t may stand where s is
// declared: same rank (unless s is unknown) and equal dims where s knows them.
func (s Shape) IsCompatibleWith(t Shape) bool {
	if s == nil || t == nil {
		return true
	}
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		if s[i] >= 0 && t[i] >= 0 && s[i] != t[i] {
			return false
		}
	}
	return true
}
