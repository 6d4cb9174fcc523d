package extract

import (
	"time"

	"dateline/models"
)

// splitPage splits a pasted page into its articles.
// SCAFFOLD: replaced by the page splitter.
func splitPage(page string, fetched *time.Time) []models.ExtractedArticle {
	return []models.ExtractedArticle{{Body: page}}
}
