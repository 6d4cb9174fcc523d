package handlers

import (
	"strings"
	"testing"
)

func TestEmbedOf(t *testing.T) {
	hosts := map[string]bool{"news.example": true}
	tests := []struct {
		raw, slug, chart, look string
		ok                     bool
	}{
		{"http://127.0.0.1:8080/stories/russia", "russia", "", "", true},
		{"https://NEWS.example/embed/stories/russia/deadline?theme=dark&x=1", "russia", "deadline", "theme=dark", true},
		{"http://127.0.0.1:9999/embed/stories/russia/timeline/", "russia", "timeline", "", true},
		{"http://127.0.0.1:8080/embed/stories/russia/pie", "", "", "", false},
		{"http://127.0.0.1:8080/stories/russia/edit", "", "", "", false},
		{"http://127.0.0.1:8080/stories/", "", "", "", false},
		{"http://127.0.0.1:8080/people/putin", "", "", "", false},
		{"http://elsewhere.example/stories/russia", "", "", "", false},
		{"ftp://127.0.0.1:8080/stories/russia", "", "", "", false},
		{"//127.0.0.1:8080/stories/russia", "", "", "", false},
		{"http://127.0.0.1:8080/stories/" + strings.Repeat("a", 3000), "", "", "", false},
		{"%", "", "", "", false},
	}
	for _, tt := range tests {
		slug, chart, look, ok := embedOf(tt.raw, "127.0.0.1:8080", hosts)
		if slug != tt.slug || chart != tt.chart || look != tt.look || ok != tt.ok {
			t.Errorf("embedOf(%q) = %q %q %q %v, want %q %q %q %v", tt.raw, slug, chart, look, ok, tt.slug, tt.chart, tt.look, tt.ok)
		}
	}
}

// FuzzEmbedOf: any address either names one of our embeds (a slug without
// a slash, a known chart, on our host) or is refused; none panics.
func FuzzEmbedOf(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1:8080/stories/russia", "https://127.0.0.1/embed/stories/a/deadline?theme=dark",
		"http://[::1]/stories/x", "http://127.0.0.1:8080/embed/stories/%2F/timeline", "javascript:alert(1)", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		slug, chart, look, ok := embedOf(raw, "127.0.0.1:8080", nil)
		if !ok {
			if slug != "" || chart != "" || look != "" {
				t.Errorf("refused %q but named %q %q %q", raw, slug, chart, look)
			}
			return
		}
		if slug == "" || strings.Contains(slug, "/") || oembedSizes[chart] == [2]int{} {
			t.Errorf("embedOf(%q) = %q %q", raw, slug, chart)
		}
		if look != "" && look != "theme=dark" && look != "theme=light" && !strings.Contains(look, "background=transparent") {
			t.Errorf("embedOf(%q) look %q", raw, look)
		}
	})
}
