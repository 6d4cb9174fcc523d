package views

import (
	"net/url"
	"strconv"
	"strings"
)

// heightListener is the script of the auto-height snippets: it sets the
// height of the iframe whose embed reports one with postMessage.
const heightListener = `<script>window.addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="dateline:height")return;` +
	`document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})});</script>`

// embedShapes are the height of each embed as a percentage of its width,
// for the fixed-shape snippet: the story, one chart, the deadline card.
// Measured in Chromium on the test stories, the embeds fit those shapes in
// a column of 640 px (the card from 500 px; the charts in an embed scale
// with its width); in a narrower column, or for a longer story, the embed
// scrolls inside its frame.
var embedShapes = map[string]int{"": 225, "timeline": 80, "speakers": 80, "deadline": 150}

// FixedSnippet is the HTML a reader copies where scripts are stripped: an
// iframe filling a wrapper of a fixed shape (the padding trick works in
// every browser), so the frame grows with the column without any script.
func (v StoryView) FixedSnippet(chart string) string {
	pct := embedShapes[chart]
	if pct == 0 {
		pct = 100
	}
	return `<div style="position:relative;width:100%;height:0;padding-bottom:` + strconv.Itoa(pct) + `%;overflow:hidden">` +
		`<iframe src="` + htmlAttr(v.EmbedURL(chart)) + `" title="` + htmlAttr(v.Story.Title) +
		`" style="position:absolute;top:0;left:0;width:100%;height:100%;border:0" loading="lazy"></iframe></div>`
}

// OEmbedHTML is the html of an oEmbed answer: an iframe of the size given,
// no wider than its column, and the listener that lets it take the embed's
// own height where the consumer keeps scripts.
func OEmbedHTML(src, title string, w, h int) string {
	return `<iframe src="` + htmlAttr(src) + `" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) +
		`" title="` + htmlAttr(title) + `" style="border:0;max-width:100%" loading="lazy"></iframe>` + heightListener
}

// PageURL is the absolute address of the story page.
func (v StoryView) PageURL() string {
	return v.BaseURL + "/stories/" + url.PathEscape(v.Story.Slug)
}

// OEmbedURL is the oEmbed address describing the page at pageURL, for the
// discovery link.
func (v StoryView) OEmbedURL(pageURL string) string {
	return v.BaseURL + "/oembed?format=json&url=" + url.QueryEscape(pageURL)
}

// ImageURL is the address of a server-drawn picture of the story
// ("timeline.svg", "deadline.png", ...), relative to the site, with the
// theme asked for ("" for the default, light).
func (v StoryView) ImageURL(name, theme string) string {
	p := "/embed/stories/" + url.PathEscape(v.Story.Slug) + "/" + name
	if theme == "dark" {
		p += "?theme=dark"
	}
	return p
}

// ShareImageURL is the absolute address of the 1200x630 picture of the
// story that og:image and twitter:image name.
func (v StoryView) ShareImageURL() string {
	return v.BaseURL + v.ImageURL("share.png", "")
}

// ShareDescription is the story's description for link previews, or a
// count of its events when it has none.
func (v StoryView) ShareDescription() string {
	if v.Story.Description != "" {
		return v.Story.Description
	}
	n := v.Count
	if v.Truncated {
		n = v.Total
	}
	if n == 1 {
		return "1 dated event, with its sources, on a timeline."
	}
	return strconv.Itoa(n) + " dated events, with their sources, on a timeline."
}

// Picture is a server-drawn picture in an embed's no-script fallback: the
// light or dark one, or both for the automatic theme (the page picks with
// <picture> and prefers-color-scheme, no script needed).
type Picture struct {
	Src, DarkSrc, Alt string
	W, H              int
}

// Picture names the picture name ("timeline.svg", "deadline.svg") of the
// story for an embed of theme and background.
func (v StoryView) Picture(name, theme string, transparent bool) Picture {
	suffix := ""
	if transparent {
		suffix = "background=transparent"
	}
	at := func(th string) string {
		u := v.ImageURL(name, th)
		if suffix == "" {
			return u
		}
		if strings.Contains(u, "?") {
			return u + "&" + suffix
		}
		return u + "?" + suffix
	}
	p := Picture{Src: at(theme), Alt: "Timeline of " + v.Story.Title + ": " + strconv.Itoa(v.Count) + " events", W: 960, H: 480}
	if strings.HasPrefix(name, "deadline") {
		p.W, p.H, p.Alt = 800, 420, "Deadline card of "+v.Story.Title
		if lead := v.Lead(); len(lead) > 0 {
			p.Alt = lead[0].Title + ": due " + lead[0].When + ", " + lead[0].StatusText
		}
	}
	if theme == "auto" || theme == "" {
		p.Src, p.DarkSrc = at("light"), at("dark")
	}
	return p
}
