package ops_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoCompileHelpersExported checks that what only the compile step
// needs (now in internal/opkit) and dead helpers stay out of the public
// ops API: a porter reads this package as TF's op list.
func TestNoCompileHelpersExported(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					exported[d.Name.Name] = d.Name.IsExported()
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						exported[ts.Name.Name] = ts.Name.IsExported()
					}
				}
			}
		}
	}
	if !exported["MatMul"] || !exported["Gradients"] {
		t.Fatalf("parsed no public API: %v", exported)
	}
	for _, name := range []string{"GradientsOf", "DependsOn", "Broadcaster", "NewBroadcaster", "Elementwise", "BroadcastIndex", "ReduceTo", "IsSoftmax"} {
		if exported[name] {
			t.Errorf("ops exports %s", name)
		}
	}
}
