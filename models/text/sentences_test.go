package text

import (
	"reflect"
	"strings"
	"testing"
)

func sentenceTexts(body string) []string {
	var out []string
	for _, s := range Sentences(body) {
		out = append(out, s.Text)
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"two plain", "The envoy landed. He met the president.", []string{"The envoy landed.", "He met the president."}},
		{"us envoy", "U.S. envoy Steve Witkoff arrived in Moscow on Wednesday. Talks lasted three hours.",
			[]string{"U.S. envoy Steve Witkoff arrived in Moscow on Wednesday.", "Talks lasted three hours."}},
		{"us at sentence end", "Russia has few friends in the U.S. The Kremlin knows it.",
			[]string{"Russia has few friends in the U.S.", "The Kremlin knows it."}},
		{"us then name", "Officials in the U.S. Treasury drafted the list.", []string{"Officials in the U.S. Treasury drafted the list."}},
		{"quote period", `He said "it is over." Then he left.`, []string{`He said "it is over."`, "Then he left."}},
		{"single quote question", `'Will they sign?' Nobody knew.`, []string{`'Will they sign?'`, "Nobody knew."}},
		{"exclamation attribution", `"Great progress was made!" Trump wrote on social media. Allies were briefed.`,
			[]string{`"Great progress was made!" Trump wrote on social media.`, "Allies were briefed."}},
		{"titles", "Gen. Smith met Mr. Ushakov and Dr. Lee. Sen. Graham spoke later.",
			[]string{"Gen. Smith met Mr. Ushakov and Dr. Lee.", "Sen. Graham spoke later."}},
		{"initial", "George W. Bush visited in 2001. It rained.", []string{"George W. Bush visited in 2001.", "It rained."}},
		{"month abbreviation", "The deadline is Aug. 8 at noon. Markets waited.", []string{"The deadline is Aug. 8 at noon.", "Markets waited."}},
		{"money and decimals", "Oil fell $10.5 a barrel. Traders sold.", []string{"Oil fell $10.5 a barrel.", "Traders sold."}},
		{"lower case after period", "He cited e.g. tariffs and quotas.", []string{"He cited e.g. tariffs and quotas."}},
		{"line break ends", "A headline without a period\nThe body starts here.", []string{"A headline without a period", "The body starts here."}},
		{"blank lines", "First paragraph.\n\n\nSecond paragraph.", []string{"First paragraph.", "Second paragraph."}},
		{"curly quotes", "“We will see,” he said. “Maybe.”", []string{"“We will see,” he said.", "“Maybe.”"}},
		{"empty", "", nil},
		{"spaces", "  \n\t ", nil},
		// Regressions.
		{"quoted question then name", `'Who pays?' Ushakov asked reporters.`, []string{`'Who pays?' Ushakov asked reporters.`}},
		{"ellipsis", "He paused... Then he spoke.", []string{"He paused...", "Then he spoke."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentenceTexts(tt.body); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestSentenceOffsets(t *testing.T) {
	body := "Путин встретился с Уиткоффом. “Great progress!” Trump wrote.\n\nU.S. envoy left."
	runes := []rune(body)
	for _, s := range Sentences(body) {
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("offsets %d:%d give %q, text is %q", s.Start, s.End, string(runes[s.Start:s.End]), s.Text)
		}
	}
}

func TestParagraphs(t *testing.T) {
	body := "First line.\n\n Second line. \n\n\nThird."
	var got []string
	runes := []rune(body)
	for _, p := range Paragraphs(body) {
		got = append(got, p.Text)
		if string(runes[p.Start:p.End]) != p.Text {
			t.Errorf("bad offsets for %q", p.Text)
		}
	}
	if want := []string{"First line.", "Second line.", "Third."}; !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
}

// FuzzSentences checks that splitting never panics, offsets stay in range
// and in order, and every sentence is the trimmed body text between them.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"U.S. envoy met Putin. He left.", `"Why?" he asked.`, "a.\n\nb!'", "...", "Mr.", "\"!\" said", "é. É"} {
		f.Add(s)
	}
	f.Add("a.\xff b. c\xe2\x80. d")
	f.Fuzz(func(t *testing.T, body string) {
		// Texts are the runes of their spans, also where body is not
		// valid UTF-8 (each bad byte reads as U+FFFD).
		runes := []rune(body)
		for _, split := range [][]Sentence{Sentences(body), Paragraphs(body)} {
			last := 0
			for _, s := range split {
				if s.Start < last || s.End <= s.Start || s.End > len(runes) {
					t.Fatalf("bad span %d:%d (last %d, len %d)", s.Start, s.End, last, len(runes))
				}
				if string(runes[s.Start:s.End]) != s.Text || strings.TrimSpace(s.Text) != s.Text {
					t.Fatalf("span %d:%d text %q", s.Start, s.End, s.Text)
				}
				last = s.End
			}
		}
	})
}

func BenchmarkSentences(b *testing.B) {
	body := strings.Repeat("U.S. envoy Steve Witkoff arrived in Moscow on Wednesday for talks with Mr. Putin. "+
		`"Great progress was made!" Trump wrote. 'They're wily characters,' he said on Aug. 3.`+"\n\n", 50)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Sentences(body)
	}
}
