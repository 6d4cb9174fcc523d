package models

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Steve Witkoff", "steve-witkoff"},
		{"U.S. Envoy Steve Witkoff", "us-envoy-steve-witkoff"},
		{"  Volodymyr   Zelenskyy ", "volodymyr-zelenskyy"},
		{"Recep Tayyip Erdoğan", "recep-tayyip-erdogan"},
		{"O'Brien", "obrien"},
		{"Sanctions deadline: 8 August", "sanctions-deadline-8-august"},
		{"Кремль", "кремль"},
		// failures and regressions
		{"", ""},
		{"!!! ---", ""},
		{"-leading-and-trailing-", "leading-and-trailing"},
	}
	for _, tc := range tests {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormaliseQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"We will see what happens.", "we will see what happens"},
		{"“We’ll see…”", "well see"},
		{`"we'll   see ..."`, "well see"},
		{"Great progress—was made!", "great progress was made"},
		{"déjà vu", "deja vu"},
		{"", ""},
		{"... !!", ""},
	}
	for _, tc := range tests {
		if got := NormaliseQuote(tc.in); got != tc.want {
			t.Errorf("NormaliseQuote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if QuoteKey("We'll see…") != QuoteKey("  we’ll SEE ...") {
		t.Error("QuoteKey differs for copies of the same words")
	}
	if QuoteKey("We will see") == QuoteKey("We will not see") {
		t.Error("QuoteKey equal for different words")
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Steve Witkoff", "U.S.", "Erdoğan", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if Slug(got) != got {
			t.Errorf("Slug not idempotent: %q -> %q -> %q", s, got, Slug(got))
		}
		if NormaliseQuote(NormaliseQuote(s)) != NormaliseQuote(s) {
			t.Errorf("NormaliseQuote not idempotent on %q", s)
		}
	})
}

// FuzzASCIIFold checks that the byte-wise slug and normalisation of ASCII
// texts are what the Unicode paths make of them.
func FuzzASCIIFold(f *testing.F) {
	for _, s := range []string{"U.S. Envoy Steve Witkoff", "O'Brien", "-a--b-", "We'll see...", "\"Don't\" -- `x`", "\x00\x7f~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := asciiSlug(s); ok && got != unicodeSlug(s) {
			t.Errorf("asciiSlug(%q) = %q, unicodeSlug %q", s, got, unicodeSlug(s))
		}
		if got, ok := asciiNormalise(s); ok && got != unicodeNormalise(s) {
			t.Errorf("asciiNormalise(%q) = %q, unicodeNormalise %q", s, got, unicodeNormalise(s))
		}
	})
}
