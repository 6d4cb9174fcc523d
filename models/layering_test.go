package models_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestModelsStayBelowTheWeb keeps the one-way data flow true: nothing under
// models/ may depend on the web layer or the chart library.
func TestModelsStayBelowTheWeb(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "sqlite_fts5", "-deps", "dateline/models/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list failed: %v\n%s", err, out)
	}
	forbidden := []string{"github.com/gin-gonic/gin", "github.com/go-echarts/go-echarts", "dateline/views", "dateline/handlers"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if dep == f || strings.HasPrefix(dep, f+"/") {
				t.Errorf("models depends on %s", dep)
			}
		}
	}
}

// TestModelsPackageIsStdlibOnly keeps the domain package free of drivers and ORMs.
func TestModelsPackageIsStdlibOnly(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, "dateline/models").CombinedOutput()
	if err != nil {
		t.Fatalf("go list failed: %v\n%s", err, out)
	}
	for _, imp := range strings.Fields(string(out)) {
		if strings.Contains(imp, ".") {
			t.Errorf("models imports %s; it may import the standard library only", imp)
		}
	}
}
