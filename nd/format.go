package nd

import (
	"math"
	"strconv"
	"strings"
)

// numpy's print options at their defaults (numpy.get_printoptions()).
const (
	lineWidth = 75   // linewidth
	precision = 8    // precision, with floatmode 'maxprec'
	threshold = 1000 // arrays with more elements are summarized
	edgeItems = 3    // edgeitems: what a summary shows of each end
)

// String prints the array as numpy's str(a) does with the default print
// options (numpy >= 1.14, not legacy mode), so printed values can be
// compared with a notebook's:
//
//   - nested brackets, one row per line, blank lines between the blocks of
//     a rank-3 or higher array, lines wrapped at 75 characters;
//   - floats in the shortest form that reads back as the array's dtype
//     (float32 at float32 precision), at most 8 digits after the point,
//     "1." for a whole number; scientific ("1.e-05") when a nonzero
//     magnitude is below 1e-4 or reaches 1e8, or the largest is more than
//     1000 times the smallest; every element padded to the same width
//     (numpy's FloatingFormat, floatmode 'maxprec');
//   - integers right-aligned to the widest; bools as " True" and "False";
//   - an array of more than 1000 elements summarized as numpy does, three
//     items from each end of every dim around "...";
//   - an empty array as "[]"; a rank-0 array as numpy prints the scalar
//     (0.5, 1.0, 7, True).
func (a *Array) String() string {
	if a.Rank() == 0 {
		return scalarString(a)
	}
	if a.Len() == 0 {
		return "[]"
	}
	summary := a.Len() > threshold
	// numpy pads to the widest of the elements shown: one pass finds
	// them, the second prints
	var shown []int
	a.layout(summary, func(off int) string { shown = append(shown, off); return "" })
	format := newFormatter(a, shown)
	return a.layout(summary, func(off int) string { return format(a.Flat(off)) })
}

// layout is numpy's _formatArray: it lays out the elements word gives for
// each shown flat offset in nested brackets, wrapping lines and
// summarizing as numpy does.
func (a *Array) layout(summary bool, word func(off int) string) string {
	var rec func(dim, off int, indent string, width int) string
	rec = func(dim, off int, indent string, width int) string {
		if dim == len(a.shape) {
			return word(off)
		}
		n, stride := a.shape[dim], NumElements(a.shape[dim+1:])
		lead, trail := 0, n
		if summary && 2*edgeItems < n {
			lead, trail = edgeItems, edgeItems
		}
		idx := make([]int, 0, lead+trail)
		for i := range lead {
			idx = append(idx, i)
		}
		for i := n - trail; i < n; i++ {
			idx = append(idx, i)
		}
		next := indent + " "
		var s strings.Builder
		if dim == len(a.shape)-1 {
			elemWidth := width - 1 // room for the closing bracket
			line := indent
			for k, i := range idx {
				if k == lead && lead > 0 {
					line = extendLine(&s, line, "...", elemWidth, indent) + " "
				}
				line = extendLine(&s, line, rec(dim+1, off+i*stride, next, width-1), elemWidth, indent)
				if k < len(idx)-1 {
					line += " "
				}
			}
			s.WriteString(line)
		} else {
			sep := strings.Repeat("\n", len(a.shape)-dim-1)
			for k, i := range idx {
				if k == lead && lead > 0 {
					s.WriteString(indent + "..." + sep)
				}
				s.WriteString(indent + rec(dim+1, off+i*stride, next, width-1))
				if k < len(idx)-1 {
					s.WriteString(sep)
				}
			}
		}
		return "[" + s.String()[len(indent):] + "]"
	}
	return rec(0, 0, " ", lineWidth)
}

// extendLine appends word to line, first moving to a new line (written to
// s) when it would pass width, unless that would not help.
func extendLine(s *strings.Builder, line, word string, width int, indent string) string {
	if len(line)+len(word) > width && len(line) > len(indent) {
		s.WriteString(strings.TrimRight(line, " ") + "\n")
		line = indent
	}
	return line + word
}

// newFormatter returns the function that prints each element, padded to
// the common width numpy computes over the elements shown.
func newFormatter(a *Array, idx []int) func(float64) string {
	switch a.dtype {
	case Bool:
		return func(x float64) string {
			if x != 0 {
				return " True"
			}
			return "False"
		}
	case Int64:
		w := 0
		for _, i := range idx {
			w = max(w, len(strconv.FormatInt(int64(a.Flat(i)), 10)))
		}
		return func(x float64) string { return padLeft(strconv.FormatInt(int64(x), 10), w) }
	}
	bits := 64
	if a.dtype == Float32 {
		bits = 32
	}
	return floatFormatter(a, idx, bits)
}

// floatFormatter is numpy's FloatingFormat with floatmode 'maxprec' and
// sign '-': fillFormat picks positional or scientific notation and the
// padding from the finite values, each element is then printed with
// dragon4 (shortest digits that read back, at most 8 fractional).
func floatFormatter(a *Array, idx []int, bits int) func(float64) string {
	var finite []float64
	hasNaN, negInf, hasInf := false, false, false
	minAbs, maxAbs := math.Inf(1), 0.0
	for _, i := range idx {
		x := a.Flat(i)
		switch {
		case math.IsNaN(x):
			hasNaN = true
			continue
		case math.IsInf(x, 0):
			hasInf, negInf = true, negInf || x < 0
			continue
		}
		finite = append(finite, x)
		if x != 0 {
			minAbs, maxAbs = min(minAbs, math.Abs(x)), max(maxAbs, math.Abs(x))
		}
	}
	exp := maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs/minAbs > 1000)
	padL, padR, prec, expDigits := 0, 0, 0, 0
	for _, x := range finite {
		if exp {
			mant, e := sciParts(x, bits, -1)
			ip, fp, _ := strings.Cut(mant, ".")
			padL, prec, expDigits = max(padL, len(ip)), max(prec, len(fp)), max(expDigits, len(e)-1)
		} else {
			ip, fp, _ := strings.Cut(positional(x, bits), ".")
			padL, padR = max(padL, len(ip)), max(padR, len(fp))
		}
	}
	if exp {
		padR = expDigits + 2 + prec
	}
	if hasNaN || hasInf {
		inf := 3
		if negInf {
			inf = 4
		}
		padL = max(padL, 3-(padR+1), inf-(padR+1))
	}
	return func(x float64) string {
		switch {
		case math.IsNaN(x):
			return padLeft("nan", padL+padR+1)
		case math.IsInf(x, 1):
			return padLeft("inf", padL+padR+1)
		case math.IsInf(x, -1):
			return padLeft("-inf", padL+padR+1)
		}
		if exp {
			mant, e := sciParts(x, bits, prec)
			ip, fp, _ := strings.Cut(mant, ".")
			for len(e)-1 < expDigits {
				e = e[:1] + "0" + e[1:]
			}
			return padLeft(ip, padL) + "." + fp + "e" + e
		}
		ip, fp, _ := strings.Cut(positional(x, bits), ".")
		return padLeft(ip, padL) + "." + fp + strings.Repeat(" ", padR-len(fp))
	}
}

// positional prints x as dragon4_positional(unique, precision 8, trim
// '.') does: the shortest digits that read back as the dtype, rounded to
// at most 8 after the point, with the point kept ("1.", "0.5").
func positional(x float64, bits int) string {
	s := strconv.FormatFloat(x, 'f', -1, bits)
	if _, fp, ok := strings.Cut(s, "."); ok && len(fp) > precision {
		s = strings.TrimRight(strconv.FormatFloat(x, 'f', precision, bits), "0")
	}
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s
}

// sciParts prints x as dragon4_scientific does: the mantissa with the
// shortest digits that read back (at most 8 after the point), or exactly
// digits of them when digits >= 0, the point kept; and the exponent with
// its sign and at least two digits ("-05").
func sciParts(x float64, bits, digits int) (mant, exp string) {
	s := strconv.FormatFloat(x, 'e', -1, bits)
	m, e, _ := strings.Cut(s, "e")
	_, fp, _ := strings.Cut(m, ".")
	switch {
	case digits >= 0 && len(fp) <= digits:
		if !strings.Contains(m, ".") {
			m += "."
		}
		m += strings.Repeat("0", digits-len(fp))
	case digits >= 0 || len(fp) > precision:
		n := digits
		if n < 0 {
			n = precision
		}
		s = strconv.FormatFloat(x, 'e', n, bits)
		m, e, _ = strings.Cut(s, "e")
		if digits < 0 {
			m = strings.TrimRight(m, "0")
		}
	}
	if !strings.Contains(m, ".") {
		m += "."
	}
	return m, e
}

func padLeft(s string, w int) string {
	if len(s) >= w {
		return s
	}
	return strings.Repeat(" ", w-len(s)) + s
}

// scalarString prints a rank-0 array as numpy prints the scalar it holds:
// floats in their shortest form with ".0" for a whole number (repr of a
// Python float), scientific below 1e-4 or from 1e16.
func scalarString(a *Array) string {
	x := a.Flat(0)
	switch a.dtype {
	case Bool:
		if x != 0 {
			return "True"
		}
		return "False"
	case Int64:
		return strconv.FormatInt(a.Int64s()[0], 10)
	}
	bits := 64
	if a.dtype == Float32 {
		bits = 32
	}
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case x != 0 && (math.Abs(x) < 1e-4 || math.Abs(x) >= 1e16):
		return strconv.FormatFloat(x, 'e', -1, bits)
	}
	s := strconv.FormatFloat(x, 'f', -1, bits)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
