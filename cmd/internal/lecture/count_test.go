package lecture

import (
	"strings"
	"testing"
)

func TestCountAndFloat(t *testing.T) {
	for _, c := range []struct {
		args    []string
		filters int
		lr      float64
		err     string
	}{
		{nil, 16, 0.001, ""},
		{[]string{"-filters", "32", "-lr", "0.01"}, 32, 0.01, ""},
		{[]string{"-filters", "0"}, 0, 0, `invalid value "0" for flag -filters: want a positive whole number`},
		{[]string{"-filters", "x"}, 0, 0, `invalid value "x" for flag -filters`},
	} {
		var filters int
		var lr float64
		_, err := Parse("test", c.args, Filters(&filters), Float(&lr, "lr", 0.001, "rate"))
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Parse(%q): %v, want %q", c.args, err, c.err)
			}
		case err != nil:
			t.Errorf("Parse(%q): %v", c.args, err)
		case filters != c.filters || lr != c.lr:
			t.Errorf("Parse(%q): filters %d, lr %v; want %d, %v", c.args, filters, lr, c.filters, c.lr)
		}
	}
}
