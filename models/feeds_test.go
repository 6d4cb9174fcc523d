package models

import (
	"reflect"
	"strings"
	"testing"
)

func TestFeedCheck(t *testing.T) {
	ok := Feed{StorySlug: "talks", URL: "https://wire.example/feed.xml"}
	with := func(fn func(*Feed)) Feed { f := ok; fn(&f); return f }
	tests := []struct {
		name string
		f    Feed
		want string // "" for no error
	}{
		{"good", ok, ""},
		{"keywords", with(func(f *Feed) { f.Keywords = []string{"envoy", "cease-fire talks"} }), ""},
		{"no story", with(func(f *Feed) { f.StorySlug = " " }), "--story is required"},
		{"no address", with(func(f *Feed) { f.URL = "" }), "want an http or https URL"},
		{"ftp", with(func(f *Feed) { f.URL = "ftp://wire.example/feed" }), "want an http or https URL"},
		{"no host", with(func(f *Feed) { f.URL = "http://" }), "want an http or https URL"},
		{"script", with(func(f *Feed) { f.URL = "javascript:alert(1)" }), "want an http or https URL"},
		{"spaces around", with(func(f *Feed) { f.URL = " https://wire.example/feed " }), "want an http or https URL"},
		{"too long", with(func(f *Feed) { f.URL = "https://wire.example/" + strings.Repeat("a", MaxFeedURL) }), "at most 2048"},
		{"empty keyword", with(func(f *Feed) { f.Keywords = []string{"envoy", " "} }), "want words on one line"},
		{"keyword over lines", with(func(f *Feed) { f.Keywords = []string{"a\nb"} }), "want words on one line"},
		{"long keyword", with(func(f *Feed) { f.Keywords = []string{strings.Repeat("k", MaxFeedKeyword+1)} }), "at most 200 bytes"},
		{"many keywords", with(func(f *Feed) { f.Keywords = strings.Fields(strings.Repeat("k ", MaxFeedKeywords+1)) }), "at most 50"},
	}
	for _, tt := range tests {
		err := tt.f.Check()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(ErrorMessage(err), tt.want) || ErrorCode(err) != EINVALID):
			t.Errorf("%s: got %v, want an EINVALID error with %q", tt.name, err, tt.want)
		}
	}
}

func TestSplitKeywords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" , \n", nil},
		{"envoy", []string{"envoy"}},
		{"envoy, talks", []string{"envoy", "talks"}},
		{"envoy\r\ncease-fire talks\n\n,Geneva ", []string{"envoy", "cease-fire talks", "Geneva"}},
	}
	for _, tt := range tests {
		if got := SplitKeywords(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitKeywords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
