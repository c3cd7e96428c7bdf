package gallery

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// A cell is the text under one marker comment: "// [MSE-04]" in Go,
// "# [MSE-04]" in the notebooks' Python.
type cell struct {
	labels  []string // the labels the marker names
	isRange bool     // named as a range, "[MDC-03] .. [MDC-05]"
	text    string   // the marker line and the lines under it, dedented
}

// labelRE matches a cell label such as MSE-04.
var labelRE = regexp.MustCompile(`\[([A-Z]{3})-(\d{2})\]`)

// markerLabels returns the labels a marker line names, ranges ("[MDC-03]
// .. [MDC-05]") expanded, and whether the line is a marker at all: a
// comment whose text starts with a label.
func markerLabels(line, comment string) (labels []string, isRange, ok bool) {
	text := strings.TrimSpace(line)
	if !strings.HasPrefix(text, comment+" [") {
		return nil, false, false
	}
	text = strings.TrimSpace(strings.TrimPrefix(text, comment))
	// the labels up to the first ':' (what follows is prose)
	head, _, _ := strings.Cut(text, ":")
	ms := labelRE.FindAllStringSubmatch(head, -1)
	if len(ms) == 0 || !strings.HasPrefix(head, ms[0][0]) {
		return nil, false, false
	}
	if len(ms) == 2 && strings.Contains(head, "..") && ms[0][1] == ms[1][1] {
		from, _ := strconv.Atoi(ms[0][2])
		to, _ := strconv.Atoi(ms[1][2])
		for n := from; n <= to; n++ {
			labels = append(labels, label(ms[0][1], n))
		}
		return labels, true, true
	}
	for _, m := range ms {
		labels = append(labels, m[0][1:len(m[0])-1])
	}
	return labels, false, true
}

func label(prefix string, n int) string { return prefix + "-" + leftPad(strconv.Itoa(n)) }

func leftPad(s string) string {
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

// indent is the width of a line's leading tabs and spaces.
func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " \t")) }

// parseCells splits a source into its cells. A cell runs from its marker
// to the next marker; in Go (braces true) it also ends where the code
// drops below the marker's indentation, and a cell marked at the top level
// (before a func) ends with the func's closing brace.
func parseCells(src, comment string, braces bool) []cell {
	lines := strings.Split(src, "\n")
	var cells []cell
	for i := 0; i < len(lines); i++ {
		labels, isRange, ok := markerLabels(lines[i], comment)
		if !ok {
			continue
		}
		in := indent(lines[i])
		end := i + 1
		for ; end < len(lines); end++ {
			l := lines[end]
			if _, _, next := markerLabels(l, comment); next {
				break
			}
			if !braces || strings.TrimSpace(l) == "" {
				continue
			}
			if in == 0 && l == "}" {
				end++
				break
			}
			if in > 0 && indent(l) < in {
				break
			}
		}
		body := lines[i:end]
		for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
			body = body[:len(body)-1]
		}
		for j, l := range body {
			if len(l) >= in {
				body[j] = l[in:]
			}
		}
		cells = append(cells, cell{labels: labels, isRange: isRange, text: strings.Join(body, "\n")})
	}
	return cells
}

// cellIndex maps each label to its cell's text. A marker that names a
// label itself wins over a range that covers it ("[CNN-02] .. [CNN-05]"
// in a program that calls the model the models package builds cell by
// cell), and the first source read wins among equals.
type cellIndex struct {
	text     map[string]string
	explicit map[string]bool
}

func newCellIndex() *cellIndex {
	return &cellIndex{text: map[string]string{}, explicit: map[string]bool{}}
}

// add indexes the cells of every file of fsys matching pattern.
func (ix *cellIndex) add(fsys fs.FS, pattern, comment string, braces bool) error {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return err
	}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		for _, c := range parseCells(string(b), comment, braces) {
			for _, l := range c.labels {
				if _, seen := ix.text[l]; seen && (c.isRange || ix.explicit[l]) {
					continue
				}
				ix.text[l] = c.text
				ix.explicit[l] = !c.isRange
			}
		}
	}
	return nil
}
