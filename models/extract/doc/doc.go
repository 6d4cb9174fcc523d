// Package doc is the document the extraction stages share: an article body
// read once as runes and tokens, each token with the closed word classes of
// the language it is on, the known people and countries it names, and the
// quotation marks it holds. The language data (data/lexicon/<lang>) is
// bound here; the stages (pages, people, quotes, events) read the document
// and the language and never each other's internals.
package doc

import (
	"context"
	"errors"

	"dateline/models"
)

// Stopped returns nil while ctx runs, and after its end the ETIMEOUT error
// that the server answers with 503 and the CLI reports as a time limit.
func Stopped(ctx context.Context) error {
	err := ctx.Err()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return models.Wrap(models.ETIMEOUT, err, "extraction stopped at its time limit")
	}
	return models.Wrap(models.ETIMEOUT, err, "extraction cancelled")
}
