package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// runVersion prints the module version, the commit the binary was built
// from (when the build saw a git checkout), the build tags and the Go
// version, all from the build information Go embeds in the binary.
func runVersion(e *env) int {
	if len(e.args) > 0 {
		fmt.Fprintln(e.stderr, "Usage: dateline version")
		if e.args[0] == "-h" || e.args[0] == "--help" {
			return 0
		}
		return 2
	}
	fmt.Fprintln(e.stdout, versionLine(debug.ReadBuildInfo()))
	return 0
}

// versionLine formats the build information; ok false (a binary without
// it) still gives the Go version.
func versionLine(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return fmt.Sprintf("dateline (no build information), %s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	}
	set := map[string]string{}
	for _, s := range bi.Settings {
		set[s.Key] = s.Value
	}
	parts := []string{"dateline " + bi.Main.Version}
	if rev := set["vcs.revision"]; rev != "" {
		c := "commit " + rev[:min(12, len(rev))]
		if t := set["vcs.time"]; t != "" {
			c += " of " + t
		}
		if set["vcs.modified"] == "true" {
			c += " with local changes"
		}
		parts = append(parts, c)
	}
	tags := set["-tags"]
	if tags == "" {
		tags = "none"
	}
	if !strings.Contains(","+tags+",", ",sqlite_fts5,") {
		tags += " (no sqlite_fts5: full-text search missing, rebuild with make build)"
	}
	parts = append(parts, "build tags "+tags, fmt.Sprintf("%s %s/%s", bi.GoVersion, runtime.GOOS, runtime.GOARCH))
	return strings.Join(parts, ", ")
}
