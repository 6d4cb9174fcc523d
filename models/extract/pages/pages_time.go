package pages

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the zones of usZones on any machine
	"unicode"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/temporal"
)

// stamp is a publication time read from a page, with how it was found.
// At is nil when the page says when but the text cannot be resolved
// (an age with no fetch time, a date without its year).
type stamp struct {
	At   *time.Time
	Prec string // models.PrecHour or PrecDay
	By   string // age, dateline, published, date
}

// ageRe matches a relative age at the end of a short line, with whatever is
// glued in front of it: "21 hours ago", "Al Bawaba21 hours ago",
// "time6 hours ago", "Reuters · 3h ago", "an hour ago".
var ageRe = regexp.MustCompile(`(?i)^(.*?)([\s·•|,\-–—]*)\b?(\d{1,3}|an|a|one)\s*(seconds?|secs?|minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y)\.?\s+ago\.?$`)

// shortAgeRe matches the bare ages bylines end with: "Story by Jane Roe • 3h".
var shortAgeRe = regexp.MustCompile(`^(.*?)\s*[·•|]\s*()(\d{1,3})\s*(m|mins?|h|hrs?|d|w)$`)

// dayWordRe matches an age given as a day word: "Yesterday", "Gulf Ledger · today".
// The day word stands alone or after a separator: "Leaders meet today" is a
// headline.
var dayWordRe = regexp.MustCompile(`(?i)^(?:(.*?)\s*[·•|,\-–—]\s*)?(yesterday|today)$`)

// iconLabels are words a copy-paste glues to an age from an icon's label;
// they are not outlet names.
var iconLabels = map[string]bool{"time": true, "clock": true, "icon": true, "calendar": true,
	"updated": true, "published": true, "posted": true, "date": true, "ago": true, "schedule": true}

// parseAge reads a line that is (or ends in) a relative age. It returns the
// outlet name glued in front of it, if any, and the age resolved against
// fetched: hour precision for minutes and hours, day precision beyond.
func parseAge(line string, fetched *time.Time) (source string, st stamp, ok bool) {
	m := matchAge(strings.TrimSpace(line))
	if m == nil {
		return "", stamp{}, false
	}
	prefix := strings.TrimSpace(m[1])
	if prefix != "" && !outletBeforeAge(prefix, m[4]) {
		return "", stamp{}, false // a sentence that mentions an age, not an age line
	}
	if !iconLabels[strings.ToLower(strings.Trim(prefix, ":"))] && !bylineRe.MatchString(strings.TrimPrefix(prefix, "Story ")) {
		source = strings.Trim(prefix, " :·•|,-–—")
	}
	n := 1
	if v, err := strconv.Atoi(m[2]); err == nil {
		n = v
	}
	st = stamp{By: "age", Prec: models.PrecHour}
	if fetched == nil {
		return source, st, true
	}
	f := fetched.UTC()
	var t time.Time
	switch unit := strings.ToLower(m[3]); {
	case strings.HasPrefix(unit, "s"):
		t = f
	case strings.HasPrefix(unit, "mi"), unit == "m":
		t = f.Add(-time.Duration(n) * time.Minute)
	case strings.HasPrefix(unit, "h"):
		t = f.Add(-time.Duration(n) * time.Hour)
	case strings.HasPrefix(unit, "d"):
		t, st.Prec = f.AddDate(0, 0, -n), models.PrecDay
	case strings.HasPrefix(unit, "w"):
		t, st.Prec = f.AddDate(0, 0, -7*n), models.PrecDay
	case strings.HasPrefix(unit, "mo"):
		t, st.Prec = f.AddDate(0, -n, 0), models.PrecDay
	default:
		t, st.Prec = f.AddDate(-n, 0, 0), models.PrecDay
	}
	t = truncate(t, st.Prec)
	st.At = &t
	return source, st, true
}

// matchAge returns the whole match, the text before the age, the count,
// the unit and what separates the text from the age, from ageRe, dayWordRe
// or shortAgeRe (a bare age after a bullet); nil if the line is no age.
func matchAge(line string) []string {
	if len(line) < 2 {
		return nil
	}
	if strings.EqualFold(strings.TrimRight(line, ".")[max(0, len(strings.TrimRight(line, "."))-3):], "ago") {
		if m := ageRe.FindStringSubmatch(line); m != nil {
			return []string{m[0], m[1], m[3], m[4], m[2]}
		}
		return nil
	}
	if m := dayWordRe.FindStringSubmatch(line); m != nil {
		n := "0"
		if strings.EqualFold(m[2], "yesterday") {
			n = "1"
		}
		return []string{m[0], m[1], n, "d", "·"}
	}
	if last := line[len(line)-1]; strings.ContainsRune("mhdwsn", rune(last)) && strings.ContainsAny(line, "·•|") {
		if m := shortAgeRe.FindStringSubmatch(line); m != nil {
			return []string{m[0], m[1], m[3], m[4], "•"}
		}
	}
	return nil
}

// outletBeforeAge reports whether the text before an age can be an outlet
// or an icon label: glued to it ("Al Bawaba21 hours ago"), set off by a
// separator ("Reuters · 3h ago"), or a short capitalised name ("Roya News
// 6 hours ago"), but not a headline ("Trump took office 200 days ago").
func outletBeforeAge(prefix, sep string) bool {
	words := strings.Fields(prefix)
	if len(words) > 6 {
		return false
	}
	if sep == "" || strings.TrimSpace(sep) != "" {
		return true
	}
	if len(words) > 4 {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func truncate(t time.Time, prec string) time.Time {
	if prec == models.PrecDay {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return t.Truncate(time.Hour)
}

// datelineRe matches a wire-copy dateline at the start of a story:
// "MOSCOW, Aug 6 (Reuters) -", "KYIV, Ukraine, August 6, 2025 (AP) —",
// "Moscow (AFP) -": a place of up to four capitalised words, and the agency
// in brackets followed by a dash. Group 2 is the date, if any; 3 the agency.
var datelineRe = regexp.MustCompile(`^\s*([A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?)\s*(?:,\s*((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?))?\s*\(([A-Za-z][A-Za-z .&'-]{1,30})\)\s*[-–—]+\s*`)

// parseDateline reads the dateline opening a wire story. It returns the
// agency and, when the dateline carries a date, that date at day precision
// (the year from the dateline, else the year that puts the date closest
// before fetched).
func parseDateline(para string, fetched *time.Time) (agency string, st stamp, ok bool) {
	m := datelineRe.FindStringSubmatch(para)
	if m == nil {
		return "", stamp{}, false
	}
	agency = strings.TrimSpace(m[3])
	if m[2] == "" {
		return agency, stamp{}, true
	}
	st = stamp{By: "dateline", Prec: models.PrecDay}
	if t, _, ok := parseDateText(m[2], fetched); ok {
		d := truncate(t, models.PrecDay)
		st.At = &d
	}
	return agency, st, true
}

// publishedRe matches a "Published ..." line; group 1 is the cue, 2 the rest.
var publishedRe = regexp.MustCompile(`(?i)^(first published|last updated|published|updated|posted|date)(?:\s+(?:on|at))?\s*:?\s+(.+)$`)

// parsePublishedLine reads "Published 6 August 2025, 14:05 GMT",
// "Updated: Aug 7, 2025 9:30 am ET", "Posted 3 hours ago" and the like.
// Updated lines are marked so a Published line can win over them.
func parsePublishedLine(line string, fetched *time.Time) (stamp, bool) {
	m := publishedRe.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return stamp{}, false
	}
	by := "published"
	if strings.Contains(strings.ToLower(m[1]), "updated") {
		by = "updated"
	}
	if _, st, ok := parseAge(m[2], fetched); ok {
		st.By = by
		return st, true
	}
	t, prec, ok := parseDateText(m[2], fetched)
	if !ok {
		return stamp{}, false
	}
	return stamp{At: &t, Prec: prec, By: by}, true
}

// parseDateOnly reads a short line that is nothing but a date with its year,
// such as "Wednesday, August 6, 2025" or "6 Aug 2025 14:05 BST".
func parseDateOnly(line string) (stamp, bool) {
	if len(line) > 60 || !strings.ContainsAny(line, "0123456789") || !yearRe.MatchString(line) || !onlyDateWords(line) {
		return stamp{}, false
	}
	t, prec, ok := parseDateText(line, nil)
	if !ok {
		return stamp{}, false
	}
	return stamp{At: &t, Prec: prec, By: "date"}, true
}

// dateWords are the words a line that is only a date may hold besides
// month names and zones.
var dateWords = map[string]bool{"at": true, "on": true, "the": true, "of": true, "am": true, "pm": true,
	"a": true, "p": true, "m": true, "mon": true, "tue": true, "tues": true, "wed": true, "thu": true,
	"thur": true, "thurs": true, "fri": true, "sat": true, "sun": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"st": true, "nd": true, "rd": true, "th": true}

func onlyDateWords(line string) bool {
	for _, t := range tokenizeDate(line) {
		if !t.num && !dateWords[t.word] && temporal.Month(t.word) == 0 && zoneMinutes[t.word] == 0 &&
			t.word != "gmt" && t.word != "utc" && usZones[t.word] == nil && !strings.HasPrefix(t.word, "+") && !strings.HasPrefix(t.word, "-") {
			return false
		}
	}
	return true
}

var yearRe = regexp.MustCompile(`\b(19|20)\d\d\b`)

// dateToken is one piece of a date text.
type dateToken struct {
	word string // lower-cased letters, or digits
	num  bool
	sep  rune // the separator right after it (':', '.', '-', '/', ',', ' ' ...)
}

func tokenizeDate(s string) []dateToken {
	var out []dateToken
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if j := dateWordEnd(rs, i); j > i {
			out = append(out, dateToken{word: strings.ToLower(strings.ReplaceAll(string(rs[i:j]), ".", "")), num: unicode.IsDigit(rs[i])})
			i = j
			continue
		}
		if j := offsetEnd(rs, i); j > i {
			out = append(out, dateToken{word: string(rs[i:j])})
			i = j
			continue
		}
		if n := len(out); n > 0 && (out[n-1].sep == 0 || out[n-1].sep == ' ') {
			out[n-1].sep = rs[i] // the first mark after a word
		}
		i++
	}
	return out
}

// dateWordEnd returns the end of the run of digits, or of letters (with
// dots inside: "a.m"), starting at rs[i]; i when none starts there.
func dateWordEnd(rs []rune, i int) int {
	j := i
	switch {
	case unicode.IsDigit(rs[i]):
		for j < len(rs) && unicode.IsDigit(rs[j]) {
			j++
		}
	case unicode.IsLetter(rs[i]):
		for j < len(rs) && (unicode.IsLetter(rs[j]) || rs[j] == '.' && j+1 < len(rs) && unicode.IsLetter(rs[j+1])) {
			j++
		}
	}
	return j
}

// offsetEnd returns the end of a zone offset starting at rs[i] ("+3",
// "+03:00", " -0400"); i when none starts there.
func offsetEnd(rs []rune, i int) int {
	if !(rs[i] == '+' || rs[i] == '-' && i > 0 && rs[i-1] == ' ') || i+1 >= len(rs) || !unicode.IsDigit(rs[i+1]) {
		return i
	}
	j := i + 1
	for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == ':') {
		j++
	}
	return j
}

// zoneHours are the offsets, in minutes, of the zone names news pages print.
// ET and PT follow their places' daylight saving (see usZones).
var zoneMinutes = map[string]int{"gmt": 0, "utc": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120,
	"eet": 120, "eest": 180, "msk": 180, "edt": -240, "est": -300, "cdt": -300, "cst": -360,
	"mdt": -360, "mst": -420, "pdt": -420, "pst": -480, "ist": 330, "gst": 240, "ast": 180,
	"jst": 540, "kst": 540, "aest": 600, "sgt": 480, "hkt": 480, "wib": 420, "pkt": 300}

var isoRe = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\b`)

// dateParts collects what a date text says.
type dateParts struct {
	year, month, day, hour, min int
	hasTime, pm, am             bool
	zone                        *int // minutes east of UTC
	zoneName                    string
}

// parseDateText reads a human-written date such as "6 August 2025, 14:05
// GMT", "Wed, Aug. 6, 2025 at 2:05 p.m. ET" or "2025-08-06T14:05:00+03:00".
// A time without a zone is taken as UTC. A date without a year takes the year
// that puts it closest before ref (plus a day); without ref it fails. Day
// precision unless a time of day is given.
func parseDateText(s string, ref *time.Time) (time.Time, string, bool) {
	if m := isoRe.FindStringSubmatch(s); m != nil {
		return isoParts(m)
	}
	p, ok := collectDateParts(tokenizeDate(s))
	if !ok {
		return time.Time{}, "", false
	}
	if p.year == 0 {
		if ref == nil {
			return time.Time{}, "", false
		}
		p.year = ref.Year()
		if time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC).After(ref.Add(24 * time.Hour)) {
			p.year--
		}
	}
	return p.time()
}

func isoParts(m []string) (time.Time, string, bool) {
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	p := dateParts{year: num(m[1]), month: num(m[2]), day: num(m[3])}
	if m[4] != "" {
		p.hasTime, p.hour, p.min = true, num(m[4]), num(m[5])
	}
	if z := m[7]; z != "" {
		off := 0
		if z != "Z" {
			z = strings.ReplaceAll(z, ":", "")
			off = num(z[1:3])*60 + num(z[3:5])
			if z[0] == '-' {
				off = -off
			}
		}
		p.zone = &off
	}
	return p.time()
}

// collectDateParts reads month, day, year, time and zone from tokens,
// stopping at a second cue ("updated") so only the first date is read.
func collectDateParts(toks []dateToken) (dateParts, bool) {
	var p dateParts
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if (t.word == "updated" || t.word == "modified") && p.month != 0 {
			break
		}
		if !t.num && temporal.Month(t.word) != 0 {
			if p.month == 0 {
				p.month = temporal.Month(t.word)
			}
			continue
		}
		if n, ok := p.number(toks, i); ok {
			i += n
			continue
		}
		p.word(toks, i)
	}
	return p, p.month != 0 && p.day != 0
}

// number reads a number at toks[i] as a time ("9:30", "9 am"), a year or
// a day; it returns how many more tokens it took, and false when the
// token is no number it can place.
func (p *dateParts) number(toks []dateToken, i int) (int, bool) {
	t := toks[i]
	if !t.num {
		return 0, false
	}
	nextNum := i+1 < len(toks) && toks[i+1].num
	meridiem := nextIsMeridiem(toks, i)
	switch {
	case (t.sep == ':' || t.sep == '.') && nextNum && !p.hasTime:
		p.hasTime, p.hour, p.min = true, atoi(t.word), atoi(toks[i+1].word)
		return 1, true
	case len(t.word) == 4 && p.year == 0:
		p.year = atoi(t.word)
	case len(t.word) <= 2 && p.day == 0 && atoi(t.word) >= 1 && atoi(t.word) <= 31 && !meridiem:
		p.day = atoi(t.word)
	case len(t.word) <= 2 && meridiem && !p.hasTime:
		p.hasTime, p.hour = true, atoi(t.word)
	default:
		return 0, false
	}
	return 0, true
}

// word reads a word at toks[i]: a.m. or p.m., an offset ("+03:00") or a
// zone name.
func (p *dateParts) word(toks []dateToken, i int) {
	w := toks[i].word
	nextM := i+1 < len(toks) && toks[i+1].word == "m"
	switch {
	case w == "pm" || w == "p" && nextM:
		p.pm = true
	case w == "am" || w == "a" && nextM:
		p.am = true
	case strings.HasPrefix(w, "+") || strings.HasPrefix(w, "-"):
		p.setOffset(w)
	case zoneMinutes[w] != 0 || w == "gmt" || w == "utc" || usZones[w] != nil:
		p.zoneName = w
	}
}

func nextIsMeridiem(toks []dateToken, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	w := toks[i+1].word
	return w == "am" || w == "pm" || (w == "a" || w == "p") && i+2 < len(toks) && toks[i+2].word == "m"
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// setOffset reads "+3", "+03:00", "-0400" (after GMT/UTC or alone).
func (p *dateParts) setOffset(w string) {
	sign := 1
	if w[0] == '-' {
		sign = -1
	}
	d := strings.ReplaceAll(w[1:], ":", "")
	var off int
	switch len(d) {
	case 1, 2:
		off = atoi(d) * 60
	case 3, 4:
		off = atoi(d[:len(d)-2])*60 + atoi(d[len(d)-2:])
	default:
		return
	}
	off *= sign
	p.zone = &off
}

// time builds the UTC time the parts describe.
func (p dateParts) time() (time.Time, string, bool) {
	if p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.year < 1900 || p.year > 2200 {
		return time.Time{}, "", false
	}
	if !p.hasTime {
		t := time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC)
		return t, models.PrecDay, t.Day() == p.day
	}
	h := p.hour
	if p.pm && h < 12 {
		h += 12
	} else if p.am && h == 12 {
		h = 0
	}
	if h > 23 || p.min > 59 {
		return time.Time{}, "", false
	}
	wall := time.Date(p.year, time.Month(p.month), p.day, h, p.min, 0, 0, time.UTC)
	var t time.Time
	switch loc := usZones[p.zoneName]; {
	case p.zone != nil:
		t = wall.Add(-time.Duration(*p.zone) * time.Minute)
	case loc != nil:
		// the clock time in that zone on that day, daylight saving as the
		// zone's rules have it (from the second Sunday of March to the first
		// Sunday of November since 2007)
		t = time.Date(p.year, time.Month(p.month), p.day, h, p.min, 0, 0, loc).UTC()
	default:
		t = wall.Add(-time.Duration(zoneMinutes[p.zoneName]) * time.Minute)
	}
	return t, models.PrecHour, p.day == time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC).Day()
}

// usZones are the zone names that mean a place's clock, standard or
// daylight time by date: "ET", "PT". The zone database comes
// with the binary (time/tzdata), so a machine without one reads them alike.
var usZones = map[string]*time.Location{
	"et": mustZone("America/New_York"), "pt": mustZone("America/Los_Angeles"),
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked in: this cannot fail
	}
	return loc
}
