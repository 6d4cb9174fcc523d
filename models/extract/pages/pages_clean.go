package pages

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furnitureLines are whole lines, lower-cased, that belong to a page's frame
// and not to an article: logos, buttons, section labels, comment counters.
var furnitureLines = setOf("logo", "site logo", "advertisement", "advert", "ad", "sponsored",
	"sponsored content", "share", "share this", "share this article", "share this story", "print",
	"email", "copy link", "comment", "comments", "leave a comment", "related", "related articles",
	"related stories", "related news", "more stories", "read more", "read next", "trending",
	"trending now", "most read", "most popular", "recommended", "top stories", "latest news",
	"you may also like", "don't miss", "dont miss", "try our ai features", "download the app",
	"get the app", "download our app", "google play", "app store", "newsletter", "sign in", "log in",
	"skip to content", "skip to main content", "menu", "home", "search", "close", "accept",
	"accept all", "accept cookies", "getty images")

// furniturePrefixes start furniture lines: prompts, counters, credits.
var furniturePrefixes = []string{"no comments yet", "be the first to", "more from ", "subscribe",
	"sign up", "follow us", "cookie", "listen to ", "explore what ", "get started now", "app-store",
	"appstore", "play-store", "playstore", "share on ", "image:", "photo:", "(reporting by",
	"(additional reporting", "(writing by", "(editing by", "(compiled by"}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isFurniture reports whether a short line is page furniture.
func isFurniture(line string) bool {
	l := strings.ToLower(strings.TrimSpace(line))
	if l == "" || len(l) > 100 {
		return false
	}
	if furnitureLines[l] || furnitureCounter(l) {
		return true
	}
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if strings.HasSuffix(l, ":") || strings.HasSuffix(l, "...") || strings.HasSuffix(l, "…") {
		return !strings.Contains(l, ". ") // a label or a teaser, not a sentence
	}
	return isShouting(line)
}

// furnitureCounter matches "3 comments", "4 min read" and image alt texts
// such as "orange background".
func furnitureCounter(l string) bool {
	f := strings.Fields(l)
	if len(f) == 2 && f[1] == "background" {
		return true
	}
	if len(f) < 2 || strings.Trim(f[0], "0123456789") != "" {
		return false
	}
	rest := strings.Join(f[1:], " ")
	return rest == "comment" || rest == "comments" || rest == "min read" || rest == "mins read" || rest == "minute read"
}

// isShouting reports whether a line of two or more words is all capitals
// ("DOWNLOAD THE APP"): pages shout their buttons, not their news.
func isShouting(line string) bool {
	letters, upper := 0, 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 6 && upper == letters && len(strings.Fields(line)) >= 2
}

var bylineRe = regexp.MustCompile(`^(?:[Bb]y|BY|[Ww]ritten by|[Rr]eporting by|[Ee]dited by)\s+\p{Lu}`)

var sourceLineRe = regexp.MustCompile(`(?i)^(?:source|via|from)\s*:\s*(.{2,60})$`)

var bulletRe = regexp.MustCompile(`^[•·▪◦‣*–-]\s*(\S.{0,60})$`)

// bulletSource returns the outlet of a bullet line such as "• Roya News".
func bulletSource(line string) (string, bool) {
	m := bulletRe.FindStringSubmatch(line)
	if m == nil || len(strings.Fields(m[1])) > 5 {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// isProse reports whether a line reads as running text rather than a
// headline, label or button: it is long, or it ends a sentence with a
// period or exclamation mark, or it is a long question.
func isProse(line string) bool {
	n := utf8.RuneCountInString(line)
	if n >= 150 {
		return true
	}
	words := len(strings.Fields(line))
	end := strings.TrimRightFunc(line, isCloser)
	if strings.HasSuffix(end, "...") || strings.HasSuffix(end, "…") {
		return words >= 15
	}
	switch {
	case strings.HasSuffix(end, "."), strings.HasSuffix(end, "!"):
		return words >= 3 && !isFurniture(line)
	case strings.HasSuffix(end, "?"):
		return words >= 16 || strings.Contains(end[:len(end)-1], ". ")
	}
	return words >= 20
}

func isCloser(r rune) bool {
	return strings.ContainsRune(`"'’”)]»`, r)
}

// teaserRe finds "Also Read <headline>" teasers that pages drop into the
// text: the teaser runs to the end of its headline (a ? or ! or . followed by
// a space or the end) or of the line.
var teaserRe = regexp.MustCompile(`\s*\b(?:Also [Rr]ead|ALSO READ|Read [Aa]lso|READ ALSO|Read [Mm]ore|READ MORE|See [Aa]lso)\s*:?\s+\p{Lu}[^\n]*?(?:[?!.](?:\s|$)|$)`)

// readMoreLinks end a copy cut short ("... Read more"), lower-cased.
var readMoreLinks = []string{"read more", "continue reading", "read full article", "read full story"}

// cutReadMore removes a trailing "... Read more" link and reports whether
// there was one.
func cutReadMore(p string) (string, bool) {
	t := strings.TrimRight(p, " »›→")
	for _, link := range readMoreLinks {
		if len(t) >= len(link) && strings.EqualFold(t[len(t)-len(link):], link) {
			return strings.TrimRight(t[:len(t)-len(link)], " .…"), true
		}
	}
	return p, false
}

// mayHoldTeaser is a cheap test run before teaserRe: every teaser holds
// one of these words as teaserRe spells them.
func mayHoldTeaser(p string) bool {
	for _, w := range []string{"Also", "ALSO", "Read", "READ", "See "} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// cleanParagraph removes teasers and a trailing "Read more" from one
// paragraph, and reports whether the paragraph was cut short.
func cleanParagraph(p string) (string, bool) {
	p, cut := cutReadMore(p)
	if !mayHoldTeaser(p) {
		return strings.Join(strings.Fields(p), " "), cut
	}
	p = teaserRe.ReplaceAllStringFunc(p, func(m string) string {
		if strings.HasSuffix(strings.TrimSpace(m), ".") && len(strings.Fields(m)) > 18 {
			return m // a real sentence that happens to start with "Related"
		}
		return " "
	})
	return strings.Join(strings.Fields(p), " "), cut
}

// normalizeText gives the comparison form of a text: lower-cased letters and
// digits, one space between words.
func normalizeText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}
