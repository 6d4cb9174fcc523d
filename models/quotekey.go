package models

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// NormaliseQuote folds a quotation to the form two copies of the same words
// share: lower case, accents folded, ellipses, dashes and other punctuation
// turned into word breaks, apostrophes and quotation marks dropped,
// whitespace collapsed to single spaces. "We'll see…" and "we’ll  see ..." both become "well see".
// The store and extraction both use it, so they agree on what is one quote.
func NormaliseQuote(s string) string {
	if out, ok := asciiNormalise(s); ok {
		return out
	}
	return unicodeNormalise(s)
}

// asciiNormalise is NormaliseQuote for a text in ASCII alone, byte by byte
// (the store normalises every quote of every article it saves); ok is false
// for any other text.
func asciiNormalise(s string) (string, bool) { return asciiFold(s, ' ', "'`\"") }

// unicodeNormalise is NormaliseQuote for any text.
func unicodeNormalise(s string) string {
	var b strings.Builder
	space := false
	for _, c := range s {
		c = foldAccent(unicode.ToLower(c))
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(c)
		case strings.ContainsRune("'’‘`\"“”„«»‹›", c):
			// Apostrophes and quotation marks vanish without splitting
			// words, so "don't" and "dont" agree.
		default:
			// Spaces, dashes, ellipses and other punctuation separate words.
			space = true
		}
	}
	return b.String()
}

// QuoteKey returns the dedup key of a quotation: a hex SHA-256 prefix of its
// NormaliseQuote form. Keys stay short even for long quotes; 128 bits make a
// collision between different quotes practically impossible.
func QuoteKey(s string) string { return NormalisedQuoteKey(NormaliseQuote(s)) }

// NormalisedQuoteKey is QuoteKey of a text already normalised by
// NormaliseQuote.
func NormalisedQuoteKey(norm string) string {
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:16])
}
