package store

import (
	"context"
	"strconv"
	"strings"
)

// KnownInput returns the articles an input with this key gave when it was
// ingested before, and whether it was and they are all still stored. The
// key is the caller's hash of the input's bytes and of everything else that
// shapes its extraction. A deleted article makes the input unknown again.
func (s *Store) KnownInput(ctx context.Context, key string) ([]uint, bool, error) {
	var list []string
	err := s.rdb.WithContext(ctx).Raw(`SELECT article_ids FROM ingested_inputs WHERE key = ?`, key).Scan(&list).Error
	if err != nil || len(list) == 0 {
		return nil, false, dbError(err, "looking up an input")
	}
	var ids []uint
	for _, f := range strings.Split(list[0], ",") {
		n, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return nil, false, nil
		}
		ids = append(ids, uint(n))
	}
	var n int64
	if err := s.rdb.WithContext(ctx).Raw(`SELECT count(*) FROM articles WHERE id IN ?`, ids).Scan(&n).Error; err != nil {
		return nil, false, dbError(err, "looking up an input")
	}
	return ids, n == int64(len(ids)), nil
}

// RememberInputs records inputs and the articles each gave (stored or found
// duplicate), for KnownInput. Inputs without articles are not recorded.
func (s *Store) RememberInputs(ctx context.Context, inputs map[string][]uint) error {
	if len(inputs) == 0 {
		return nil
	}
	err := s.runTx(ctx, func(tx *stmtTx) error {
		for key, ids := range inputs {
			if len(ids) == 0 {
				continue
			}
			f := make([]string, len(ids))
			for i, id := range ids {
				f[i] = strconv.FormatUint(uint64(id), 10)
			}
			if err := tx.exec(`INSERT INTO ingested_inputs (key, article_ids) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET article_ids = excluded.article_ids`, key, strings.Join(f, ",")); err != nil {
				return err
			}
		}
		return nil
	})
	return dbError(err, "recording inputs")
}

// AttachArticles adds stored articles to opt's story (creating it when
// missing); nothing without opt.StorySlug.
func (s *Store) AttachArticles(ctx context.Context, ids []uint, opt SaveOptions) error {
	if opt.StorySlug == "" || len(ids) == 0 {
		return nil
	}
	err := s.runTx(ctx, func(tx *stmtTx) error {
		w := &writer{stmtTx: tx}
		storyID, err := w.story(opt)
		for _, id := range ids {
			if err == nil {
				err = w.attach(storyID, id)
			}
		}
		return err
	})
	return dbError(err, "adding articles to a story")
}
