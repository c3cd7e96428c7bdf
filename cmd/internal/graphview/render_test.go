package graphview

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var svgDir = flag.String("svg-dir", "", "where TestRenderModels writes the drawings (default: none)")

// TestRenderModels draws every model both ways: well-formed SVG with
// every box's name, and the compile report beside the compiled drawing.
func TestRenderModels(t *testing.T) {
	for _, m := range Models {
		for _, compiled := range []bool{false, true} {
			svg, err := Render(m, compiled, false)
			if err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			if err := xml.Unmarshal(svg, new(struct{})); err != nil {
				t.Errorf("%s: not XML: %v", m.Name, err)
			}
			g, _, _ := m.Build()
			groups, _ := scopes(g, false)
			for _, gr := range groups {
				if !strings.Contains(string(svg), ">"+gr.name+"<") {
					t.Errorf("%s: no box for %s", m.Name, gr.name)
				}
			}
			if got := strings.Contains(string(svg), "pruned:"); got != compiled {
				t.Errorf("%s compiled=%v: report shown %v", m.Name, compiled, got)
			}
			if *svgDir != "" {
				name := m.Name + map[bool]string{false: "-declared.svg", true: "-compiled.svg"}[compiled]
				os.WriteFile(filepath.Join(*svgDir, name), svg, 0o644)
			}
		}
	}
}
