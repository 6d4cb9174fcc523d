// Package temporal finds time expressions in text and normalises them
// against an explicit reference time (the article's publication time).
package temporal

import (
	"time"

	"dateline/models"
)

// Tag finds the time expressions of text, resolved against ref.
// SCAFFOLD: replaced by the temporal tagger.
func Tag(text string, ref time.Time) []models.Timex { return nil }

// TagUnanchored finds the time expressions of text when no reference time is known.
// SCAFFOLD: replaced by the temporal tagger.
func TagUnanchored(text string) []models.Timex { return nil }
