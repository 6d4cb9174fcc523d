package people

import "dateline/models/extract/doc"

// KindOf returns the kind (doc.ActorPerson, ...) name was noted with in
// this article, "" when it was not.
func (reg *Registry) KindOf(name string) string {
	if p := reg.found[name]; p != nil {
		return p.Kind
	}
	return ""
}

// officeHolder returns who held the office the epithet mention names on
// the article's date ("the French president" -> Emmanuel Macron in 2025);
// office is false when the mention names no office or the date is unknown,
// and name "" when offices.txt lists no holder for that date.
func (reg *Registry) officeHolder(toks []doc.Token, mention string) (name string, office bool) {
	if reg.ref.IsZero() || !reg.lang.OfficeLast[toks[len(toks)-1].Key] {
		return "", false
	}
	terms := reg.lang.Offices[doc.CanonicalKey(mention)]
	if reg.ref.IsZero() || len(terms) == 0 {
		return "", false
	}
	for _, o := range terms {
		if o.Holds(reg.ref) {
			role := ""
			if i, ok := reg.lx.ByName[doc.CanonicalKey(o.Holder)]; ok {
				role = reg.lx.Actors[i].Role
			}
			reg.Note(o.Holder, doc.ActorPerson, role, mention)
			return o.Holder, true
		}
	}
	return "", true
}
