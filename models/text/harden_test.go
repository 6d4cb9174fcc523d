package text

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models"
)

// TestDecodeHostile decodes the encodings issue 6 names: Latin-1 and
// Windows-1252 are read, not refused; binary is refused with EINVALID.
func TestDecodeHostile(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string // "" when refused
	}{
		{"latin1", []byte("Caf\xe9 in Z\xfcrich, 5\xb0C"), "Café in Zürich, 5°C"},
		{"cp1252 quotes and dashes", []byte("\x93Yes\x94 \x96 \x85 \x80 5"), "“Yes” – … € 5"},
		{"invalid utf8 bytes", []byte("ok \xc3\x28 \xff"), "ok Ã( ÿ"},
		{"utf8 with bom", []byte("\xef\xbb\xbfhello"), "hello"},
		{"utf16 le", []byte{0xFF, 0xFE, 'h', 0, 'i', 0}, "hi"},
		{"utf16 be", []byte{0xFE, 0xFF, 0, 'h', 0, 'i'}, "hi"},
		{"empty", nil, ""},
		{"nul bytes", []byte("text\x00more"), ""},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), ""},
		{"controls", []byte(strings.Repeat("a\x01\x02\x03", 50)), ""},
		{"odd utf16", []byte{0xFF, 0xFE, 'h'}, "\uFFFD"},
	}
	for _, tc := range tests {
		got, err := Decode(tc.in)
		switch {
		case tc.want == "" && len(tc.in) > 0:
			if err == nil || models.ErrorCode(err) != models.EINVALID {
				t.Errorf("%s: got %q, %v; want an EINVALID refusal", tc.name, got, err)
			}
		case err != nil || got != tc.want || !utf8.ValidString(got):
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

// TestFromHTMLHostile reads pages built to hurt an HTML reader: each ends
// with a page or an EINVALID/ETOOLARGE error, never a panic or EINTERNAL.
func TestFromHTMLHostile(t *testing.T) {
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		page string
		code string // "" for a page
	}{
		"nested 50000 deep":   {"<html><body>" + strings.Repeat("<div>", 50000) + "x", models.EINVALID},
		"nested tables":       {"<table>" + strings.Repeat("<tr><td><table>", 3000) + "x", models.EINVALID},
		"no body":             {"<html><head><title>T</title></head></html>", models.EINVALID},
		"only a script":       {"<html><body><script>var a = 1;</script></body></html>", models.EINVALID},
		"unclosed comment":    {"<html><body><p>Officials met on Monday.</p><!-- " + strings.Repeat("x", 10000), ""},
		"over the size limit": {"<p>" + strings.Repeat("a", MaxHTMLBytes), models.ETOOLARGE},
		"many paragraphs":     {"<html><body>" + strings.Repeat("<p>Officials met in Geneva on Monday, a spokesman said.</p>", 20000) + "</body></html>", ""},
		"bad entities":        {"<html><body><p>&#xFFFFFFFF; &#0; &bogus; &#55296; Officials met on Monday, a spokesman said.</p></body></html>", ""},
		"bad meta date":       {`<html><head><meta property="article:published_time" content="99999-99-99T99:99"></head><body><p>Officials met on Monday, a spokesman said.</p></body></html>`, ""},
	}
	for name, tc := range tests {
		p, err := FromHTMLAt([]byte(tc.page), "https://example.com/a", &ref)
		switch {
		case tc.code == "" && (err != nil || p.Body == "" || !utf8.ValidString(p.Body)):
			t.Errorf("%s: %v, body %.80q", name, err, p.Body)
		case tc.code != "" && models.ErrorCode(err) != tc.code:
			t.Errorf("%s: %v (code %s), want code %s", name, err, models.ErrorCode(err), tc.code)
		}
	}
}

// TestSentencesHostile splits texts without sentence ends or made of
// punctuation: spans stay inside the text and in order.
func TestSentencesHostile(t *testing.T) {
	for name, body := range map[string]string{
		"no ends":       strings.Repeat("word ", 100000),
		"only stops":    strings.Repeat(".", 50000),
		"only quotes":   strings.Repeat(`"`, 20000),
		"abbreviation":  strings.Repeat("U.S. ", 20000),
		"ellipses":      strings.Repeat("Wait... ", 20000),
		"newlines":      strings.Repeat("\n", 50000),
		"one long word": strings.Repeat("x", 20000),
		"cue runs":      strings.Repeat(`"Yes," he said, `, 5000),
	} {
		n := utf8.RuneCountInString(body)
		last := 0
		for _, s := range Sentences(body) {
			if s.Start < last || s.End < s.Start || s.End > n {
				t.Errorf("%s: span [%d,%d) after %d in %d runes", name, s.Start, s.End, last, n)
				break
			}
			last = s.End
			if s.End-s.Start > 2*MaxSentenceRunes {
				t.Errorf("%s: a sentence of %d runes", name, s.End-s.Start)
				break
			}
		}
	}
}
