package storetest

import (
	"fmt"
	"time"

	"dateline/models"
)

// BigStory builds n synthetic articles that all report the same events
// and each carry one quote, said inside the sentence of the first event:
// a quote of its own, or with shared, the same line in every article (as
// wire copies repeat it). Saved into one story, every entry of its timeline has n
// sources: the case a timeline must stay cheap on (everyone reports the
// sanctions deadline).
func BigStory(n, events int, shared bool) []models.ExtractedArticle {
	kinds := []string{models.KindDeadline, models.KindMeeting, models.KindTalks, models.KindCall, models.KindStatement}
	out := make([]models.ExtractedArticle, n)
	for i := range out {
		pub := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		speaker := "Envoy Person"
		quote := fmt.Sprintf("We will act on number %d", i)
		if shared {
			quote = "We will act on the deadline"
		}
		lead := fmt.Sprintf(`Report %d: the envoy said "%s" before the deadline.`, i, quote)
		body := lead
		a := models.ExtractedArticle{Title: fmt.Sprintf("Deadline report %d", i), Source: fmt.Sprintf("Outlet %02d", i%50),
			URL: fmt.Sprintf("https://news%d.example/d/%d", i%50, i), PublishedAt: &pub, PublishedPrecision: models.PrecHour}
		start := len([]rune(fmt.Sprintf(`Report %d: the envoy said "`, i)))
		a.Quotes = []models.ExtractedQuote{{Text: quote, Kind: models.QuoteDirect, Start: start,
			End: start + len([]rune(quote)), Speaker: &speaker, SpeakerMention: &models.Mention{Text: "the envoy"},
			Cue: "said", Sentence: lead}}
		for k := 0; k < events; k++ {
			sentence, at := lead, 0
			if k > 0 {
				sentence = fmt.Sprintf("Step %d of the talks comes on day %d.", k, k+1)
				body += " "
				at = len([]rune(body))
				body += sentence
			}
			a.Events = append(a.Events, models.ExtractedEvent{Date: fmt.Sprintf("2025-08-%02d", 10+k),
				Granularity: models.GranDay, Kind: kinds[k%len(kinds)], Summary: fmt.Sprintf("Big event %d", k),
				Sentence: sentence, Expression: "on Friday", Start: at, End: at + len([]rune(sentence)),
				Actors: []string{"Envoy Person", "Russia"}})
		}
		a.Body = body
		out[i] = a
	}
	return out
}
