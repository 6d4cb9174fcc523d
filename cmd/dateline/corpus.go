package main

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// corpusArticle is one generated article for benchmarks.
type corpusArticle struct {
	Text      string
	Published time.Time
}

// The generator writes wire-style diplomatic copy from these parts. It is
// deterministic for a seed so benchmark runs are comparable.
var (
	benchPeople = []struct{ name, title, last string }{
		{"Steve Witkoff", "U.S. Special Envoy", "Witkoff"},
		{"Vladimir Putin", "Russian President", "Putin"},
		{"Donald Trump", "U.S. President", "Trump"},
		{"Yuri Ushakov", "Kremlin aide", "Ushakov"},
		{"Volodymyr Zelensky", "Ukrainian President", "Zelensky"},
		{"Mark Rutte", "NATO Secretary General", "Rutte"},
		{"Kirill Dmitriev", "Kremlin envoy", "Dmitriev"},
		{"Marco Rubio", "Secretary of State", "Rubio"},
		{"Sergei Lavrov", "Foreign Minister", "Lavrov"},
		{"Kaja Kallas", "EU foreign policy chief", "Kallas"},
	}
	benchCities = []string{"Moscow", "Washington", "Kyiv", "Istanbul", "Brussels", "Riyadh", "Geneva", "Anchorage", "Helsinki", "Doha"}
	benchWhen   = []string{"on Wednesday", "on Tuesday", "last week", "earlier this month", "on Friday", "in April",
		"next week", "by Friday", "on 8 August", "within two days", "over the weekend", "earlier in the day", "in January"}
	// benchSentences are filled in by generateCorpus: {who} is a person with
	// title, {other} and {otherLast} a second person and their surname,
	// {city} and {when} a place and a time.
	benchSentences = []string{
		"{who} arrived in {city} {when} for talks with {other}.",
		"{otherLast} said {when} that the two sides had held a useful and constructive conversation.",
		"\"We are not there yet, but we are closer than we were,\" {otherLast} told reporters in {city}.",
		"The White House has given Moscow until Friday to agree to a ceasefire or face new sanctions and secondary tariffs.",
		"According to officials familiar with the plan, a meeting between the leaders could take place {when}.",
		"{other} spoke with {who} by telephone {when}, his office said in a statement.",
		"\"There is a good chance of a meeting very soon,\" {otherLast} wrote on social media.",
		"Talks in {city} {when} ended without agreement on a ceasefire, a senior diplomat said.",
		"{who} warned that the deadline would not be extended, calling the offer \"final\".",
		"Officials in {city} said {when} that drone attacks had reached a record high.",
		"The envoy's last visit, in April, focused on reviving direct negotiations.",
		"Markets reacted calmly as traders weighed the chance of new penalties on buyers of Russian oil.",
	}
)

// generateCorpus returns n articles of roughly size bytes each.
func generateCorpus(n, size int, seed int64) []corpusArticle {
	rng := rand.New(rand.NewSource(seed))
	base := time.Date(2025, 8, 1, 9, 0, 0, 0, time.UTC)
	out := make([]corpusArticle, n)
	for i := range out {
		var b strings.Builder
		a, c := benchPeople[rng.Intn(len(benchPeople))], benchPeople[rng.Intn(len(benchPeople))]
		city := benchCities[rng.Intn(len(benchCities))]
		fmt.Fprintf(&b, "%s meets %s in %s as deadline nears\n\n", a.last, c.last, city)
		fmt.Fprintf(&b, "%s, Aug %d (Wire) - ", strings.ToUpper(city), 1+rng.Intn(28))
		for b.Len() < size {
			p, q := benchPeople[rng.Intn(len(benchPeople))], benchPeople[rng.Intn(len(benchPeople))]
			s := benchSentences[rng.Intn(len(benchSentences))]
			b.WriteString(strings.NewReplacer("{who}", p.title+" "+p.name, "{other}", q.name,
				"{otherLast}", q.last, "{city}", benchCities[rng.Intn(len(benchCities))],
				"{when}", benchWhen[rng.Intn(len(benchWhen))]).Replace(s))
			if rng.Intn(4) == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		out[i] = corpusArticle{Text: b.String(), Published: base.Add(time.Duration(i%(24*60)) * time.Hour)}
	}
	return out
}

// writeCorpusFiles writes docs into dir (created if missing) as
// a00000.txt, a00001.txt, ... Each ends with a line carrying seed and its
// number, so that no two files are the same article even when the
// generator repeats itself.
func writeCorpusFiles(dir string, docs []corpusArticle, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, a := range docs {
		text := fmt.Sprintf("%s\n\nThe ministry published statement %d-%d on the talks.\n", a.Text, seed, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
