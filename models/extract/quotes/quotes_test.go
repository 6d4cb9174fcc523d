package quotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/golden"
)

// quotesOf runs the quote finder on body as the pipeline does.
func quotesOf(body string) ([]models.ExtractedQuote, []models.ExtractedPerson) {
	return findQuotes(testLang, body)
}

// TestQuotesGolden runs every testdata/<case>.txt through the quote
// finder and compares quotes and people with <case>.golden.json
// (go test -update rewrites them).
func TestQuotesGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	for _, f := range files {
		name := strings.TrimSuffix(f, ".txt")
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			body, ref := fixtureBody(t, f, string(b))
			qs, ps := quotesAt(body, ref)
			checkQuotes(t, body, qs)
			golden.CheckGolden(t, name+".golden.json", struct {
				Quotes []models.ExtractedQuote  `json:"quotes"`
				People []models.ExtractedPerson `json:"people"`
			}{qs, ps})
		})
	}
}

// checkQuotes checks what every quote must satisfy: offsets in range, the
// text being the quoted words (or both parts of a broken quote), a mention
// whose offsets give its text.
func checkQuotes(t *testing.T, body string, qs []models.ExtractedQuote) {
	t.Helper()
	r := []rune(body)
	for _, q := range qs {
		if q.Start < 0 || q.Start >= q.End || q.End > len(r) {
			t.Fatalf("quote %q has offsets %d..%d outside 0..%d", q.Text, q.Start, q.End, len(r))
		}
		span := string(r[q.Start:q.End])
		if q.Text != span && !(strings.HasPrefix(span, firstWord(q.Text)) && utf8.RuneCountInString(q.Text) <= len(span)) {
			t.Errorf("quote text %q is not the body's %q", q.Text, span)
		}
		switch q.Kind {
		case models.QuoteDirect, models.QuotePartial, models.QuoteIndirect:
		default:
			t.Errorf("quote %q has kind %q", q.Text, q.Kind)
		}
		if m := q.SpeakerMention; m != nil {
			if m.Start < 0 || m.Start >= m.End || m.End > len(r) || string(r[m.Start:m.End]) != m.Text {
				t.Errorf("mention %+v does not match the body", *m)
			}
		}
		if q.Speaker != nil && q.SpeakerMention == nil {
			t.Errorf("quote %q has a speaker but no mention", q.Text)
		}
	}
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// TestFindQuotes checks the pieces of single sentences: what is quoted, of
// which kind, by whom, and what is not a quote at all.
func TestFindQuotes(t *testing.T) {
	tests := []struct {
		name, body              string
		text, kind, mention, by string // of the first quote; text "" means no quote
		cue, venue              string
	}{
		{"said after", `"We are close," Trump said.`, "We are close", "direct", "Trump", "Donald Trump", "said", ""},
		{"said before", `Peskov said: "Nothing is agreed."`, "Nothing is agreed.", "direct", "Peskov", "Dmitry Peskov", "said", ""},
		{"inverted", `"It is over," said the Kremlin aide.`, "It is over", "direct", "the Kremlin aide", "Yuri Ushakov", "said", ""},
		{"told audience", `"No date yet," Ushakov told journalists in Moscow.`, "No date yet", "direct", "Ushakov", "Yuri Ushakov", "told journalists", "in Moscow"},
		{"statement venue", `"We welcome the call," the White House said in a statement.`, "We welcome the call", "direct", "the White House", "the White House", "said", "in a statement"},
		{"apposition", `"We expect more," Jane Roe, a senior analyst at a bank, said on Friday.`, "We expect more", "direct", "Jane Roe", "Jane Roe", "said", "on Friday"},
		{"honorific", `"Fine," Mr. Lavrov said.`, "Fine", "direct", "Mr. Lavrov", "Sergei Lavrov", "said", ""},
		{"pronoun", `Trump spoke to the press. "The deal is near," he said.`, "The deal is near", "direct", "he", "Donald Trump", "said", ""},
		{"unknown speaker", `"We were not told," one diplomat said.`, "We were not told", "direct", "one diplomat", "one diplomat", "said", ""},
		{"indirect that", `Zelensky said that Ukraine would not give up any land.`, "Ukraine would not give up any land", "indirect", "Zelensky", "Volodymyr Zelensky", "said", ""},
		{"speech after a quote's sentence", `"If Trump wins I will be stopped," he said. He said he planned to visit the city.`, "he planned to visit the city", "indirect", "He", "", "said", ""},
		{"second speaker after and", `Trump said the deal was close and Zelensky said Kyiv was not ready.`, "Kyiv was not ready", "indirect", "Zelensky", "Volodymyr Zelensky", "said", ""},
		{"long opening source", `According to early results of the exit polls conducted for the networks by a research firm, most voters wanted change.`, "most voters wanted change", "indirect", "early results of the exit polls conducted for the networks by a research firm", "", "According to", ""},
		{"poll share", `In the survey, 21 percent said they would not vote at all.`, "they would not vote at all", "indirect", "21 percent", "21 percent", "said", ""},
		{"poll share of a group", `Seventy-four percent of registered voters say they trust her.`, "they trust her", "indirect", "Seventy-four percent of registered voters", "Seventy-four percent of registered voters", "say", ""},
		{"indirect trailing", `The ceasefire will hold until Friday, the Kremlin said.`, "The ceasefire will hold until Friday", "indirect", "the Kremlin", "the Kremlin", "said", ""},
		{"according to", `According to Reuters, the envoy will travel on Sunday.`, "the envoy will travel on Sunday", "indirect", "Reuters", "Reuters", "According to", ""},
		{"partial", `Rutte called the plan "a real step forward" for the alliance.`, "a real step forward", "partial", "Rutte", "Mark Rutte", "called", ""},
		{"mid cue", `But to avoid trouble, he said, both sides should wait.`, "But to avoid trouble both sides should wait", "indirect", "he", "", "said", ""},
		{"exclamation, adverb after the cue", `"Great progress was made!" Trump wrote afterwards on his platform.`, "Great progress was made!", "direct", "Trump", "Donald Trump", "wrote", "afterwards on his platform"},
		{"adverb before the cue", `A senior official nevertheless told reporters that sanctions would follow.`, "sanctions would follow", "indirect", "A senior official", "a senior official", "told reporters", ""},
		{"she after a name the lexicon lacks", `EU foreign policy chief Kaja Kallas spoke with Sergei Lavrov on Tuesday. She said the bloc was ready to talk.`, "the bloc was ready to talk", "indirect", "She", "Kaja Kallas", "said", ""},
		{"no name from an opening capital", `But Lavrov met Kallas later. He said the talks were over.`, "the talks were over", "indirect", "He", "Sergei Lavrov", "said", ""},
		{"told a named outlet, no that", `A Hamas official told Reuters the group would respond to the proposal soon.`, "the group would respond to the proposal soon", "indirect", "A Hamas official", "a Hamas official", "told Reuters", ""},
		{"respond to is not speech", `A Hamas official told the agency the group would respond to the latest proposal "within 48 hours".`, "within 48 hours", "partial", "A Hamas official", "a Hamas official", "told the agency", ""},
		{"telling whom, then that", `Foreign Minister Hakan Fidan opened the session, telling both sides that the world was watching.`, "the world was watching", "indirect", "Foreign Minister Hakan Fidan", "Hakan Fidan", "telling", ""},
		{"wire dateline", `MOSCOW, Aug 6 (Wire) - The talks were useful, the Kremlin said.`, "The talks were useful", "indirect", "the Kremlin", "the Kremlin", "said", ""},
		{"not a dateline", `NATO members say - as they have for years - that the alliance will hold, the minister said.`, "NATO members say - as they have for years - that the alliance will hold", "indirect", "the minister", "", "said", ""},
		{"mid cue after if", `If the deadline passes, officials said, other buyers could face the same tariff.`, "If the deadline passes, other buyers could face the same tariff", "indirect", "officials", "officials", "said", ""},
		{"according to inside", `The call was held with Zelensky and, according to a source in Kyiv, included Mark Rutte.`, "The call was held with Zelensky and included Mark Rutte", "indirect", "a source in Kyiv", "a source in Kyiv", "according to", ""},
		{"according to then an aside", `The deal is close, according to two officials, who asked not to be named.`, "The deal is close", "indirect", "two officials", "two officials", "according to", ""},
		{"quoted words open the content", `An official said that "secondary sanctions" would follow within days.`, "secondary sanctions", "partial", "An official", "an official", "said", ""},
		{"quoted words close the content", `An official said that the sanctions would be "severe".`, "severe", "partial", "An official", "an official", "said", ""},
		{"headline speaker", `Jane Roe: Talks Will Resume In Spring`, "Talks Will Resume In Spring", "indirect", "Jane Roe", "Jane Roe", ":", ""},
		{"participle", `Peskov spoke briefly, adding that no date had been set.`, "no date had been set", "indirect", "Peskov", "Dmitry Peskov", "adding", ""},
		{"coordinated", `Lavrov told reporters that the talks had ended and warned that new sanctions would fail.`, "new sanctions would fail", "indirect", "Lavrov", "Sergei Lavrov", "warned", ""},
		{"according to at end", `The deal is close, according to two people familiar with it.`, "The deal is close", "indirect", "two people familiar with it", "", "according to", ""},
		{"doubled apostrophes", `''We are ready,'' the minister said.`, "We are ready", "direct", "the minister", "", "said", ""},
		{"participle before quote", `Trump attacked the plan, saying, "It will never work."`, "It will never work.", "direct", "Trump", "Donald Trump", "saying", ""},
		{"she", `Hillary Clinton spoke after Trump left. "We will win," she said.`, "We will win", "direct", "she", "Hillary Clinton", "said", ""},
		{"told a newspaper", `"No comment," an official told The Washington Post on Monday.`, "No comment", "direct", "an official", "an official", "told The Washington Post", "on Monday"},
		{"document reads", `The statement read: "We regret the error."`, "We regret the error.", "direct", "The statement", "", "read", ""},
		{"aside before cue", `Mike Pence, the running mate, said: "We will win."`, "We will win.", "direct", "Mike Pence", "Mike Pence", "said", ""},
		{"sentence adverb", `Still, the fund warned that growth would slow next year.`, "growth would slow next year", "indirect", "the fund", "the fund", "warned", ""},
		{"pronoun to subject", `Trump will meet Putin in Alaska next week, he said on Friday.`, "Trump will meet Putin in Alaska next week", "indirect", "he", "Donald Trump", "said", "on Friday"},
		{"pronoun not into quote", `Trump spoke late. "Putin wants a deal," he said.`, "Putin wants a deal", "direct", "he", "Donald Trump", "said", ""},
		// failure cases: nothing here is somebody's statement
		{"headline label", `Analysis: Talks Will Resume In Spring`, "", "", "", "", "", ""},
		{"cue with a preposition", `Neither man has been charged with any crime so far.`, "", "", "", "", "", ""},
		{"scare quotes", `Officials discussed so-called "secondary tariffs" again.`, "", "", "", "", "", ""},
		{"show title", `He appeared on "Meet the Press" last week.`, "", "", "", "", "", ""},
		{"single word", `The word "détente" is back.`, "", "", "", "", "", ""},
		{"state media", `Russian state media released footage of the walk.`, "", "", "", "", "", ""},
		{"apostrophes only", `Putin's aide and the leaders' talks ran late in the '90s style.`, "", "", "", "", "", ""},
		{"unbalanced", `"Never closes`, "", "", "", "", "", ""},
		{"empty", ``, "", "", "", "", "", ""},
		{"marks only", `"" '' “” «»`, "", "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, _ := quotesOf(tt.body)
			checkQuotes(t, tt.body, qs)
			if tt.text == "" {
				if len(qs) > 0 {
					t.Fatalf("got quote %+v, want none", qs[0])
				}
				return
			}
			if len(qs) == 0 {
				t.Fatalf("no quote found, want %q", tt.text)
			}
			q := qs[len(qs)-1]
			mention, by := "", ""
			if q.SpeakerMention != nil {
				mention = q.SpeakerMention.Text
			}
			if q.Speaker != nil {
				by = *q.Speaker
			}
			if q.Text != tt.text || q.Kind != tt.kind || mention != tt.mention || by != tt.by || q.Cue != tt.cue || q.Venue != tt.venue {
				t.Errorf("got %q %s by %q (%q) cue %q venue %q\nwant %q %s by %q (%q) cue %q venue %q",
					q.Text, q.Kind, mention, by, q.Cue, q.Venue, tt.text, tt.kind, tt.mention, tt.by, tt.cue, tt.venue)
			}
		})
	}
}

// TestFindMarked checks how quotation marks pair up.
func TestFindMarked(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`"a b" and "c d"`, []string{"a b", "c d"}},
		{`'It's Putin's call,' she said`, []string{"It's Putin's call"}},
		{`the leaders’ talks and ‘a deal’`, []string{"a deal"}},
		{`‘The allies’ plan is dead,’ he said`, []string{"The allies’ plan is dead"}},
		{`«Oui» et „ja“`, []string{"Oui", "ja"}},
		{"\"One two three four\n\n\"five six.\"", []string{"One two three four\n\n\"five six."}},
		{`"Open, never closed`, nil},
		{`"one two three four five`, []string{"one two three four five"}},
		{`'90s and rock 'n' roll`, []string{"n"}},
		{`"outer 'inner' outer"`, []string{"outer 'inner' outer"}},
		{`''Old style,'' he said`, []string{"Old style"}},
		{``, nil},
	}
	for _, tt := range tests {
		r := []rune(tt.in)
		var got []string
		for _, m := range doc.FindMarked(r) {
			got = append(got, string(r[m.S:m.E]))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("findMarked(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuoteKey(t *testing.T) {
	same := [][2]string{
		{"Great progress was made!", "Great progress was made..."},
		{"“Great  progress was made”", "great progress was made…"},
		{"It's over", "It’s over."},
		{"Zelenskyy: «Prêt»", "zelenskyy pret"},
	}
	for _, p := range same {
		if QuoteKey(p[0]) != QuoteKey(p[1]) {
			t.Errorf("QuoteKey(%q) = %q, QuoteKey(%q) = %q, want equal", p[0], QuoteKey(p[0]), p[1], QuoteKey(p[1]))
		}
	}
	if QuoteKey("We will meet") == QuoteKey("We will not meet") {
		t.Error("different quotes share a key")
	}
	if got := QuoteKey("  ...  "); got != "" {
		t.Errorf("QuoteKey of punctuation = %q, want empty", got)
	}
}

// TestFindQuotesManyMarks feeds long runs of marks; it must finish quickly
// (the scan is linear) and keep offsets sane. Timing is left to the benchmark.
func TestFindQuotesManyMarks(t *testing.T) {
	for _, body := range []string{
		strings.Repeat(`"`, 20000),
		strings.Repeat(`'`, 20000),
		strings.Repeat(`a' `, 20000),
		strings.Repeat(`“a ”`, 10000),
		strings.Repeat(`"x y" he said. `, 5000),
		strings.Repeat(`s’ `, 20000),
	} {
		qs, _ := quotesOf(body)
		checkQuotes(t, body, qs)
	}
}

func FuzzFindQuotes(f *testing.F) {
	seeds := []string{
		`"We are close," Trump said.`,
		`'Putin's economy stinks,' Trump said. 'Get a deal.'`,
		"“A,” he said, “B.”\n\n“C.",
		`According to Reuters, the envoy will travel.`,
		`"HOST: Hi` + "\n\n" + `"GUEST: Hello."`,
		`« » ‘ ’ " ' — ―`,
		"\"\n\"\n\"",
		"\"A0:\n\"0\"",    // a label, then a reopened paragraph
		"\"000000\"sAid",  // a cue with nothing after it
		"ACCording to !0", // a source that is not there
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		qs, ps := quotesOf(body)
		checkQuotes(t, body, qs)
		for _, p := range ps {
			if p.Name == "" {
				t.Errorf("person without a name: %+v", p)
			}
		}
	})
}

// BenchmarkFindQuotes measures the quote finder over all fixtures joined
// into one article.
func BenchmarkFindQuotes(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.txt")
	var sb strings.Builder
	for i := 0; i < 20; i++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(data)
			sb.WriteString("\n")
		}
	}
	body := sb.String()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		findQuotes(testLang, body)
	}
}

// TestSourceRunes checks that a source's runes are []rune(body), bad bytes
// included (each one U+FFFD): analyse hands them to text.SentencesOf, whose
// offsets must agree with the finders'.
func TestSourceRunes(t *testing.T) {
	for _, body := range []string{"", "plain", "é “quoted”", "bad \xff byte", "cut \xe2\x80", "\xf0\x9f\x98\x80 emoji"} {
		if got, want := doc.NewSource(body).R, []rune(body); string(got) != string(want) {
			t.Errorf("%q: runes %q, want %q", body, got, want)
		}
	}
}

// TestSpeakerResolution checks who a quote is given to when the mention is
// a surname or a pronoun and the person is not in the lexicon: the full name
// given earlier in running text, and the subject that opens the sentence
// before, not a name inside it.
func TestSpeakerResolution(t *testing.T) {
	tests := []struct{ name, body, quote, want string }{
		{"surname given in full in running text",
			"Ararat Mirzoyan and Jeyhun Bayramov held five hours of talks. \"Much work remains,\" Bayramov said.",
			"Much work remains", "Jeyhun Bayramov"},
		{"pronoun after a surname subject",
			"Ararat Mirzoyan and Jeyhun Bayramov held talks. Bayramov was more cautious. \"Much work remains,\" he said.",
			"Much work remains", "Jeyhun Bayramov"},
		{"the name after a title it qualifies",
			"Clinton communication director Jennifer Palmieri said the attacks were petty. \"He cannot defend his record,\" she said.",
			"He cannot defend his record", "Jennifer Palmieri"},
		{"a name inside the clause is no subject",
			"Senator Bob Casey said that Speaker Paul Ryan should focus on the budget. \"This guy lost four years ago,\" he said.",
			"This guy lost four years ago", "Bob Casey"},
		{"an opening phrase before the subject",
			"For her part, Maria Lopez did not comment on the merger. \"We will see,\" she said.",
			"We will see", "Maria Lopez"},
		{"a family name that comes first",
			"Chinese Foreign Minister Wang Yi visited New Delhi. \"We are partners,\" Wang said.",
			"We are partners", "Wang Yi"},
		{"no name from an organisation",
			"American Enterprise Institute scholars met on Monday. \"It went well,\" he said.",
			"It went well", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quotes, _ := findQuotes(testLang, tt.body)
			for _, q := range quotes {
				if q.Text != tt.quote {
					continue
				}
				got := ""
				if q.Speaker != nil {
					got = *q.Speaker
				}
				if got != tt.want {
					t.Errorf("speaker of %q = %q, want %q", tt.quote, got, tt.want)
				}
				return
			}
			t.Fatalf("no quote %q in %+v", tt.quote, quotes)
		})
	}
}

// TestPlaceIsNoSpeaker: a place after the described speakers ("officials
// in Geneva") is where they are, not who spoke; a name before "of" stays.
func TestPlaceIsNoSpeaker(t *testing.T) {
	cases := []struct{ body, mention, speaker string }{
		{"Officials in Geneva said on Friday that drone attacks had reached a record high.", "Officials in Geneva", "officials in Geneva"},
		{"A diplomat from Doha said the talks would resume.", "A diplomat from Doha", "a diplomat from Doha"},
		{"Rep. Adam Schiff of California said the report was damning.", "Rep. Adam Schiff of California", "Adam Schiff"},
		{"The talks soured after Trump said the deal was dead.", "Trump", "Donald Trump"},
	}
	for _, c := range cases {
		qs, _ := quotesOf(c.body)
		if len(qs) != 1 {
			t.Errorf("%s: %d quotes", c.body, len(qs))
			continue
		}
		q := qs[0]
		sp := ""
		if q.Speaker != nil {
			sp = *q.Speaker
		}
		if q.SpeakerMention == nil || q.SpeakerMention.Text != c.mention || sp != c.speaker {
			t.Errorf("%s: mention %+v speaker %q, want %q %q", c.body, q.SpeakerMention, sp, c.mention, c.speaker)
		}
	}
}

// testLang is the shipped English data the tests read.
var testLang = golden.English()
