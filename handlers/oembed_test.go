package handlers_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

type oembedAnswer struct {
	Type            string `json:"type"`
	Version         string `json:"version"`
	Title           string `json:"title"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

func oembedPath(target string, extra ...string) string {
	p := "/oembed?url=" + url.QueryEscape(target)
	for _, e := range extra {
		p += "&" + e
	}
	return p
}

// TestOEmbed: each of our embeds is described as a rich oEmbed whose html
// is an iframe of the embed at the size given, within maxwidth and
// maxheight; the share picture is its thumbnail when it fits.
func TestOEmbed(t *testing.T) {
	h := newApp(t, fixture(t), "")
	const base = "http://example.com"
	tests := []struct {
		target  string
		extra   []string
		src     string
		w, h    int
		thumb   bool
		titleIs string
	}{
		{base + "/stories/deadline", nil, base + "/embed/stories/deadline", 640, 1440, true, "Deadline"},
		{base + "/embed/stories/deadline", []string{"format=json"}, base + "/embed/stories/deadline", 640, 1440, true, "Deadline"},
		{base + "/embed/stories/deadline/timeline", nil, base + "/embed/stories/deadline/timeline", 640, 510, true, "Deadline"},
		{base + "/embed/stories/deadline/speakers?theme=dark", nil, base + "/embed/stories/deadline/speakers?theme=dark", 640, 510, true, "Deadline"},
		{base + "/embed/stories/deadline/timeline?background=transparent&theme=auto&x=1", nil, base + "/embed/stories/deadline/timeline?background=transparent", 640, 510, true, "Deadline"},
		{base + "/embed/stories/deadline/deadline", nil, base + "/embed/stories/deadline/deadline", 420, 780, true, "Deadline"},
		{base + "/embed/stories/deadline/timeline", []string{"maxwidth=320"}, base + "/embed/stories/deadline/timeline", 320, 255, false, "Deadline"},
		{base + "/stories/deadline", []string{"maxwidth=1000", "maxheight=450"}, base + "/embed/stories/deadline", 200, 450, false, "Deadline"},
		{"HTTP://EXAMPLE.COM/stories/hostile", nil, base + "/embed/stories/hostile", 640, 1440, true, "Story " + evil},
	}
	for _, tt := range tests {
		w := get(t, h, oembedPath(tt.target, tt.extra...))
		var o oembedAnswer
		if err := json.Unmarshal(w.Body.Bytes(), &o); err != nil || w.Code != 200 {
			t.Errorf("%s %v: %d %v %s", tt.target, tt.extra, w.Code, err, w.Body.String())
			continue
		}
		if o.Type != "rich" || o.Version != "1.0" || o.ProviderName != "dateline" || o.ProviderURL != base+"/" || o.Title != tt.titleIs {
			t.Errorf("%s: %+v", tt.target, o)
		}
		if o.Width != tt.w || o.Height != tt.h {
			t.Errorf("%s %v: %dx%d, want %dx%d", tt.target, tt.extra, o.Width, o.Height, tt.w, tt.h)
		}
		d, err := goquery.NewDocumentFromReader(strings.NewReader(o.HTML))
		if err != nil {
			t.Fatal(err)
		}
		f := d.Find("iframe")
		src, _ := f.Attr("src")
		fw, _ := f.Attr("width")
		fh, _ := f.Attr("height")
		title, _ := f.Attr("title")
		if f.Length() != 1 || src != tt.src || fw != strconv.Itoa(tt.w) || fh != strconv.Itoa(tt.h) || title != tt.titleIs {
			t.Errorf("%s: iframe %d src=%q %sx%s title=%q", tt.target, f.Length(), src, fw, fh, title)
		}
		if s := d.Find("script"); s.Length() != 1 || strings.Contains(s.Text(), "alert") {
			t.Errorf("%s: scripts in html: %q", tt.target, o.HTML)
		}
		if tt.thumb != (o.ThumbnailURL != "") {
			t.Errorf("%s %v: thumbnail %q", tt.target, tt.extra, o.ThumbnailURL)
		}
		slug := strings.Split(strings.Split(tt.src, "?")[0], "/")[5]
		if tt.thumb && (o.ThumbnailURL != base+"/embed/stories/"+slug+"/share.png" ||
			o.ThumbnailWidth != 1200 || o.ThumbnailHeight != 630) {
			t.Errorf("%s: thumbnail %q %dx%d", tt.target, o.ThumbnailURL, o.ThumbnailWidth, o.ThumbnailHeight)
		}
	}
}

// TestOEmbedRefuses: addresses of other sites, of no story, or of pages
// that are not embeds are 404; XML is 501; a bad size is 400.
func TestOEmbedRefuses(t *testing.T) {
	h := newApp(t, fixture(t), "")
	tests := []struct {
		path string
		want int
	}{
		{oembedPath("http://evil.test/stories/deadline"), http.StatusNotFound},
		{oembedPath("http://example.com.evil.test/stories/deadline"), http.StatusNotFound},
		{oembedPath("http://example.com/stories/nope"), http.StatusNotFound},
		{oembedPath("http://example.com/stories/deadline/edit"), http.StatusNotFound},
		{oembedPath("http://example.com/embed/stories/deadline/pie"), http.StatusNotFound},
		{oembedPath("http://example.com/people/donald-trump"), http.StatusNotFound},
		{oembedPath("javascript:alert(1)//example.com/stories/deadline"), http.StatusNotFound},
		{oembedPath("/stories/deadline"), http.StatusNotFound},
		{"/oembed", http.StatusNotFound},
		{oembedPath("http://example.com/stories/deadline", "format=xml"), http.StatusNotImplemented},
		{oembedPath("http://example.com/stories/deadline", "format=yaml"), http.StatusNotImplemented},
		{oembedPath("http://example.com/stories/deadline", "maxwidth=abc"), http.StatusBadRequest},
		{oembedPath("http://example.com/stories/deadline", "maxheight=-3"), http.StatusBadRequest},
	}
	for _, tt := range tests {
		w := get(t, h, tt.path)
		if w.Code != tt.want {
			t.Errorf("%s: %d, want %d", tt.path, w.Code, tt.want)
		}
		var body struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error == "" {
			t.Errorf("%s: error body %q", tt.path, w.Body.String())
		}
	}
}

// TestDiscoveryAndCards: the story page and the embeds name their oEmbed
// address; the story page carries og: and twitter: card tags whose image
// is the 1200x630 share picture, at an absolute address that answers.
func TestDiscoveryAndCards(t *testing.T) {
	h := newApp(t, fixture(t), "")
	for page, described := range map[string]string{
		"/stories/deadline":                 "http://example.com/stories/deadline",
		"/embed/stories/deadline":           "http://example.com/embed/stories/deadline",
		"/embed/stories/deadline/timeline":  "http://example.com/embed/stories/deadline/timeline",
		"/embed/stories/hostile/deadline":   "http://example.com/embed/stories/hostile/deadline",
		"/embed/stories/deadline/speakers":  "http://example.com/embed/stories/deadline/speakers",
		"/stories/hostile?kind=statement":   "http://example.com/stories/hostile",
		"/embed/stories/hostile?theme=dark": "http://example.com/embed/stories/hostile",
	} {
		d := doc(t, get(t, h, page))
		href, ok := d.Find(`link[rel=alternate][type="application/json+oembed"]`).Attr("href")
		u, err := url.Parse(href)
		if !ok || err != nil || u.Host != "example.com" || u.Query().Get("url") != described {
			t.Errorf("%s: discovery link %q", page, href)
			continue
		}
		w := get(t, h, u.RequestURI())
		var o oembedAnswer
		if err := json.Unmarshal(w.Body.Bytes(), &o); err != nil || o.Type != "rich" {
			t.Errorf("%s: discovered oEmbed %d %s", page, w.Code, w.Body.String())
		}
	}
	d := doc(t, get(t, h, "/stories/deadline"))
	meta := func(attr, name string) string {
		v, _ := d.Find(`meta[` + attr + `="` + name + `"]`).Attr("content")
		return v
	}
	if meta("name", "twitter:card") != "summary_large_image" || meta("property", "og:title") != "Deadline" ||
		meta("property", "og:url") != "http://example.com/stories/deadline" || meta("property", "og:description") == "" {
		t.Errorf("card tags: %q %q %q", meta("name", "twitter:card"), meta("property", "og:title"), meta("property", "og:url"))
	}
	img := meta("property", "og:image")
	if img != "http://example.com/embed/stories/deadline/share.png" || meta("name", "twitter:image") != img ||
		meta("property", "og:image:width") != "1200" || meta("property", "og:image:height") != "630" {
		t.Fatalf("og:image %q", img)
	}
	w := get(t, h, strings.TrimPrefix(img, "http://example.com"))
	p, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
	if err != nil || p.Bounds().Dx() != 1200 || p.Bounds().Dy() != 630 {
		t.Errorf("og:image does not decode at 1200x630: %v", err)
	}
	hostile := doc(t, get(t, h, "/stories/hostile"))
	if v, _ := hostile.Find(`meta[property="og:title"]`).Attr("content"); v != "Story "+evil {
		t.Errorf("hostile og:title %q", v)
	}
}
