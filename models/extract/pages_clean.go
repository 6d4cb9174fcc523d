package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furnitureRe matches whole lines that belong to a page's frame, not to an
// article: logos, comment counters, app and newsletter prompts, section
// labels. Lower-cased input.
var furnitureRe = regexp.MustCompile(`^(?:logo|site logo|advertisement|advert|ad|sponsored|sponsored content|share|share this(?: article| story)?|share on \w+|print|email|copy link|comments?|\d+ comments?|no comments yet.*|be the first to comment.*|leave a comment|related|related articles|related stories|related news|more from .*|more stories|read more|read next|trending|trending now|most read|most popular|recommended|top stories|latest news|you may also like|don'?t miss|try our ai features|explore what .* can do for you:?|download the app|get the app|download our app|get started now:? download the app|app-?store.*|play-?store.*|google play|app store|subscribe.*|sign up.*|sign in|log in|follow us.*|newsletter|skip to (?:main )?content|menu|home|search|close|cookie.*|accept(?: all)?(?: cookies)?|listen to (?:this )?article.*|\d+ min(?:ute)?s? read|image:.*|photo:.*|getty images|[a-z]+ background|\((?:additional )?(?:reporting|writing|editing|compiled) by .*\))$`)

// isFurniture reports whether a short line is page furniture.
func isFurniture(line string) bool {
	l := strings.ToLower(strings.TrimSpace(line))
	if l == "" {
		return false
	}
	if furnitureRe.MatchString(l) {
		return true
	}
	if strings.HasSuffix(l, ":") || strings.HasSuffix(l, "...") || strings.HasSuffix(l, "…") {
		return !strings.Contains(l, ". ") // a label or a teaser, not a sentence
	}
	return isShouting(line)
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

// readMoreRe marks a copy cut short: "... Read more" at the end.
var readMoreRe = regexp.MustCompile(`\s*(?:\.\.\.|…)?\s*(?:Read [Mm]ore|READ MORE|Continue reading|Read full (?:article|story))\s*(?:»|›|→)?\s*$`)

// cleanParagraph removes teasers and a trailing "Read more" from one
// paragraph, and reports whether the paragraph was cut short.
func cleanParagraph(p string) (string, bool) {
	cut := false
	if loc := readMoreRe.FindStringIndex(p); loc != nil {
		p, cut = p[:loc[0]], true
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
