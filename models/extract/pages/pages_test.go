package pages

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models/extract/golden"
	"dateline/models/text"
)

// pageFetched is when every fixture page is taken to have been saved.
var pageFetched = time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)

// goldenArticle is the part of an article the page splitter and the HTML
// reader decide; events and quotes have their own golden tests.
type goldenArticle struct {
	Title              string     `json:"title"`
	Source             string     `json:"source"`
	PublishedAt        *time.Time `json:"published_at"`
	PublishedPrecision string     `json:"published_precision"`
	PublishedBy        string     `json:"published_by"`
	Paragraphs         []string   `json:"paragraphs"`
}

func readPageFixture(t *testing.T, path string) []goldenArticle {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".html") {
		p, err := text.FromHTMLAt(b, "", &pageFetched)
		if err != nil {
			t.Fatal(err)
		}
		return []goldenArticle{{p.Title, p.SiteName, p.PublishedAt, p.PublishedPrecision, p.PublishedBy, strings.Split(p.Body, "\n\n")}}
	}
	var out []goldenArticle
	for _, a := range splitPage(string(b), &pageFetched) {
		out = append(out, goldenArticle{a.Title, a.Source, a.PublishedAt, a.PublishedPrecision, a.PublishedBy, strings.Split(a.Body, "\n\n")})
	}
	return out
}

// TestPagesGolden reads every testdata fixture and compares what it
// gives with <case>.golden.json (go test -update rewrites them).
func TestPagesGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.*")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		n++
		name := strings.TrimSuffix(f, filepath.Ext(f))
		t.Run(filepath.Base(name), func(t *testing.T) {
			golden.CheckGolden(t, name+".golden.json", readPageFixture(t, f))
		})
	}
	if n < 8 {
		t.Fatalf("found %d fixtures, want at least 8", n)
	}
}

// TestSplitPageChecks states what the fixtures must show, so a golden file
// refreshed by mistake cannot hide a regression.
func TestSplitPageChecks(t *testing.T) {
	agg := readPageFixture(t, "testdata/aggregator.txt")
	if len(agg) != 3 {
		t.Fatalf("aggregator: %d articles, want 3 (copies merged, furniture dropped)", len(agg))
	}
	want := []struct{ title, source, at string }{
		{"Ministers agree to reopen grain corridor talks in Geneva", "The Baltic Ledger", "2025-08-07T09:00:00Z"},
		{"Insurers warn of higher costs as corridor talks drag on", "Harbour Wire", "2025-08-07T11:00:00Z"},
		{"Farm lobby urges quick deal before harvest peaks", "Ukrainian Farm Post", "2025-08-05T00:00:00Z"},
	}
	for i, w := range want {
		a := agg[i]
		if a.Title != w.title || a.Source != w.source || a.PublishedAt == nil || a.PublishedAt.Format(time.RFC3339) != w.at {
			t.Errorf("article %d = %q %q %v, want %q %q %s", i, a.Title, a.Source, a.PublishedAt, w.title, w.source, w.at)
		}
	}
	if len(agg[0].Paragraphs) != 4 {
		t.Errorf("main article has %d paragraphs, want its 4 (the full copy, not the cut one)", len(agg[0].Paragraphs))
	}
	for _, a := range agg {
		for _, p := range a.Paragraphs {
			for _, junk := range []string{"READ ALSO", "Read more", "Sponsored", "Comments", "Sign up", "inbox", "Listen to"} {
				if strings.Contains(p, junk) {
					t.Errorf("%q: furniture %q left in %q", a.Title, junk, p)
				}
			}
		}
	}
	nd := readPageFixture(t, "testdata/nodate.txt")
	if len(nd) != 1 || nd[0].PublishedAt != nil || nd[0].Title != "Mediators weigh a second venue for corridor talks" {
		t.Errorf("nodate: %+v", nd)
	}
}

func TestParseAge(t *testing.T) {
	tests := []struct {
		line, source, at, prec string
		ok                     bool
	}{
		{"21 hours ago", "", "2025-08-06T15:00:00Z", "hour", true},
		{"Al Bawaba21 hours ago", "Al Bawaba", "2025-08-06T15:00:00Z", "hour", true},
		{"time6 hours ago", "", "2025-08-07T06:00:00Z", "hour", true},
		{"Reuters · 3h ago", "Reuters", "2025-08-07T09:00:00Z", "hour", true},
		{"an hour ago", "", "2025-08-07T11:00:00Z", "hour", true},
		{"clock45 minutes ago", "", "2025-08-07T11:00:00Z", "hour", true},
		{"2 days ago", "", "2025-08-05T00:00:00Z", "day", true},
		{"Updated 1 week ago", "", "2025-07-31T00:00:00Z", "day", true},
		{"Gulf Ledger · Yesterday", "Gulf Ledger", "2025-08-06T00:00:00Z", "day", true},
		{"today", "", "2025-08-07T00:00:00Z", "day", true},
		{"The talks he held with officials in the capital five days ago", "", "", "", false},
		{"He said he would decide what to do about it today", "", "", "", false},
		{"Leaders meet today", "", "", "", false},
		{"Trump took office 200 days ago", "", "", "", false},
		{"Roya News 6 hours ago", "Roya News", "2025-08-07T06:00:00Z", "hour", true},
		{"hours ago", "", "", "", false},
		{"21 hours", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		src, st, ok := parseAge(tt.line, &pageFetched)
		if ok != tt.ok {
			t.Errorf("parseAge(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if src != tt.source || st.At == nil || st.At.Format(time.RFC3339) != tt.at || st.Prec != tt.prec {
			t.Errorf("parseAge(%q) = %q %v %s, want %q %s %s", tt.line, src, st.At, st.Prec, tt.source, tt.at, tt.prec)
		}
	}
	if _, st, ok := parseAge("3 hours ago", nil); !ok || st.At != nil {
		t.Errorf("an age with no fetch time must stay unresolved, got %v %v", st.At, ok)
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct {
		para, agency, at string
		ok               bool
	}{
		{"MOSCOW, Aug 6 (Reuters) - U.S. envoy Steve Witkoff met", "Reuters", "2025-08-06T00:00:00Z", true},
		{"KYIV, Ukraine, August 5, 2025 (AP) — Ukraine said", "AP", "2025-08-05T00:00:00Z", true},
		{"WASHINGTON, Dec. 30 (AFP) - A year-end note", "AFP", "2024-12-30T00:00:00Z", true},
		{"NEW DELHI (Reuters) - India's oil ministry said", "Reuters", "", true},
		{"Moscow (AFP) - Title-case city, no date", "AFP", "", true},
		{"New Delhi, Aug 6 (Meridian Wire) - two words", "Meridian Wire", "2025-08-06T00:00:00Z", true},
		{"moscow, Aug 6 (Reuters) - lower-case city", "", "", false},
		{"The talks in Geneva (Switzerland) - a sentence", "", "", false},
		{"MOSCOW - no agency", "", "", false},
		{"The envoy arrived in MOSCOW, Aug 6 (Reuters) -", "", "", false},
	}
	for _, tt := range tests {
		agency, st, ok := parseDateline(tt.para, &pageFetched)
		if ok != tt.ok || agency != tt.agency {
			t.Errorf("parseDateline(%q) = %q %v, want %q %v", tt.para, agency, ok, tt.agency, tt.ok)
			continue
		}
		got := ""
		if st.At != nil {
			got = st.At.Format(time.RFC3339)
		}
		if got != tt.at {
			t.Errorf("parseDateline(%q) date %q, want %q", tt.para, got, tt.at)
		}
	}
}

func TestParsePublishedLine(t *testing.T) {
	// want is the time, its precision and what the line said ("published",
	// "updated"); "" when the line is no publication line.
	tests := []struct{ line, want string }{
		{"Published 6 August 2025, 14:05 BST", "2025-08-06T13:05:00Z hour published"},
		{"Updated: Aug. 7, 2025 9:30 a.m. ET", "2025-08-07T13:30:00Z hour updated"},
		// ET and PT follow daylight saving by date: from the second Sunday of
		// March, until the first Sunday of November.
		{"Published March 10, 2025 9:00 a.m. ET", "2025-03-10T13:00:00Z hour published"},
		{"Published March 7, 2025 9:00 a.m. ET", "2025-03-07T14:00:00Z hour published"},
		{"Updated Nov. 1, 2024 10:00 a.m. PT", "2024-11-01T17:00:00Z hour updated"},
		{"Updated Nov. 4, 2024 10:00 a.m. PT", "2024-11-04T18:00:00Z hour updated"},
		{"Published on Wednesday, August 6, 2025", "2025-08-06T00:00:00Z day published"},
		{"Posted 3 hours ago", "2025-08-07T09:00:00Z hour published"},
		{"Published 2025-08-06T14:05:00+03:00", "2025-08-06T11:05:00Z hour published"},
		{"Published 6 Aug 2:15pm GMT+3", "2025-08-06T11:15:00Z hour published"},
		{"First published 12 December, 09.40 GMT", "2024-12-12T09:40:00Z hour published"},
		{"Published by the ministry", ""},
		{"Published 31 February 2025", ""},
		{"Updated regularly", ""},
	}
	for _, tt := range tests {
		st, ok := parsePublishedLine(tt.line, &pageFetched)
		got := ""
		if ok && st.At != nil {
			got = fmt.Sprintf("%s %s %s", st.At.Format(time.RFC3339), st.Prec, st.By)
		} else if ok {
			got = "unresolved"
		}
		if got != tt.want {
			t.Errorf("parsePublishedLine(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestIsProseAndFurniture(t *testing.T) {
	prose := []string{
		"He declined to comment.",
		"'Get a deal where people stop getting killed.'",
		"Great progress was made!",
	}
	notProse := []string{
		"U.S. envoy meets Putin in last-ditch bid to end Ukraine war",
		"Trump says envoy's meeting with Putin was 'highly productive'",
		"Will Netanyahu fire the IDF chief over Gaza strategy standoff?",
		"No comments yet...",
		"Explore what Daily8 AI can do for you:",
	}
	for _, l := range prose {
		if !isProse(l) {
			t.Errorf("isProse(%q) = false", l)
		}
	}
	for _, l := range notProse {
		if isProse(l) {
			t.Errorf("isProse(%q) = true", l)
		}
	}
	for _, l := range []string{"logo", "DOWNLOAD THE APP", "Try Our AI Features", "Comments", "No comments yet...", "app-storeplay-store", "Related Articles"} {
		if !isFurniture(l) {
			t.Errorf("isFurniture(%q) = false", l)
		}
	}
	for _, l := range []string{"Roya News", "U.S. envoy meets Putin in last-ditch bid to end Ukraine war", "What happens on Friday"} {
		if isFurniture(l) {
			t.Errorf("isFurniture(%q) = true", l)
		}
	}
}

func TestCleanParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"such as China and India. Also Read Will Netanyahu fire the IDF chief over Gaza strategy standoff? 'Putin will stop.'", "such as China and India. 'Putin will stop.'"},
		{"It will be discussed again ... Read more", "It will be discussed again"},
		{"Plain text stays.", "Plain text stays."},
	}
	for _, tt := range tests {
		if got, _ := cleanParagraph(tt.in); got != tt.want {
			t.Errorf("cleanParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitPageEdges(t *testing.T) {
	if got := splitPage("", &pageFetched); len(got) != 0 {
		t.Errorf("empty page gave %d articles", len(got))
	}
	got := splitPage("Just one sentence of news.", nil)
	if len(got) != 1 || got[0].Body != "Just one sentence of news." || got[0].PublishedAt != nil {
		t.Errorf("one line: %+v", got)
	}
	// With no fetch time an age cannot be resolved and nothing else is guessed.
	got = splitPage("Envoy meets leader in the capital\nSome Outlet\n5 hours ago\nThe envoy met the leader on Wednesday.", nil)
	if len(got) != 1 || got[0].PublishedAt != nil || got[0].Source != "Some Outlet" {
		t.Errorf("age without fetch time: %+v", got)
	}
}

// FuzzSplitPage checks that no page makes the splitter panic and that every
// article has clean, valid text.
func FuzzSplitPage(f *testing.F) {
	for _, name := range []string{"aggregator.txt", "wire.txt", "published.txt", "nodate.txt"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("T\nT\nX1 hours ago\n• X\nT\nbody text here.")
	f.Add("Published 99 August 2025, 99:99 ZZZ\n... Read more")
	f.Add("MOSCOW, Aug 32 (Reuters) - ")
	f.Fuzz(func(t *testing.T, page string) {
		for _, a := range splitPage(page, &pageFetched) {
			if !utf8.ValidString(page) {
				continue
			}
			if a.Body == "" || strings.Contains(a.Body, "\n\n\n") || strings.TrimSpace(a.Body) != a.Body {
				t.Fatalf("unclean body %q", a.Body)
			}
			if a.PublishedAt != nil && a.PublishedAt.After(pageFetched.Add(48*time.Hour)) && a.PublishedBy == "age" {
				t.Fatalf("age in the future: %v", a.PublishedAt)
			}
		}
	})
}

func BenchmarkSplitPage(b *testing.B) {
	page, err := os.ReadFile("testdata/aggregator.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		splitPage(string(page), &pageFetched)
	}
}

// BenchmarkSplitPageMany is a long dump: a thousand short articles, to keep
// the merging of copies from growing out of hand.
func BenchmarkSplitPageMany(b *testing.B) {
	var sb strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&sb, "Headline number %d about talks\nSome Outlet\n%d hours ago\nBody of article %d reports that envoys met again.\n\n", i, i%48+1, i)
	}
	page := sb.String()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if n := len(splitPage(page, &pageFetched)); n != 1000 {
			b.Fatalf("%d articles", n)
		}
	}
}

func TestParseAgeBylines(t *testing.T) {
	src, st, ok := parseAge("Story by Jane Roe • 3h", &pageFetched)
	if !ok || src != "" || st.At == nil || st.At.Format(time.RFC3339) != "2025-08-07T09:00:00Z" {
		t.Errorf("byline age: %q %v %v", src, st.At, ok)
	}
	src, _, ok = parseAge("Brussels Note | 2d", &pageFetched)
	if !ok || src != "Brussels Note" {
		t.Errorf("bar age: %q %v", src, ok)
	}
	if _, _, ok := parseAge("Plan B • 3 options", &pageFetched); ok {
		t.Error("a bullet list item taken for an age")
	}
}

func TestSplitPageLayouts(t *testing.T) {
	tests := []struct {
		name, page   string
		titles       []string
		sources      []string
		firstBodyHas string
	}{
		{"age before headline", "Harbour Wire · 2 hours ago\nPorts reopen after week of strikes\nDockers returned to work on Monday after a deal on pay.",
			[]string{"Ports reopen after week of strikes"}, []string{"Harbour Wire"}, "Dockers returned"},
		{"cut copy with another title", "Talks resume in Geneva\nLedger\n3 hours ago\nDelegations met again on Tuesday in Geneva to discuss a corridor for grain ships and the inspections it needs. They agreed to meet again.\n\n" +
			"Geneva talks: delegations return\nLedger\n3 hours ago\nDelegations met again on Tuesday in Geneva to discuss a corridor for grain ships and the ... Read more",
			[]string{"Talks resume in Geneva"}, []string{"Ledger"}, "They agreed"},
		{"timeline dates stay in the article", "How the week unfolded\n\nThe envoy flew to Moscow for a last round of talks.\n\nAugust 6, 2025\n\nThe envoy met the president for three hours.\n\nAugust 8, 2025\n\nThe deadline passed without new sanctions.",
			[]string{"How the week unfolded"}, []string{""}, "August 8, 2025\n\nThe deadline passed"},
		{"updated under published", "Envoy lands in Moscow\nPublished 6 August 2025, 09:00 GMT\nUpdated 6 August 2025, 18:00 GMT\nThe envoy landed on Wednesday.",
			[]string{"Envoy lands in Moscow"}, []string{""}, "The envoy landed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitPage(tt.page, &pageFetched)
			if len(got) != len(tt.titles) {
				t.Fatalf("%d articles, want %d: %+v", len(got), len(tt.titles), got)
			}
			for i, a := range got {
				if a.Title != tt.titles[i] || a.Source != tt.sources[i] {
					t.Errorf("article %d: %q from %q, want %q from %q", i, a.Title, a.Source, tt.titles[i], tt.sources[i])
				}
			}
			if !strings.Contains(got[0].Body, tt.firstBodyHas) {
				t.Errorf("body %q lacks %q", got[0].Body, tt.firstBodyHas)
			}
		})
	}
	got := splitPage("Envoy lands in Moscow\nPublished 6 August 2025, 09:00 GMT\nUpdated 6 August 2025, 18:00 GMT\nThe envoy landed on Wednesday.", nil)
	if len(got) != 1 || got[0].PublishedAt == nil || got[0].PublishedAt.Hour() != 9 || got[0].PublishedBy != "published" {
		t.Errorf("the Published line must win over the Updated one: %+v", got)
	}
}
