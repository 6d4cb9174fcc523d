package text

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

func TestFromHTMLDates(t *testing.T) {
	body := `<article><h1>Talks resume</h1><p>Delegations met again on Tuesday in Geneva to discuss the corridor and its inspections regime.</p><p>"We are closer," the mediator said after the session ended late in the evening.</p></article>`
	page := func(head, inBody string) string {
		return "<html><head><title>Talks resume</title>" + head + "</head><body>" + inBody + body + "</body></html>"
	}
	tests := []struct {
		name, html, at, prec, by string
	}{
		{"meta property", page(`<meta property="article:published_time" content="2025-08-05T09:15:00+02:00">`, ""), "2025-08-05T07:15:00Z", "hour", "meta"},
		{"meta itemprop date only", page(`<meta itemprop="datePublished" content="2025-08-05">`, ""), "2025-08-05T00:00:00Z", "day", "meta"},
		{"json-ld graph", page(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2025-08-03T07:45:00+03:00"}]}</script>`, ""), "2025-08-03T04:45:00Z", "hour", "json-ld"},
		{"time tag", page("", `<time datetime="2025-08-04T16:20:00Z" pubdate>4 Aug</time>`), "2025-08-04T16:20:00Z", "hour", "time-tag"},
		{"meta beats time tag", page(`<meta name="pubdate" content="2025-08-02T10:00:00Z">`, `<time datetime="2025-08-04T16:20:00Z">x</time>`), "2025-08-02T10:00:00Z", "hour", "meta"},
		{"future meta ignored", page(`<meta property="article:published_time" content="2031-01-01T00:00:00Z">`, `<time datetime="2025-08-04T16:20:00Z">x</time>`), "2025-08-04T16:20:00Z", "hour", "time-tag"},
		{"broken json-ld", page(`<script type="application/ld+json">{"datePublished": </script>`, ""), "", "unknown", ""},
		{"no date", page("", ""), "", "unknown", ""},
	}
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := FromHTMLAt([]byte(tt.html), "", &ref)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if p.PublishedAt != nil {
				got = p.PublishedAt.Format(time.RFC3339)
			}
			if got != tt.at || p.PublishedPrecision != tt.prec || p.PublishedBy != tt.by {
				t.Errorf("got %q %s %s, want %q %s %s", got, p.PublishedPrecision, p.PublishedBy, tt.at, tt.prec, tt.by)
			}
			if p.Title != "Talks resume" || !strings.HasPrefix(p.Body, "Delegations met again") {
				t.Errorf("title %q body %q", p.Title, p.Body)
			}
		})
	}
}

func TestFromHTMLDateFromURL(t *testing.T) {
	html := `<html><head><title>Corridor</title></head><body><article><p>Delegations met again in Geneva to discuss the corridor and its inspections regime.</p></article></body></html>`
	p, err := FromHTML([]byte(html), "https://news.example/2025/08/05/corridor-talks")
	if err != nil {
		t.Fatal(err)
	}
	if p.PublishedAt == nil || p.PublishedAt.Format("2006-01-02") != "2025-08-05" || p.PublishedPrecision != models.PrecDay || p.PublishedBy != "htmldate" {
		t.Errorf("got %v %s %s, want the URL's date", p.PublishedAt, p.PublishedPrecision, p.PublishedBy)
	}
}

func TestFromHTMLSample(t *testing.T) {
	b, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := FromHTML(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.SiteName != "The Sample Ledger" || p.PublishedBy != "meta" || !strings.Contains(p.Title, "Kremlin talks") {
		t.Errorf("page: %q %q %q", p.Title, p.SiteName, p.PublishedBy)
	}
	paras := strings.Split(p.Body, "\n\n")
	if len(paras) != 6 {
		t.Errorf("%d paragraphs, want 6:\n%s", len(paras), p.Body)
	}
	for _, junk := range []string{"Subscribe", "Sign up", "By Elena", "Oil prices slip", "fictional outlet", "analytics"} {
		if strings.Contains(p.Body, junk) {
			t.Errorf("body keeps page furniture %q", junk)
		}
	}
}

// TestFromHTMLBadInput feeds pages that are not articles: each gives a
// clear error with a code, or a sane result, and none panics or hangs.
func TestFromHTMLBadInput(t *testing.T) {
	tests := []struct {
		name string
		html string
		code string // "" when a result is fine
	}{
		{"empty", "", models.EINVALID},
		{"white space", " \n\t ", models.EINVALID},
		{"no tags", "just some words", models.EINVALID},
		{"no body text", "<html><head><title>x</title></head><body></body></html>", models.EINVALID},
		{"scripts only", "<html><body><script>var a = 1;</script></body></html>", models.EINVALID},
		{"nested 50000 deep", strings.Repeat("<div>", 50000) + "text" + strings.Repeat("</div>", 50000), models.EINVALID},
		{"unclosed 50000", strings.Repeat("<b><i>", 25000) + "text", models.EINVALID},
		{"too large", "<p>" + strings.Repeat("a", MaxHTMLBytes) + "</p>", models.ETOOLARGE},
		{"tag soup", "<p>Envoy meets leader in the capital for long talks on the war.<p>Second<table><td>cell", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := FromHTML([]byte(tt.html), "")
			if tt.code == "" {
				if err != nil || p.Body == "" {
					t.Errorf("want a result, got %v", err)
				}
				return
			}
			var e *models.Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Errorf("got error %v, want code %s", err, tt.code)
			}
		})
	}
}

// TestFromHTMLLargePage covers the plain reading of pages with more text
// than the main-text extractor handles in good time.
func TestFromHTMLLargePage(t *testing.T) {
	para := "<p>Delegations met again in Geneva on Tuesday to discuss the corridor and its inspections regime.</p>"
	page := `<html><head><title>Big page</title><meta property="og:site_name" content="Ledger"></head><body><nav>Menu Home World</nav><article>` +
		strings.Repeat(para, 2000) + "</article><footer>Copyright</footer></body></html>"
	p, err := FromHTML([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(p.Body, "\n\n")
	if p.Title != "Big page" || p.SiteName != "Ledger" || len(paras) != 2000 || strings.Contains(p.Body, "Menu") || strings.Contains(p.Body, "Copyright") {
		t.Errorf("large page: %q %q, %d paragraphs, body starts %.80q", p.Title, p.SiteName, len(paras), p.Body)
	}
}

func TestParseMachineTime(t *testing.T) {
	tests := []struct{ in, want, prec string }{
		{"2025-08-06T14:30:00+03:00", "2025-08-06T11:30:00Z", "hour"},
		{"2025-08-06T14:30:00.123Z", "2025-08-06T14:30:00Z", "hour"},
		{"2025-08-06T14:30:00+0300", "2025-08-06T11:30:00Z", "hour"},
		{"2025-08-06 14:30:00", "2025-08-06T14:30:00Z", "hour"},
		{"Wed, 06 Aug 2025 14:30:00 +0000", "2025-08-06T14:30:00Z", "hour"},
		{"2025-08-06", "2025-08-06T00:00:00Z", "day"},
		{"6 August", "", ""},
		{"yesterday", "", ""},
		{"2025-13-45", "", ""},
	}
	for _, tt := range tests {
		got, prec, ok := parseMachineTime(tt.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want || prec != tt.prec {
			t.Errorf("parseMachineTime(%q) = %q %q, want %q %q", tt.in, s, prec, tt.want, tt.prec)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		ok   bool
	}{
		{"utf-8", []byte("Zelensky – “peace”"), "Zelensky – “peace”", true},
		{"bom", []byte("\xEF\xBB\xBFhello"), "hello", true},
		{"latin-1", []byte("Caf\xe9 in Z\xfcrich"), "Café in Zürich", true},
		{"windows-1252 quotes", []byte("\x93peace\x94 \x96 now"), "“peace” – now", true},
		{"utf-16le", []byte("\xFF\xFEh\x00i\x00"), "hi", true},
		{"nul bytes", []byte("PK\x03\x04\x00\x00binary"), "", false},
		{"control chars", []byte("\x01\x02\x03\x04\x05abc"), "", false},
		{"empty", nil, "", true},
	}
	for _, tt := range tests {
		got, err := Decode(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%s: Decode = %q, %v; want %q ok=%v", tt.name, got, err, tt.want, tt.ok)
		}
		if err != nil && models.ErrorCode(err) != models.EINVALID {
			t.Errorf("%s: error code %s, want invalid", tt.name, models.ErrorCode(err))
		}
	}
}

// FuzzFromHTML checks that no input panics and that a result is clean text.
func FuzzFromHTML(f *testing.F) {
	if b, err := os.ReadFile("testdata/article.html"); err == nil {
		f.Add(string(b))
	}
	f.Add(`<html><head><meta property="article:published_time" content="2025-08-06T14:30:00+03:00"></head><body><p>Text here for a while.</p></body></html>`)
	f.Add(`<script type="application/ld+json">{"@graph":[[[{"datePublished":"x"}]]]}</script><time datetime="9999-99-99">`)
	f.Add("<p>" + strings.Repeat("<div>", 600))
	f.Fuzz(func(t *testing.T, html string) {
		p, err := FromHTML([]byte(html), "")
		if err != nil {
			return
		}
		if strings.Contains(p.Body, "\n\n\n") || strings.TrimSpace(p.Body) != p.Body {
			t.Fatalf("unclean body %q", p.Body)
		}
		if p.PublishedAt != nil && p.PublishedPrecision == models.PrecUnknown {
			t.Fatalf("a time with unknown precision")
		}
	})
}

func BenchmarkFromHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := FromHTML(page, ""); err != nil {
			b.Fatal(err)
		}
	}
}
