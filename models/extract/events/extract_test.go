package events_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/extract"
	"dateline/models/extract/events"
	"dateline/models/extract/golden"
	"dateline/models/temporal"
)

// readEventFixture reads testdata/<case>.txt: a first line
// "# published <RFC 3339 time|none>" and the article body.
func readEventFixture(t *testing.T, path string) extract.Input {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n")
	in := extract.Input{Name: path, Data: []byte(body), Plain: true}
	if v := strings.TrimSpace(strings.TrimPrefix(head, "# published")); v != "none" {
		ts, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Fatalf("%s: bad header %q: %v", path, head, err)
		}
		in.PublishedAt = &ts
	}
	return in
}

func TestEventsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			x, err := en.Extract(readEventFixture(t, f))
			if err != nil {
				t.Fatal(err)
			}
			golden.CheckGolden(t, strings.TrimSuffix(f, ".txt")+".golden.json", golden.GoldenEvents(x.Articles[0].Events))
		})
	}
}

// TestEventsSeedShape checks, on a short article of our own, the properties
// the store relies on to merge reports: one kind and date for one
// happening told three ways, and the deadline details.
func TestEventsSeedShape(t *testing.T) {
	ref := time.Date(2025, 8, 7, 6, 0, 0, 0, time.UTC)
	body := "Donald Trump said Wednesday that his envoy Steve Witkoff had held a productive meeting with Vladimir Putin.\n" +
		"The call with Zelensky came after Steve Witkoff met the Russian leadership in Moscow earlier in the day.\n" +
		"Trump has given Russia until Friday to agree a ceasefire or face new sanctions."
	evs := eventsOf(body, ref)
	var meetings, deadlines int
	for _, ev := range evs {
		switch ev.Kind {
		case models.KindMeeting:
			meetings++
			if ev.Date != "2025-08-06" || !slices.Contains(ev.Actors, "Steve Witkoff") || !slices.Contains(ev.Actors, "Vladimir Putin") {
				t.Errorf("meeting %+v: want 2025-08-06 with Witkoff and Putin", ev)
			}
		case models.KindDeadline:
			deadlines++
			d := ev.Deadline
			if ev.Date != "2025-08-08" || d == nil || d.SetBy != "Donald Trump" || d.Consequence != "new sanctions" ||
				d.Demand != "Russia to agree a ceasefire" {
				t.Errorf("deadline %+v %+v: want 2025-08-08 set by Trump, demand and consequence", ev, d)
			}
		}
	}
	if meetings != 1 || deadlines != 1 {
		t.Errorf("got %d meetings and %d deadlines, want the two reports merged into one meeting and one deadline: %+v", meetings, deadlines, evs)
	}
}

func eventsOf(body string, ref time.Time) []models.ExtractedEvent {
	return events.FindEvents(golden.English(), body, temporal.Tag(body, ref), nil)
}

func TestEventKinds(t *testing.T) {
	ref := time.Date(2025, 8, 6, 15, 0, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		name, in         string
		kind, cameo, day string // day "" means no event expected
	}{
		{"visit", "The chancellor visited Kyiv on Tuesday.", models.KindVisit, cameoVisit, "2025-08-05"},
		{"arrival for talks with a leader", "The envoy Steve Witkoff arrived in Moscow on Wednesday for talks with Vladimir Putin.", models.KindMeeting, cameoConsult, "2025-08-06"},
		{"talks between countries", "Russia and Ukraine held talks in Istanbul on Monday.", models.KindTalks, cameoNegotiate, "2025-08-04"},
		{"phone", "Trump spoke by phone with Zelensky on Tuesday.", models.KindCall, cameoPhone, "2025-08-05"},
		{"scare-quoted ultimatum", `Zelensky called the memorandum an "ultimatum" on Tuesday.`, models.KindStatement, events.CameoStatement, "2025-08-05"},
		{"fly to", "Rubio is due to fly to the region on Thursday.", models.KindVisit, cameoVisit, "2025-08-07"},
		{"phone call noun", "A phone call between Macron and Starmer took place on Monday.", models.KindCall, cameoPhone, "2025-08-04"},
		{"host", "Erdogan hosted Zelensky in Ankara on Monday.", models.KindMeeting, events.CameoHost, "2025-08-04"},
		{"intent", "Trump will meet Putin next week.", models.KindMeeting, events.CameoIntentMeet, "2025-W33"},
		{"statement", "Peskov said on Tuesday that nothing had changed.", models.KindStatement, events.CameoStatement, "2025-08-05"},
		{"imposed sanctions", "The EU imposed new sanctions on Iran on Monday.", models.KindSanction, events.CameoImposeSanct, "2025-08-04"},
		{"threatened sanctions", "Washington threatened fresh sanctions on Monday.", models.KindSanction, events.CameoThreatSanct, "2025-08-04"},
		{"ultimatum", "Israel gave Hamas an ultimatum on Tuesday.", models.KindUltimatum, events.CameoUltimatum, "2025-08-05"},
		{"deadline by", "Iran must respond by Friday or face sanctions, Trump warned.", models.KindDeadline, events.CameoUltimatum, "2025-08-08"},
		{"agreement", "The two countries signed a trade agreement on 1 August 2025.", models.KindAgreement, cameoSign, "2025-08-01"},
		{"attack", "Drones attacked Odesa overnight on Sunday.", models.KindAttack, cameoMilitaryUse, "2025-08-03"},
		{"took office", "He took office in January.", models.KindOther, cameoNone, "2025-01"},

		// Failure cases: no datable happening.
		{"no date", "Witkoff met Putin in Moscow.", "", "", ""},
		{"vague date", "Witkoff met Putin recently.", "", "", ""},
		{"duration only", "The meeting lasted three hours.", "", "", ""},
		{"no cue", "On Tuesday the weather was fine.", "", "", ""},
		{"quoted attack", `"We attacked nobody and we will attack nobody in the coming days," he said.`, "", "", ""},
		{"so-called", "The so-called coalition of the willing grew on Monday.", "", "", ""},
		{"past sanctions aside", "Russia has evaded past sanctions since 2014.", "", "", ""},
		{"failed to agree", "The two sides failed to agree on the second phase of the truce on Monday.", "", "", ""},
		{"did not meet", "Trump did not meet Putin on Friday.", "", "", ""},

		// Regressions.
		{"since clause keeps its date", "He has made several trips to Russia since the president took office in January.", models.KindOther, cameoNone, "2025-01"},
		{"negation of another verb", "Trump did not offer specific criticisms during a Tuesday meeting with Cuban supporters.", models.KindMeeting, cameoConsult, "2025-08-05"},
		{"visit with negotiations topic", "His last visit, in April, focused on peace negotiations between Moscow and Kyiv.", models.KindVisit, cameoVisit, "2025-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := eventsOf(tt.in, ref)
			if tt.day == "" {
				if len(evs) != 0 {
					t.Fatalf("events(%q) = %+v, want none", tt.in, evs)
				}
				return
			}
			if len(evs) == 0 {
				t.Fatalf("events(%q) = none, want %s on %s", tt.in, tt.kind, tt.day)
			}
			ev := evs[0]
			if ev.Kind != tt.kind || ev.Cameo != tt.cameo || ev.Date != tt.day {
				t.Errorf("events(%q)[0] = %s %q %s, want %s %q %s", tt.in, ev.Kind, ev.Cameo, ev.Date, tt.kind, tt.cameo, tt.day)
			}
		})
	}
}

// TestStatementSummaryKeepsQuotation checks that a statement whose words are
// a quotation is summarised with them, not cut before them.
func TestStatementSummaryKeepsQuotation(t *testing.T) {
	ref := time.Date(2025, 3, 18, 14, 0, 0, 0, time.UTC)
	evs := eventsOf(`Marco Rubio said on Monday that Washington wanted "a deal this week, not next month".`, ref)
	if len(evs) != 1 || evs[0].Kind != models.KindStatement {
		t.Fatalf("events = %+v, want one statement", evs)
	}
	if want := `Marco Rubio said on Monday that Washington wanted "a deal this week, not next month"`; evs[0].Summary != want {
		t.Errorf("summary = %q, want %q", evs[0].Summary, want)
	}
}

// TestStatementSummaryReportedBefore checks that a statement whose clause
// follows what it reports is summarised with it, without the aside after.
func TestStatementSummaryReportedBefore(t *testing.T) {
	ref := time.Date(2025, 8, 20, 8, 0, 0, 0, time.UTC)
	evs := eventsOf("China and India will resume direct flights by the end of October, the two governments announced on Wednesday, the latest sign of a thaw.", ref)
	var got []string
	for _, ev := range evs {
		if ev.Kind == models.KindStatement {
			got = append(got, ev.Summary)
		}
	}
	want := "China and India will resume direct flights by the end of October, the two governments announced on Wednesday"
	if len(got) != 1 || got[0] != want {
		t.Errorf("statement summaries = %q, want [%q]", got, want)
	}
}

var eventDateRE = regexp.MustCompile(`^\d{4}(-(\d{2}|W\d{2}(-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI)(-\d{2}(T(\d{2}(:\d{2})?|MO|AF|EV|NI))?)?)?$|^\d{2,3}$`)

func FuzzFindEvents(f *testing.F) {
	f.Add("Witkoff arrived in Moscow on Wednesday for talks with Putin. This was 48 hours before the deadline expires.")
	f.Add("Trump has given Russia until Friday to stop or face sanctions; unless it stops by Friday, tariffs follow.")
	f.Add(`"Attack," he said Tuesday -- and then: the call came after they met earlier in the day.`)
	f.Add("His last visit, in April, failed. He said that the president took office in January.")
	ref := time.Date(2025, 8, 6, 15, 0, 0, 0, time.UTC)
	kinds := map[string]bool{}
	for _, k := range models.EventKinds {
		kinds[k] = true
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		n := utf8.RuneCountInString(body)
		for _, ev := range eventsOf(body, ref) {
			if ev.Start < 0 || ev.End > n || ev.Start >= ev.End {
				t.Fatalf("offsets %d-%d out of range 0-%d", ev.Start, ev.End, n)
			}
			if !kinds[ev.Kind] {
				t.Fatalf("bad kind %q", ev.Kind)
			}
			if !eventDateRE.MatchString(ev.Date) || ev.Granularity == models.GranUnknown {
				t.Fatalf("bad date %q (%s)", ev.Date, ev.Granularity)
			}
			if ev.Actors == nil || ev.Summary == "" && ev.Sentence != "" && strings.TrimSpace(ev.Sentence) == "" {
				t.Fatalf("incomplete event %+v", ev)
			}
		}
	})
}

// TestReportedHappening: a happening reported by a statement takes no date
// from the statement's clause; the statement, with what it reported, is the
// sentence's event. A clause that places itself against the other ("a day
// after ...") keeps the date it is placed by.
func TestReportedHappening(t *testing.T) {
	ref := time.Date(2025, 8, 7, 10, 0, 0, 0, time.UTC) // a Thursday
	cases := []struct {
		in   string
		want []string // kind date summary
	}{
		{"Sergei Lavrov said on Tuesday that the talks in Geneva would fail.",
			[]string{"statement 2025-08-05 Sergei Lavrov said on Tuesday that the talks in Geneva would fail"}},
		{"The talks in Geneva would fail, Sergei Lavrov said on Tuesday.",
			[]string{"statement 2025-08-05 The talks in Geneva would fail, Sergei Lavrov said on Tuesday"}},
		{"Lavrov said on Tuesday that the envoys met in Geneva on Monday.",
			[]string{"meeting 2025-08-04 The envoys met in Geneva on Monday"}},
		// a plain past happening keeps the report's day, as wire copy means it
		{"Russian drones struck Kyiv overnight, the air force said on Sunday.",
			[]string{"attack 2025-08-03 Russian drones struck Kyiv overnight, the air force said on Sunday"}},
		{"Yuri Ushakov said on Thursday that the two sides would hold a summit, a day after Steve Witkoff met Vladimir Putin in Moscow.",
			[]string{"statement 2025-08-07 Yuri Ushakov said on Thursday that the two sides would hold a summit",
				"meeting 2025-08-06 Steve Witkoff met Vladimir Putin in Moscow"}},
	}
	for _, c := range cases {
		var got []string
		for _, e := range eventsOf(c.in, ref) {
			got = append(got, e.Kind+" "+e.Date+" "+e.Summary)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// The usual CAMEO codes of kinds (data/lexicon/kinds.txt), as the tests
// expect them.
const (
	cameoConsult     = "040"
	cameoPhone       = "041"
	cameoVisit       = "042"
	cameoNegotiate   = "046"
	cameoSign        = "057"
	cameoMilitaryUse = "190"
	cameoNone        = ""
)

// en is the English extractor the tests share.
var en = func() *extract.Extractor {
	x, err := extract.New("en")
	if err != nil {
		panic(err)
	}
	return x
}()
