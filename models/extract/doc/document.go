package doc

import (
	"time"

	"dateline/models"
	"dateline/models/text"
)

// Document is one article body (or one window of a long one) as the
// stages read it. New fills the first part, which every stage reads and
// none changes: the runes, the tokens with their word classes, the known
// people named, the sentences and paragraphs. The stages then add their
// findings in the order the extract package runs them: time expressions,
// quotes and the people they name, events (which read the quotes).
type Document struct {
	Lang  *Language
	Src   *Source
	Toks  []Token
	Known []ActorMention // the people of the people lexicon named, in order
	Sents []text.Sentence
	Paras []int // the rune offsets where paragraphs (lines) start
	// Ref is the time relative dates resolve against (publication or
	// fetch time), zero when the article gives none.
	Ref time.Time

	Timexes []models.Timex
	Quotes  []models.ExtractedQuote
	People  []models.ExtractedPerson
	Events  []models.ExtractedEvent
}

// New reads body once for all the stages (see Document).
func New(lg *Language, body string, ref time.Time) *Document {
	src := NewSource(body)
	toks := lg.Tokenize(src.R, 0, len(src.R))
	return &Document{Lang: lg, Src: src, Toks: toks, Known: lg.people.FindActors(src.R, toks),
		Sents: text.SentencesOf(body, src.R), Paras: paragraphStarts(src.R), Ref: ref}
}

// paragraphStarts returns the offsets where paragraphs (lines) start.
func paragraphStarts(r []rune) []int {
	out := []int{0}
	for i, c := range r {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}
