package text

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// blockTags start a new paragraph. Besides HTML's block elements it holds the
// TEI-like names trafilatura uses in its output tree (head, list, item,
// quote, lb).
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "section": true, "article": true, "header": true, "footer": true, "aside": true,
	"table": true, "tr": true, "td": true, "th": true, "figure": true, "figcaption": true,
	"br": true, "hr": true, "main": true, "nav": true, "address": true, "details": true,
	"summary": true, "head": true, "list": true, "item": true, "quote": true, "lb": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "iframe": true, "object": true, "button": true, "select": true, "textarea": true}

// frameTags hold a page's frame rather than its article, for pages read
// without the main-text extractor.
var frameTags = map[string]bool{"nav": true, "header": true, "footer": true, "aside": true, "form": true, "head": true}

// blockText renders the text of a tree as paragraphs: one per block element,
// white space collapsed, paragraphs separated by a blank line. Elements in
// skip (besides scripts and styles) are left out. It walks the tree without
// recursion.
func blockText(root *html.Node, skip map[string]bool) string {
	if root == nil {
		return ""
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if p := cleanLine(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	n := root
	for n != nil {
		descend := true
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
		case html.ElementNode:
			if skipTags[n.Data] || skip[n.Data] {
				descend = false
			} else if blockTags[n.Data] {
				flush()
			}
		}
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != nil && n != root && n.NextSibling == nil {
			n = n.Parent
			if n != nil && n.Type == html.ElementNode && blockTags[n.Data] {
				flush() // the end of a block ends its paragraph
			}
		}
		if n == nil || n == root {
			break
		}
		n = n.NextSibling
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// cleanLine collapses every run of white space (line breaks included) to
// one space and trims the ends. Control characters are dropped.
func cleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B':
			continue
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropLeadingTitle removes the first paragraph when it repeats the title:
// the title is reported on its own and would otherwise open the body twice.
func dropLeadingTitle(body, title string) string {
	if title == "" {
		return body
	}
	first, rest, _ := strings.Cut(body, "\n\n")
	if strings.EqualFold(strings.TrimSpace(first), title) {
		return rest
	}
	return body
}

// textSize counts the bytes of text outside scripts and styles.
func textSize(root *html.Node) int {
	size := 0
	for n := root; n != nil; {
		if n.Type == html.TextNode {
			size += len(n.Data)
		}
		if n.FirstChild != nil && !(n.Type == html.ElementNode && skipTags[n.Data]) {
			n = n.FirstChild
			continue
		}
		for n != nil && n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == nil || n == root {
			break
		}
		n = n.NextSibling
	}
	return size
}

// plainMetadata reads the title and site name from meta tags and <title>.
func plainMetadata(doc *html.Node) (title, site string) {
	var docTitle string
	walk(doc, func(n *html.Node) {
		switch {
		case n.Data == "title" && docTitle == "" && n.FirstChild != nil:
			docTitle = n.FirstChild.Data
		case n.Data == "meta" && attr(n, "property") == "og:title" && title == "":
			title = attr(n, "content")
		case n.Data == "meta" && attr(n, "property") == "og:site_name" && site == "":
			site = attr(n, "content")
		}
	})
	return cleanLine(firstNonEmpty(title, docTitle)), cleanLine(site)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
