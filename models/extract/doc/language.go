package doc

import (
	"sync"

	"dateline/data"
	"dateline/models"
	"dateline/models/extract/lexicon"
)

var (
	langOnce sync.Once
	langData *lexicon.Lexicon
	langErr  error
)

// lang returns the English language data (data/lexicon/en), loaded and
// checked on first use. A broken file leaves it empty and Extract fails
// with the file and line (see LanguageError).
func lang() *lexicon.Lexicon {
	langOnce.Do(func() {
		langData, langErr = lexicon.Load(data.Lexicons(), "en")
		if langErr == nil {
			langErr = langData.Bind(wordSets)
		}
		if langErr == nil {
			bindKinds(langData)
		}
		if langErr != nil {
			langData = &lexicon.Lexicon{Lang: "en", Verbs: lexicon.NoVerbs()}
		}
	})
	return langData
}

// The word classes are package variables the finders read directly, so
// the language data is loaded when the package is: every finder, called
// from Extract or alone, sees them filled.
func init() { lang() }

// LanguageError reports why the language data could not be loaded, nil
// when it was; commands call it at start so a broken file stops them there.
func LanguageError() error {
	lang()
	if langErr != nil {
		return models.Wrap(models.EINTERNAL, langErr, "language data")
	}
	return nil
}

// fieldsOf splits lexicon lines at '|' for the loaders that read tables.
func fieldsOf(lines []lexicon.Line) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = l.Fields()
	}
	return out
}

// Verbs returns the reporting verbs.
func Verbs() *lexicon.Verbs { return lang().Verbs }

// StatementVerb reports whether key is a finite form of a reporting verb
// that makes a statement event ("said", "vowed").
func StatementVerb(key string) bool {
	lemma, ok := Verbs().Lemma(key)
	return ok && Verbs().Has(lemma, lexicon.Statement) && Verbs().Finite(key)
}
