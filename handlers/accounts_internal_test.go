package handlers

import (
	"net/url"
	"strings"
	"testing"
)

func TestLocalPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/stories/x?kind=deadline", "/stories/x?kind=deadline"},
		{"/", "/"},
		{"", "/f"},
		{"stories/x", "/f"},
		{"//evil.test/x", "/f"},
		{"/\\evil.test", "/f"},
		{"https://evil.test/", "/f"},
		{"/x\r\nSet-Cookie: a=b", "/f"},
		{"/a b", "/a%20b"},
		// regressions
		{"/%2f%2fevil.test", "/%2f%2fevil.test"}, // escaped slashes stay on this host
		{"/%2f ", "/f"},                          // found by FuzzLocalPath: "//%20"
		{"/\t/evil.test", "/f"},                  // a browser drops the tab
		{"/%09/evil.test", "/%09/evil.test"},     // an escaped tab is not dropped
	}
	for _, tt := range tests {
		if got := localPath(tt.in, "/f"); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzLocalPath: whatever comes in, what comes out is the fallback or a
// path of this site that a browser reads as such.
func FuzzLocalPath(f *testing.F) {
	for _, s := range []string{"/stories/x?a=b", "//x", "/\\x", "http://x/", "/%2f", "/a#b", "/\t/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := localPath(s, "/f")
		if got == "/f" {
			return
		}
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(got, "/") ||
			strings.HasPrefix(got, "//") || strings.ContainsAny(got, "\\\r\n\t") {
			t.Fatalf("localPath(%q) = %q, not a local path", s, got)
		}
	})
}
