package doc

import "strings"

// ActorFacts is what the people lexicon says of one actor name.
type ActorFacts struct {
	Kind, Role string
	Media      bool // a news organisation (see the media-roles class)
}

// Facts returns what the lexicon says of name: a name it does not list is
// a country's. The names event finding asks about are nearly all canonical
// names of the people and country lexicons; theirs are worked out when the
// language is made, so the hot path is one map look-up instead of folding
// the name into a key for every question.
func (lg *Language) Facts(name string) ActorFacts {
	if f, ok := lg.facts[name]; ok {
		return f
	}
	return lg.lookupFacts(name)
}

// knownFacts works out the facts of every canonical name.
func (lg *Language) knownFacts() map[string]ActorFacts {
	facts := map[string]ActorFacts{}
	for _, a := range lg.people.Actors {
		facts[a.Name] = lg.lookupFacts(a.Name)
	}
	for _, ns := range lg.countries.Names {
		for _, cn := range ns {
			facts[cn.Canon] = lg.lookupFacts(cn.Canon)
		}
	}
	return facts
}

// lookupFacts is Facts without the table of canonical names.
func (lg *Language) lookupFacts(name string) ActorFacts {
	lx := lg.people
	i, ok := lx.ByName[CanonicalKey(name)]
	if !ok {
		return ActorFacts{Kind: ActorCountry}
	}
	f := ActorFacts{Kind: lx.Actors[i].Kind, Role: lx.Actors[i].Role}
	if f.Kind == ActorOrganisation {
		role := strings.ToLower(f.Role)
		for w := range lg.MediaRoles {
			if strings.Contains(role, w) {
				f.Media = true
				break
			}
		}
	}
	return f
}
