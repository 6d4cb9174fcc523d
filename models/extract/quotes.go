package extract

import (
	"dateline/models"
	"dateline/models/text"
)

// findQuotes finds the quotes of body and who said them.
// SCAFFOLD: replaced by the quote extractor.
func findQuotes(body string, sents []text.Sentence) ([]models.ExtractedQuote, []models.ExtractedPerson) {
	return nil, nil
}
