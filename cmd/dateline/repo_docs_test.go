package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRepoDocsAgree checks the facts the README, the scripts and the
// package files state about each other: the Go version go.mod needs, the
// licence, and the make targets they name.
func TestRepoDocsAgree(t *testing.T) {
	root := moduleRoot(mustGetwd(t))
	if root == "" {
		t.Fatal("no module root above the package folder")
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	readme, makefile := read("README.md"), read("Makefile")
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(read("go.mod"))
	if goVersion == nil || !strings.Contains(readme, "Go "+goVersion[1]+" or later") {
		t.Errorf("README does not say Go %v or later, as go.mod needs", goVersion)
	}
	var pkg struct{ License string }
	if err := json.Unmarshal([]byte(read("package.json")), &pkg); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(read("LICENSE"), "\n"); first != pkg.License+" License" {
		t.Errorf("package.json says licence %q, LICENSE says %q", pkg.License, first)
	}
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-z][a-z0-9-]*):`).FindAllStringSubmatch(makefile, -1) {
		targets[m[1]] = true
	}
	named := regexp.MustCompile("make ([a-z][a-z0-9-]*)")
	for _, f := range []string{"README.md", ".ci/run", ".ci/postgres.sh"} {
		for _, m := range named.FindAllStringSubmatch(read(f), -1) {
			if !targets[m[1]] {
				t.Errorf("%s names make %s, which the Makefile lacks", f, m[1])
			}
		}
	}
}
