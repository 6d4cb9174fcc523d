package temporal

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models"
)

// Reference times used by the table: a Wednesday afternoon and a Friday.
var (
	wed = time.Date(2025, 8, 6, 15, 0, 0, 0, time.UTC)  // Wednesday, ISO week 32
	fri = time.Date(2013, 3, 22, 0, 0, 0, 0, time.UTC)  // Friday, ISO week 12
	thu = time.Date(2025, 8, 7, 6, 0, 0, 0, time.UTC)   // Thursday morning
	jan = time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC) // Wednesday in January
)

type want struct{ text, typ, value string }

type tagCase struct {
	name string
	ref  time.Time
	in   string
	want []want
}

var tagCases = []tagCase{
	// Explicit calendar dates.
	{"month day year", wed, "The accord was signed on August 6, 2025 in Geneva.", []want{{"August 6, 2025", "DATE", "2025-08-06"}}},
	{"abbreviated month", wed, "Talks resume Aug. 12 in Riyadh.", []want{{"Aug. 12", "DATE", "2025-08-12"}}},
	{"day month year", wed, "He was born on 6 August 1961.", []want{{"6 August 1961", "DATE", "1961-08-06"}}},
	{"ordinal of month", wed, "It ends on the 15th of September.", []want{{"the 15th of September", "DATE", "2025-09-15"}}},
	{"month year", wed, "The raid in May 2010 killed ten.", []want{{"May 2010", "DATE", "2010-05"}}},
	{"iso date", wed, "Filed 2025-08-06T14:00 by the desk.", []want{{"2025-08-06T14:00", "TIME", "2025-08-06T14:00"}}},
	{"slashed us date", wed, "Updated 8/5/2025.", []want{{"8/5/2025", "DATE", "2025-08-05"}}},
	{"year", wed, "The company was founded in 1998.", []want{{"1998", "DATE", "1998"}}},
	{"year range", wed, "the expedition of 1957-58", []want{{"1957", "DATE", "1957"}, {"58", "DATE", "1958"}}},
	{"decade", wed, "Inflation soared in the 1970s.", []want{{"the 1970s", "DATE", "197"}}},
	{"century", wed, "the great wars of the 20th century", []want{{"20th century", "DATE", "19"}}},
	{"fiscal year", wed, "Profits rose in fiscal 2024.", []want{{"fiscal 2024", "DATE", "2024"}}},
	{"quarter", wed, "Sales fell in the third quarter.", []want{{"the third quarter", "DATE", "2025-Q3"}}},
	{"month with last year", wed, "In July last year the talks collapsed.", []want{{"July last year", "DATE", "2024-07"}}},
	{"weekday with date", wed, "on Monday, August 4, officials said", []want{{"Monday, August 4", "DATE", "2025-08-04"}}},

	// Weekdays, directed by tense and prepositions.
	{"past weekday", wed, "Witkoff arrived in Moscow on Wednesday for talks.", []want{{"Wednesday", "DATE", "2025-08-06"}}},
	{"said weekday", wed, "Trump said Tuesday that talks went well.", []want{{"Tuesday", "DATE", "2025-08-05"}}},
	{"deadline by weekday", wed, "Russia must halt its operations by Friday.", []want{{"Friday", "DATE", "2025-08-08"}}},
	{"until weekday perfect", thu, "Trump has given Russia until Friday to make progress.", []want{{"Friday", "DATE", "2025-08-08"}}},
	{"future weekday", wed, "The minister will travel to Kyiv on Monday.", []want{{"Monday", "DATE", "2025-08-11"}}},
	{"to-infinitive weekday", wed, "The team planned to leave Nairobi on Thursday.", []want{{"Thursday", "DATE", "2025-08-07"}}},
	{"possessive weekday", wed, "Critics attacked Monday's ruling.", []want{{"Monday", "DATE", "2025-08-04"}}},
	{"last weekday", wed, "They met last Friday.", []want{{"last Friday", "DATE", "2025-08-01"}}},
	{"next weekday", wed, "They meet next Wednesday.", []want{{"next Wednesday", "DATE", "2025-08-13"}}},
	{"weekday afternoon", fri, "Before departing on Friday afternoon, he spoke.", []want{{"Friday afternoon", "TIME", "2013-03-22TAF"}}},
	{"clock and weekday", fri, "The match was postponed until 15:00 GMT Saturday.", []want{{"15:00 GMT Saturday", "TIME", "2013-03-23T15:00"}}},
	{"as early as", wed, "A summit could come as early as Tuesday.", []want{{"Tuesday", "DATE", "2025-08-12"}}},

	// Deictic and relative expressions.
	{"today", wed, "The envoy left today.", []want{{"today", "DATE", "2025-08-06"}}},
	{"yesterday morning", wed, "Shelling resumed yesterday morning.", []want{{"yesterday morning", "TIME", "2025-08-05TMO"}}},
	{"tonight", wed, "He speaks tonight.", []want{{"tonight", "TIME", "2025-08-06TNI"}}},
	{"this week", wed, "Google launched it this week.", []want{{"this week", "DATE", "2025-W32"}}},
	{"next week", thu, "Trump could sit down with Putin as early as next week.", []want{{"next week", "DATE", "2025-W33"}}},
	{"last month", wed, "Last month, the talks stalled.", []want{{"Last month", "DATE", "2025-07"}}},
	{"last year", fri, "It was selected last year.", []want{{"last year", "DATE", "2012"}}},
	{"next year", fri, "The law kicks in next year.", []want{{"next year", "DATE", "2014"}}},
	{"earlier this year", wed, "He visited earlier this year.", []want{{"earlier this year", "DATE", "2025"}}},
	{"early month", fri, "The season started in early December.", []want{{"early December", "DATE", "2012-12"}}},
	{"late last month name", fri, "He vanished late last July.", []want{{"late last July", "DATE", "2012-07"}}},
	{"last june", fri, "A colleague died last June.", []want{{"last June", "DATE", "2012-06"}}},
	{"last summer", fri, "He faked his death last summer.", []want{{"last summer", "DATE", "2012-SU"}}},
	{"lone month past", wed, "Witkoff has made trips since the president took office in January.", []want{{"January", "DATE", "2025-01"}}},
	{"lone month after comma", wed, "His last visit, in April, focused on talks.", []want{{"April", "DATE", "2025-04"}}},
	{"lone month future", fri, "The book is due to be published in May.", []want{{"May", "DATE", "2013-05"}}},
	{"lone month past year before", fri, "BP sold the stake in October.", []want{{"October", "DATE", "2012-10"}}},
	{"weekend past", wed, "'They are wily,' Trump remarked over the weekend.", []want{{"the weekend", "DATE", "2025-W31-WE"}}},
	{"weekend future", wed, "Talks will continue this weekend.", []want{{"this weekend", "DATE", "2025-W32-WE"}}},
	{"earlier in the day", thu, "Trump said Wednesday the envoy met Putin earlier in the day.", []want{{"Wednesday", "DATE", "2025-08-06"}, {"earlier in the day", "DATE", "2025-08-06"}}},
	{"in days time", thu, "Trump spoke on Wednesday. Sanctions follow in two days' time.", []want{{"Wednesday", "DATE", "2025-08-06"}, {"two days' time", "DATE", "2025-08-08"}}},
	{"years ago", fri, "He started just six years ago.", []want{{"six years ago", "DATE", "2007"}}},
	{"a year earlier", wed, "Profit was lower a year earlier.", []want{{"a year earlier", "DATE", "2024"}}},
	{"hours ago", wed, "Al Bawaba 21 hours ago", []want{{"21 hours ago", "DATE", "2025-08-05"}}},

	// Vague references.
	{"now", wed, "He has admitted it now.", []want{{"now", "DATE", "PRESENT_REF"}}},
	{"currently", wed, "It is currently selling well.", []want{{"currently", "DATE", "PRESENT_REF"}}},
	{"the past", wed, "In the past, he gave two speeches.", []want{{"the past", "DATE", "PAST_REF"}}},
	{"recently", wed, "Officials recently met.", []want{{"recently", "DATE", "PAST_REF"}}},
	{"the future", wed, "Nobody knows the future.", []want{{"the future", "DATE", "FUTURE_REF"}}},
	{"soon", wed, "A meeting could come very soon.", []want{{"soon", "DATE", "FUTURE_REF"}}},
	{"at the time", wed, "The ship was at sea at the time.", []want{{"at the time", "DATE", "PAST_REF"}}},

	// Durations.
	{"hours", wed, "This was just 48 hours before the deadline.", []want{{"48 hours", "DURATION", "PT48H"}}},
	{"days", wed, "a sentence of 90 days in jail", []want{{"90 days", "DURATION", "P90D"}}},
	{"a decade", wed, "the worst in a decade", []want{{"a decade", "DURATION", "P10Y"}}},
	{"the past years", fri, "over the past two years", []want{{"the past two years", "DURATION", "P2Y"}}},
	{"next few months", fri, "over the next few months", []want{{"the next few months", "DURATION", "PXM"}}},
	{"several days", fri, "Several days into the search", []want{{"Several days", "DURATION", "PXD"}}},
	{"almost", fri, "a post he held for almost seven years", []want{{"almost seven years", "DURATION", "P7Y"}}},
	{"adjectival", fri, "a four-week, phased closure", []want{{"four-week", "DURATION", "P4W"}}},
	{"hyphenated number", wed, "within twenty-four hours", []want{{"twenty-four hours", "DURATION", "PT24H"}}},
	{"conjoined", fri, "could take between 12 and 18 months", []want{{"12", "DURATION", "P12M"}, {"18 months", "DURATION", "P18M"}}},
	{"bare plural", fri, "the oil companies had blocked it for years", []want{{"years", "DURATION", "PXY"}}},
	{"recent weeks", fri, "treated in recent weeks", []want{{"recent weeks", "DURATION", "PXW"}}},
	{"next decade", fri, "sales over the next decade", []want{{"the next decade", "DURATION", "P10Y"}}},
	{"stopwatch", fri, "finishing in 3:07:35.", []want{{"3:07:35", "DURATION", "PT3H7M35S"}}},

	// Sets.
	{"daily", wed, "The paper appears daily.", []want{{"daily", "SET", "P1D"}}},
	{"every morning", wed, "She checks every morning.", []want{{"every morning", "SET", "XXXX-XX-XXTMO"}}},
	{"every monday", wed, "They meet every Monday.", []want{{"every Monday", "SET", "XXXX-WXX-1"}}},
	{"rate", wed, "It costs $5 billion a year.", []want{{"a year", "SET", "P1Y"}}},

	// Times.
	{"pm", wed, "The vote is at 8 p.m. in the capital.", []want{{"8 p.m.", "TIME", "2025-08-06T20:00"}}},
	{"clock", wed, "Markets opened at 09:30 GMT.", []want{{"09:30 GMT", "TIME", "2025-08-06T09:30"}}},
	{"day at noon", wed, "Hamas has until Saturday at noon to reply.", []want{{"Saturday", "DATE", "2025-08-09"}, {"noon", "TIME", "2025-08-09T12:00"}}},
	{"noon", wed, "The ultimatum expires at noon.", []want{{"noon", "TIME", "2025-08-06T12:00"}}},

	// Failure cases: nothing temporal here.
	{"modal may", wed, "Russia may agree to talks.", nil},
	{"name may", wed, "Theresa May said little.", nil},
	{"march the verb", wed, "Protesters march on the capital.", nil},
	{"amount", wed, "The plan costs $2025 per person.", nil},
	{"count of people", wed, "Some 2000 people marched.", nil},
	{"age", wed, "a 22-year-old son and a man 52 years old", nil},
	{"sun newspaper", wed, "The Sun reported it first.", nil},
	{"lower-case weekday word", wed, "the wednesday club", nil},
	{"empty", wed, "", nil},

	// Business and calendar extras.
	{"reported quarter", time.Date(1989, 10, 30, 0, 0, 0, 0, time.UTC), "Profit rose in the latest quarter.", []want{{"the latest quarter", "DATE", "1989-Q3"}}},
	{"year-ago quarter", time.Date(1989, 10, 30, 0, 0, 0, 0, time.UTC), "Sales fell from the year-ago quarter.", []want{{"the year-ago quarter", "DATE", "1988-Q3"}}},
	{"end of year past", fri, "Flu peaked by the end of year.", []want{{"the end of year", "DATE", "2012"}}},
	{"end of the month ahead", wed, "Troops will leave by the end of the month.", []want{{"the end of the month", "DATE", "2025-08"}}},
	{"from now", fri, "eight years from now", []want{{"eight years", "DURATION", "P8Y"}, {"now", "DATE", "PRESENT_REF"}}},
	{"year earlier in earnings", time.Date(1989, 11, 2, 0, 0, 0, 0, time.UTC), "Third-quarter profit rose to $5 million from $3 million a year earlier.", []want{{"Third-quarter", "DATE", "1989-Q3"}, {"a year earlier", "DATE", "1988-Q3"}}},
	{"thanksgiving", time.Date(1999, 12, 2, 0, 0, 0, 0, time.UTC), "He was found on Thanksgiving Day.", []want{{"Thanksgiving Day", "DATE", "1999-11-25"}}},
	{"adjectival count", wed, "Stocks hit a five year low.", []want{{"five year", "DURATION", "P5Y"}}},

	// Regressions.
	{"day then colon", wed, "In an editorial on Saturday, April 25: the court erred.", []want{{"Saturday, April 25", "DATE", "2025-04-25"}}},
	{"pm then weekday", wed, "shot at 10 p.m. Wednesday, police said", []want{{"10 p.m. Wednesday", "TIME", "2025-08-06T22:00"}}},
	{"last month day", wed, "He was shot last Oct. 23 at home.", []want{{"last Oct. 23", "DATE", "2024-10-23"}}},
	{"the three-hour", thu, "after the three-hour meeting", []want{{"three-hour", "DURATION", "PT3H"}}},
	{"ahead of", wed, "Just ahead of the trip, the State Department on Sunday issued a warning.", []want{{"Sunday", "DATE", "2025-08-03"}}},
	{"passive infinitive", fri, "The report is due to be released in June.", []want{{"June", "DATE", "2013-06"}}},
	{"ordinal second", wed, "Negotiators met for a second day of talks.", nil},
	{"the season, past", wed, "The ministers last met in the spring.", []want{{"the spring", "DATE", "2025-SP"}}},
	{"the season, ahead", wed, "Talks will resume in the spring.", []want{{"the spring", "DATE", "2026-SP"}}},
	{"present passive of a plan", wed, "The summit is planned for mid-September, officials said.", []want{{"mid-September", "DATE", "2025-09"}}},
	{"clock colon is no boundary", wed, "The vote will take place at 10:00 local time (0700 GMT) on Thursday.", []want{{"10:00", "TIME", "2025-08-06T10:00"}, {"Thursday", "DATE", "2025-08-07"}}},
	{"a second as a duration", wed, "The screen went dark for a second.", []want{{"a second", "DURATION", "PT1S"}}},
}

func TestTag(t *testing.T) { runTagCases(t, tagCases) }

// runTagCases checks each case's expressions: text, type, value and offsets.
func runTagCases(t *testing.T, cases []tagCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Tag(tc.in, tc.ref)
			if len(got) != len(tc.want) {
				t.Fatalf("Tag(%q) = %s, want %d expressions %v", tc.in, show(got), len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Text != w.text || g.Type != w.typ || g.Value != w.value {
					t.Errorf("Tag(%q)[%d] = %q %s %s, want %q %s %s", tc.in, i, g.Text, g.Type, g.Value, w.text, w.typ, w.value)
				}
				if sub := runeSub(tc.in, g.Start, g.End); sub != g.Text {
					t.Errorf("offsets %d-%d give %q, text is %q", g.Start, g.End, sub, g.Text)
				}
			}
		})
	}
}

func show(ts []models.Timex) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "[%q %s %s] ", t.Text, t.Type, t.Value)
	}
	return b.String()
}

func runeSub(s string, start, end int) string {
	r := []rune(s)
	if start < 0 || end > len(r) || start > end {
		return "<out of range>"
	}
	return string(r[start:end])
}

func TestTagUnanchored(t *testing.T) {
	cases := []struct{ in, value string }{
		{"He arrived on Wednesday.", "XXXX-WXX-3"},
		{"His last visit, in April, failed.", "XXXX-04"},
		{"They met yesterday.", "XXXX-XX-XX"},
		{"Talks resume Aug. 12.", "XXXX-08-12"},
		{"It happened last week.", "XXXX-WXX"},
		{"The accord of August 6, 2025 holds.", "2025-08-06"},
	}
	for _, c := range cases {
		got := TagUnanchored(c.in)
		if len(got) != 1 || got[0].Value != c.value {
			t.Errorf("TagUnanchored(%q) = %s, want one with value %s", c.in, show(got), c.value)
		}
	}
}

func TestRuneOffsets(t *testing.T) {
	in := "Переговоры — «важные»: the envoy met Putin on Wednesday, 6 August."
	for _, g := range Tag(in, wed) {
		if runeSub(in, g.Start, g.End) != g.Text {
			t.Errorf("offsets %d-%d do not give %q", g.Start, g.End, g.Text)
		}
	}
	if got := Tag(in, wed); len(got) != 1 || got[0].Value != "2025-08-06" {
		t.Errorf("got %s, want Wednesday, 6 August as 2025-08-06", show(got))
	}
}

func TestGranularity(t *testing.T) {
	cases := map[string]string{"2025-08-06T14:00": models.GranTime, "2025-08-06": models.GranDay,
		"2025-W32": models.GranWeek, "2025-W31-WE": models.GranWeek, "2025-04": models.GranMonth,
		"2025-Q3": models.GranQuarter, "2025": models.GranYear, "PRESENT_REF": models.GranUnknown, "P2D": models.GranUnknown}
	for v, want := range cases {
		if got := Granularity(v); got != want {
			t.Errorf("Granularity(%q) = %s, want %s", v, got, want)
		}
	}
}

// valueRE is the shape of every value the tagger may produce.
var valueRE = regexp.MustCompile(`^(` +
	`[0-9X]{2,4}` + // century, decade, year
	`|[0-9X]{4}-([0-9X]{2}|Q[1-4X]|H[12]|SP|SU|FA|WI|W[0-9X]{2}(-[1-7]|-WE)?)` +
	`|[0-9X]{4}-[0-9X]{2}-[0-9X]{2}` +
	`|[0-9X]{4}-([0-9X]{2}-[0-9X]{2}|W[0-9X]{2}-[1-7])T([0-9X]{2}(:[0-9X]{2})?|MO|AF|EV|NI)` +
	`|P([0-9]+|X)(Y|M|W|D|Q|DE|CE|WE)` +
	`|PT([0-9]+|X)(H|M|S)|PT[0-9]+H[0-9]+M[0-9]+S` +
	`|BC[0-9]{2,4}` + // before the era
	`|P[0-9]+Y6M|P[0-9]+M15D|P[0-9]+DT12H|PT[0-9]+H30M|PT[0-9]+M30S` + // halves
	`|PAST_REF|PRESENT_REF|FUTURE_REF)$`)

func FuzzTag(f *testing.F) {
	for _, tc := range tagCases {
		f.Add(tc.in)
	}
	f.Add("on 31 February 2025 at 25:99 p.m. the 0th century 9999-99-99")
	f.Add("in the ’90s and the '20s, every 3 weeks, twenty- four hours")
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		for _, ref := range []time.Time{wed, jan} {
			for _, g := range Tag(s, ref) {
				checkTimex(t, s, n, g)
			}
		}
		for _, g := range TagUnanchored(s) {
			checkTimex(t, s, n, g)
			if strings.HasPrefix(g.Value, "000") && !strings.HasPrefix(g.Text, "AD ") {
				t.Fatalf("unanchored %q resolved against the zero time: %s", g.Text, g.Value)
			}
		}
	})
}

func checkTimex(t *testing.T, s string, n int, g models.Timex) {
	t.Helper()
	if g.Start < 0 || g.End > n || g.Start >= g.End {
		t.Fatalf("offsets %d-%d out of range 0-%d for %q", g.Start, g.End, n, g.Text)
	}
	if !utf8.ValidString(s) {
		return // offsets count decoded runes; invalid bytes are one rune each
	}
	if runeSub(s, g.Start, g.End) != g.Text {
		t.Fatalf("offsets %d-%d do not give %q", g.Start, g.End, g.Text)
	}
	switch g.Type {
	case TypeDate, TypeTime, TypeDuration, TypeSet:
	default:
		t.Fatalf("bad type %q", g.Type)
	}
	if !valueRE.MatchString(g.Value) {
		t.Fatalf("malformed value %q for %q", g.Value, g.Text)
	}
}

// benchText is news-like copy with a realistic density of time expressions.
const benchText = `MOSCOW — A U.S. envoy arrived in Moscow on Wednesday for urgent talks with the Russian president, ` +
	`just 48 hours before a deadline that expires on Friday. His last visit, in April, focused on a ceasefire. ` +
	`The president, who took office in January, said on Tuesday that sanctions could follow in two days' time. ` +
	`Officials said the two men met for three hours and agreed to speak again next week. Trade between the two ` +
	`countries fell by a third last year, and analysts expect little change over the next few months, although ` +
	`the ministry reported on 6 August 2025 that exports had recovered since early March. "Nothing has changed," ` +
	`a spokesman told reporters over the weekend, adding that the delegation would return at 10 a.m. on Monday.`

func BenchmarkTag(b *testing.B) {
	text := strings.Repeat(benchText+"\n", 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tag(text, wed)
	}
}
