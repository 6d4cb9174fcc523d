package extract

import (
	"dateline/models"
	"dateline/models/text"
)

// findEvents finds the dated events of body.
// SCAFFOLD: replaced by the event extractor.
func findEvents(body string, sents []text.Sentence, timexes []models.Timex, quotes []models.ExtractedQuote) []models.ExtractedEvent {
	return nil
}
