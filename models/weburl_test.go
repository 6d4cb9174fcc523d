package models

import "testing"

func TestWebURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://example.org/news/1", "https://example.org/news/1"},
		{"  http://example.org/a?b=c  ", "http://example.org/a?b=c"},
		{"HTTPS://Example.org/", "HTTPS://Example.org/"},
		{"javascript:alert(1)", ""},
		{"JavaScript://example.org/%0Aalert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"file:///etc/passwd", ""},
		{"ftp://example.org/file", ""},
		{"//example.org/no-scheme", ""},
		{"/relative/path", ""},
		{"http://", ""},
		{"http://:80/", ""},
		{"not a url", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := WebURL(c.in); got != c.want {
			t.Errorf("WebURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzWebURL(f *testing.F) {
	for _, s := range []string{"https://example.org/", "javascript:x", "http://[::1]:8080/a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := WebURL(s)
		if got != "" && WebURL(got) != got {
			t.Fatalf("WebURL not stable on %q: %q", s, got)
		}
	})
}
