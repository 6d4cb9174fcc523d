package store

import (
	"database/sql"
	"strings"

	"dateline/models"
)

// personRef is a registry entry resolved in this transaction.
type personRef struct {
	ID   uint
	Name string // canonical name
}

// registry resolves every person the article lists (its People and its quote
// speakers who are people) against the cross-article registry, adding new people and
// aliases. It returns a map from each name as written in the article to the
// person. Event actors are looked up (canonicalActor) but never added.
func (w *writer) registry(a *models.ExtractedArticle) (map[string]personRef, error) {
	reg := map[string]personRef{}
	for _, p := range a.People {
		ref, err := w.person(p.Name, p.Kind, p.Role, p.Aliases)
		if err != nil {
			return nil, err
		}
		reg[p.Name] = ref
		for _, al := range p.Aliases {
			reg[al] = ref
		}
	}
	for _, q := range a.Quotes {
		if q.Speaker == nil || *q.Speaker == "" {
			continue
		}
		if _, ok := reg[*q.Speaker]; ok {
			continue
		}
		if q.SpeakerKind != "" && q.SpeakerKind != models.SpeakerPerson {
			// an unnamed source, or a body only its article names: the
			// quote keeps the description, the registry gets no page for it
			continue
		}
		ref, err := w.person(*q.Speaker, models.PersonKindPerson, "", nil)
		if err != nil {
			return nil, err
		}
		reg[*q.Speaker] = ref
	}
	return reg, nil
}

// person finds the registry entry for name (by its slug, or by any alias of a
// stored person matching the name or one of aliases) or adds it, then
// records the name and aliases as aliases of the person and fills in its kind
// and role when they were unknown.
func (w *writer) person(name, kind, role string, aliases []string) (personRef, error) {
	name = strings.Join(strings.Fields(name), " ")
	slug := models.Slug(name)
	if slug == "" {
		return personRef{}, models.Errorf(models.EINVALID, "person name %q has no letters", name)
	}
	if ref, ok := w.people[slug]; ok {
		return ref, nil
	}
	ref, err := w.findPerson(slug, aliases)
	if err != nil {
		return ref, err
	}
	if ref.ID == 0 {
		if kind == "" {
			kind = models.PersonKindPerson
		}
		refs, err := w.refs(`INSERT INTO people (slug, name, kind, role, created_at)
			VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)
			ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id, name`,
			slug, name, kind, role)
		if err != nil || len(refs) != 1 {
			return ref, errOr(err, "person")
		}
		ref = refs[0]
	} else if role != "" {
		if err := w.exec(`UPDATE people SET role = ? WHERE id = ? AND role = ''`, role, ref.ID); err != nil {
			return ref, err
		}
	}
	for _, al := range append([]string{name}, aliases...) {
		if err := w.alias(ref, al); err != nil {
			return ref, err
		}
	}
	if w.people == nil {
		w.people = map[string]personRef{}
	}
	w.people[slug] = ref
	delete(w.unknown, slug)
	return ref, nil
}

// findPerson looks a person up by slug, then by the slugs of its aliases;
// a zero personRef means no match.
func (w *writer) findPerson(slug string, aliases []string) (personRef, error) {
	refs, err := w.refs(`SELECT id, name FROM people WHERE slug = ?`, slug)
	if err != nil || len(refs) > 0 {
		return first(refs), err
	}
	// Then a stored alias equal to the name or one of its aliases, or a
	// person whose own name is one of the aliases (a "Trump" stored from an
	// article that named no one better).
	for _, al := range append([]string{slug}, aliases...) {
		as := models.Slug(al)
		if as == "" {
			continue
		}
		refs, err = w.refs(`SELECT p.id, p.name FROM person_aliases a JOIN people p ON p.id = a.person_id
			WHERE a.alias_slug = ?1 UNION ALL SELECT id, name FROM people WHERE slug = ?1 AND ?1 <> ?2
			LIMIT 1`, as, slug)
		if err != nil || len(refs) > 0 {
			return first(refs), err
		}
	}
	if !strings.Contains(slug, "-") {
		// A bare surname ("Witkoff") names the one stored person whose
		// name ends with it; with two such people it stays ambiguous.
		refs, err = w.refs(`SELECT id, name FROM people WHERE kind = ? AND slug LIKE ? LIMIT 2`,
			models.PersonKindPerson, "%-"+slug)
		if err != nil || len(refs) == 1 {
			return first(refs), err
		}
	}
	return personRef{}, nil
}

// canonicalActor returns the registry's name for an event actor, or the
// name as given when the registry does not know it.
func (w *writer) canonicalActor(name string, reg map[string]personRef) (string, error) {
	if ref, ok := reg[name]; ok {
		return ref.Name, nil
	}
	slug := models.Slug(name)
	if slug == "" {
		return "", nil
	}
	if ref, ok := w.people[slug]; ok {
		return ref.Name, nil
	}
	plain := strings.Join(strings.Fields(name), " ")
	if w.unknown[slug] {
		return plain, nil
	}
	ref, err := w.findPerson(slug, nil)
	if err != nil || ref.ID == 0 {
		if w.unknown == nil {
			w.unknown = map[string]bool{}
		}
		w.unknown[slug] = err == nil
		return plain, err
	}
	return ref.Name, nil
}

// alias records al as a name of ref, unless it is the canonical name.
func (w *writer) alias(ref personRef, al string) error {
	al = strings.Join(strings.Fields(al), " ")
	if al == "" || al == ref.Name {
		return nil
	}
	delete(w.unknown, models.Slug(al))
	return w.exec(`INSERT INTO person_aliases (person_id, alias, alias_slug) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, ref.ID, al, models.Slug(al))
}

func first(refs []personRef) personRef {
	if len(refs) == 0 {
		return personRef{}
	}
	return refs[0]
}

// refs runs a query returning (id, name) rows.
func (w *writer) refs(q string, args ...any) ([]personRef, error) {
	var out []personRef
	err := w.rows(q, args, func(r *sql.Rows) error {
		var p personRef
		err := r.Scan(&p.ID, &p.Name)
		out = append(out, p)
		return err
	})
	return out, err
}
