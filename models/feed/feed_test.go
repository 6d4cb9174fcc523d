package feed

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
<atom:link href="https://wire.example/feed" rel="self"/>
<image><title>logo</title></image>
<item><title>Envoy arrives in Moscow</title><link>https://wire.example/a1</link>
  <guid isPermaLink="false">wire-1</guid><description>The envoy &lt;b&gt;arrived&lt;/b&gt;&nbsp;today.</description>
  <pubDate>Wed, 06 Aug 2025 09:30:00 +0000</pubDate></item>
<item><title>Talks end</title><guid>https://wire.example/a2</guid>
  <content:encoded><![CDATA[<p>Talks ended.</p>]]></content:encoded><pubDate>Thu, 7 Aug 2025 10:00:00 GMT</pubDate></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Daily Two</title><id>urn:d2</id>
<entry><id>urn:d2:1</id><title type="html">Truce &lt;i&gt;holds&lt;/i&gt;</title>
  <link rel="self" href="https://d2.example/self/1"/><link href="https://d2.example/1"/>
  <summary>It held.</summary><updated>2025-08-08T12:00:00+02:00</updated></entry>
<entry><id>urn:d2:2</id><title>No link</title><published>2025-08-09T08:00:00Z</published></entry>
</feed>`

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old</title></channel>
<item rdf:about="https://old.example/x"><title>X</title><dc:date>2025-08-01</dc:date></item>
</rdf:RDF>`

func day(s string) *time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return &t
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, doc string
		max       int
		want      Feed
	}{
		{"rss 2.0", rss2, 0, Feed{Title: "Wire & Co", Kind: "rss", Items: []Item{
			{GUID: "wire-1", Link: "https://wire.example/a1", Title: "Envoy arrives in Moscow",
				Summary: "The envoy <b>arrived</b>\u00a0today.", Published: day("2025-08-06T09:30:00Z")},
			{GUID: "https://wire.example/a2", Link: "https://wire.example/a2", Title: "Talks end",
				Summary: "<p>Talks ended.</p>", Published: day("2025-08-07T10:00:00Z")},
		}}},
		{"atom", atom, 0, Feed{Title: "Daily Two", Kind: "atom", Items: []Item{
			{GUID: "urn:d2:1", Link: "https://d2.example/1", Title: "Truce <i>holds</i>", Summary: "It held.",
				Published: day("2025-08-08T10:00:00Z")},
			{GUID: "urn:d2:2", Title: "No link", Published: day("2025-08-09T08:00:00Z")},
		}}},
		{"rss 1.0", rdf, 0, Feed{Title: "Old", Kind: "rdf", Items: []Item{
			{Link: "https://old.example/x", Title: "X", Published: day("2025-08-01T00:00:00Z")},
		}}},
		{"item limit", rss2, 1, Feed{Title: "Wire & Co", Kind: "rss", Dropped: 1, Items: []Item{
			{GUID: "wire-1", Link: "https://wire.example/a1", Title: "Envoy arrives in Moscow",
				Summary: "The envoy <b>arrived</b>\u00a0today.", Published: day("2025-08-06T09:30:00Z")},
		}}},
		{"latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title></channel></rss>", 0,
			Feed{Title: "Café", Kind: "rss"}},
		{"empty channel", `<rss version="2.0"><channel></channel></rss>`, 0, Feed{Kind: "rss"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse([]byte(tc.doc), tc.max)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := fmt.Sprintf("%+v", show(got)), fmt.Sprintf("%+v", show(tc.want)); g != w {
				t.Errorf("got  %s\nwant %s", g, w)
			}
		})
	}
}

// show prints a feed with its dates, not their pointers.
func show(f Feed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s dropped=%d\n", f.Title, f.Kind, f.Dropped)
	for _, it := range f.Items {
		d := "-"
		if it.Published != nil {
			d = it.Published.Format(time.RFC3339)
		}
		fmt.Fprintf(&b, "  %q %q %q %q %s\n", it.GUID, it.Link, it.Title, it.Summary, d)
	}
	return b.String()
}

func TestParseRefuses(t *testing.T) {
	tests := []struct{ name, doc, msg string }{
		{"html page", `<!doctype html><html><body>hi</body></html>`, "root element is <html>"},
		{"empty", ``, "empty"},
		{"not xml", `{"items": []}`, "empty"},
		{"broken item", `<rss><channel><item><title>a</title><![CDATA[x</item></channel></rss>`, "not well-formed"},
		{"cut short", `<rss><channel><item><title>a</title>`, "not well-formed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse([]byte(tc.doc), 0)
			if err == nil || models.ErrorCode(err) != models.EINVALID || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Parse = %+v, %v; want EINVALID with %q", f, err, tc.msg)
			}
			if len(f.Items) != 0 {
				t.Errorf("a refused feed kept %d items", len(f.Items))
			}
		})
	}
	if _, err := Parse([]byte(`<html/>`), 0); !errors.Is(err, ErrNotFeed) {
		t.Errorf("html root: %v, want ErrNotFeed", err)
	}
}

func TestItemKey(t *testing.T) {
	tests := []struct {
		it   Item
		want string
	}{
		{Item{GUID: " g ", Link: "l", Title: "t"}, "g"},
		{Item{Link: "l", Title: "t"}, "l"},
		{Item{Title: "t"}, "t"},
		{Item{}, ""},
	}
	for _, tc := range tests {
		if got := tc.it.Key(); got != tc.want {
			t.Errorf("%+v.Key() = %q, want %q", tc.it, got, tc.want)
		}
	}
}

// FuzzParse: any input gives a feed or an EINVALID error, never a panic,
// and never more items than asked for.
func FuzzParse(f *testing.F) {
	for _, s := range []string{rss2, atom, rdf, `<rss><channel><item>`, `<feed><entry><link href="x"/></entry></feed>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Parse(data, 3)
		if err != nil {
			if models.ErrorCode(err) != models.EINVALID {
				t.Fatalf("error code %q: %v", models.ErrorCode(err), err)
			}
			return
		}
		if len(got.Items) > 3 {
			t.Fatalf("%d items, limit 3", len(got.Items))
		}
	})
}
