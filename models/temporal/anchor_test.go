package temporal

import (
	"testing"
	"time"

	"dateline/models"
)

// sep10 is the publication time of the narrative cases: Wednesday 10
// September 2025.
var sep10 = time.Date(2025, 9, 10, 10, 0, 0, 0, time.UTC)

// narrativeCases: year-less dates and anaphora count from the dates the
// text tells (anchor.go), the publication time otherwise.
var narrativeCases = []tagCase{
	{"year-less day after a dated one", sep10, "A treaty was signed on 3 December 1921. On 12 January the parliament ratified it.",
		[]want{{"3 December 1921", "DATE", "1921-12-03"}, {"12 January", "DATE", "1922-01-12"}}},
	{"looking back from the anchor", sep10, "The treaty was signed on 3 December 1921. In March the envoys had met in Oslo.",
		[]want{{"3 December 1921", "DATE", "1921-12-03"}, {"March", "DATE", "1921-03"}}},
	{"a year alone in a narrative", sep10, "The war began in 1914. In the spring the armies stalled. By 1917 the tsar had fallen. In March he abdicated.",
		[]want{{"1914", "DATE", "1914"}, {"the spring", "DATE", "1914-SP"}, {"1917", "DATE", "1917"}, {"March", "DATE", "1917-03"}}},
	{"news: a background year anchors nothing", sep10, "Sanctions have been in place since 2014. In March the ministers met in Oslo.",
		[]want{{"2014", "DATE", "2014"}, {"March", "DATE", "2025-03"}}},
	{"a noun's date anchors nothing", sep10, "They recalled the August 1988 ceasefire. Iraq invaded on Aug. 2.",
		[]want{{"August 1988", "DATE", "1988-08"}, {"Aug. 2", "DATE", "2025-08-02"}}},
	{"the future counts from now", sep10, "He first met Lowe on 3 May 2005. His memoir is due to be published in May.",
		[]want{{"3 May 2005", "DATE", "2005-05-03"}, {"May", "DATE", "2026-05"}}},
	{"another paragraph", sep10, "The treaty was signed on 3 December 1921.\n\nOn 12 January the minister resigned.",
		[]want{{"3 December 1921", "DATE", "1921-12-03"}, {"12 January", "DATE", "2025-01-12"}}},
	{"past tense month", sep10, "The dispute goes back to talks in Oslo in March.", []want{{"March", "DATE", "2025-03"}}},
	{"a past month ahead is last year's", sep10, "The nations reached an accord in December.", []want{{"December", "DATE", "2024-12"}}},
	{"a future cue a month back", sep10, "Sales will be flat this year through August.", []want{{"this year", "DATE", "2025"}, {"August", "DATE", "2025-08"}}},
	{"payable", sep10, "The dividend is payable Jan. 2 to holders of record.", []want{{"Jan. 2", "DATE", "2026-01-02"}}},
	{"would have ended", sep10, "It was a grace period that would have ended in mid-October.", []want{{"mid-October", "DATE", "2025-10"}}},
	{"days later", sep10, "The envoy arrived on 4 August. Two days later the envoy left.",
		[]want{{"4 August", "DATE", "2025-08-04"}, {"Two days later", "DATE", "2025-08-06"}}},
	{"a day earlier", sep10, "The envoy arrived on 4 August. A day earlier he had called Kyiv.",
		[]want{{"4 August", "DATE", "2025-08-04"}, {"A day earlier", "DATE", "2025-08-03"}}},
	{"the same day", sep10, "The envoy arrived on 4 August. The same day he met Putin.",
		[]want{{"4 August", "DATE", "2025-08-04"}, {"The same day", "DATE", "2025-08-04"}}},
	{"that year, the following year", sep10, "The war began in 1914. That year ended badly. The following year the offensive failed.",
		[]want{{"1914", "DATE", "1914"}, {"That year", "DATE", "1914"}, {"The following year", "DATE", "1915"}}},
	{"the following month from a day", sep10, "The envoy arrived on 4 August. The following month he returned.",
		[]want{{"4 August", "DATE", "2025-08-04"}, {"The following month", "DATE", "2025-09"}}},
	{"ago counts from now", sep10, "The envoy arrived on 4 August 2020. Two years ago he retired.",
		[]want{{"4 August 2020", "DATE", "2020-08-04"}, {"Two years ago", "DATE", "2023"}}},
	{"a quarter, a year earlier", sep10, "Profit rose in the third quarter, from $2 million a year earlier.",
		[]want{{"the third quarter", "DATE", "2025-Q3"}, {"a year earlier", "DATE", "2024-Q3"}}},
}

func TestNarrativeAnchoring(t *testing.T) { runTagCases(t, narrativeCases) }

// formCases: parts of periods, seasons with years, years before the era,
// halves and modifiers of durations, zones.
var formCases = []tagCase{
	{"last quarter of a year", sep10, "Sales fell in the last quarter of 2019.", []want{{"the last quarter of 2019", "DATE", "2019-Q4"}}},
	{"second half of a year", sep10, "in the second half of 1989", []want{{"the second half of 1989", "DATE", "1989-H2"}}},
	{"final weeks of a year", sep10, "in the final weeks of 2019", []want{{"the final weeks of 2019", "DATE", "2019"}}},
	{"first week of a month", sep10, "They met in the first week of June.", []want{{"the first week of June", "DATE", "2025-06"}}},
	{"season with its year", sep10, "in the winter of 1940 and in summer 2019", []want{{"the winter of 1940", "DATE", "1940-WI"}, {"summer 2019", "DATE", "2019-SU"}}},
	{"early month", sep10, "Talks resume in early September.", []want{{"early September", "DATE", "2025-09"}}},
	{"bc year", sep10, "Caesar crossed the Rubicon in 49 BC.", []want{{"49 BC", "DATE", "BC0049"}}},
	{"bc century", sep10, "Athens fell in the 5th century BC.", []want{{"the 5th century BC", "DATE", "BC04"}}},
	{"ad year", sep10, "Rome burned in AD 64.", []want{{"AD 64", "DATE", "0064"}}},
	{"straight days", sep10, "The protests lasted eleven straight days.", []want{{"eleven straight days", "DURATION", "P11D"}}},
	{"and a half", sep10, "after nearly three and a half years of war", []want{{"nearly three and a half years", "DURATION", "P3Y6M"}}},
	{"unit and a half", sep10, "a year and a half of talks", []want{{"a year and a half", "DURATION", "P1Y6M"}}},
	{"slashed half", sep10, "2 1/2 hours of debate", []want{{"2 1/2 hours", "DURATION", "PT2H30M"}}},
	{"spoken year", sep10, "It began in nineteen ninety-six and ended in the year two thousand.", []want{{"nineteen ninety-six", "DATE", "1996"}, {"the year two thousand", "DATE", "2000"}}},
	{"month and spoken year", sep10, "in January nineteen ninety-seven", []want{{"January nineteen ninety-seven", "DATE", "1997-01"}}},
	{"nineteen people", sep10, "Nineteen people came.", nil},
	{"year-earlier quarter", sep10, "Profit fell from the year-earlier third quarter.", []want{{"the year-earlier third quarter", "DATE", "2024-Q3"}}},
	{"year-ago after a quarter", sep10, "Profit rose in the second quarter. Sales were flat a year ago.", []want{{"the second quarter", "DATE", "2025-Q2"}, {"a year ago", "DATE", "2024-Q2"}}},
	{"zone kept, today's date", sep10, "A treaty was signed on 3 December 1921. Its terms were harsh. Its text was long. The vote closed at 09:30 UTC.",
		[]want{{"3 December 1921", "DATE", "1921-12-03"}, {"09:30 UTC", "TIME", "2025-09-10T09:30"}}},
}

func TestForms(t *testing.T) { runTagCases(t, formCases) }

// TestModsAndZones: the modifier and the zone ride beside the value.
func TestModsAndZones(t *testing.T) {
	for _, c := range []struct{ in, text, mod, zone string }{
		{"in early September", "early September", "START", ""},
		{"by mid-October", "mid-October", "MID", ""},
		{"in late 2019", "late 2019", "END", ""},
		{"the final weeks of 2019", "the final weeks of 2019", "END", ""},
		{"the first half of June", "the first half of June", "START", ""},
		{"nearly three years", "nearly three years", "LESS_THAN", ""},
		{"The polls closed at 09:30 UTC.", "09:30 UTC", "", "UTC"},
		{"at 15:00 GMT Saturday", "15:00 GMT Saturday", "", "GMT"},
	} {
		got := Tag(c.in, sep10)
		if len(got) != 1 || got[0].Text != c.text || got[0].ModOf() != c.mod || got[0].ZoneOf() != c.zone {
			t.Errorf("Tag(%q) = %s mod %q zone %q, want %q mod %q zone %q", c.in, show(got), modOf(got), zoneOf(got), c.text, c.mod, c.zone)
		}
	}
}

func modOf(ts []models.Timex) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].ModOf()
}

func zoneOf(ts []models.Timex) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].ZoneOf()
}

func TestParsePoint(t *testing.T) {
	for _, c := range []struct {
		v    string
		want string
		unit int
		ok   bool
	}{
		{"1921", "1921-01-01", uYear, true}, {"1921-12", "1921-12-01", uMonth, true}, {"1921-12-03", "1921-12-03", uDay, true},
		{"2025-08-06T14:00", "2025-08-06", uDay, true}, {"2025-W32", "2025-08-04", uWeek, true}, {"2025-Q3", "2025-07-01", uQuarter, true},
		{"2025-H2", "2025-07-01", uQuarter, true}, {"2025-SU", "2025-06-01", uQuarter, true},
		{"P2D", "", 0, false}, {"PAST_REF", "", 0, false}, {"XXXX-08", "", 0, false}, {"197", "", 0, false},
	} {
		got, u, ok := parsePoint(c.v)
		if ok != c.ok || ok && (got.Format("2006-01-02") != c.want || u != c.unit) {
			t.Errorf("parsePoint(%q) = %v %d %v, want %s %d %v", c.v, got, u, ok, c.want, c.unit, c.ok)
		}
	}
}
