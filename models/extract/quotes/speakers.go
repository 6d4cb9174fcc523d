package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/people"
)

// speaker is who said a quote, as a careful reader resolves it.
type speaker struct {
	name    string // canonical name, or an unnamed source's description
	kind    string // models.Speaker*
	conduit string // who passed the words on ("Reuters" in "officials cited by Reuters")
	named   bool   // a described body that names itself, a speaker with a page
}

// speakerOf resolves the mention tokens [s, e) of an attribution: a known
// or earlier named person or body first (with a pronoun, the person it
// stands for), then a description read by its head noun: an unnamed source
// ("a senior US official", "people familiar with the plan") is anonymous
// and keeps its description; "European leaders", "the two governments" are
// a group; "Japan's foreign ministry", "the Russian embassy" an
// organisation. A conduit ("cited by Reuters") is never the speaker.
func (f *quoteFinder) speakerOf(reg *people.Registry, s, e, cue, sentStart, prevStart int) speaker {
	var sp speaker
	he := e
	for k := s; k+2 < e; k++ {
		if f.lang.ConduitParticiples[f.toks[k].Key] && f.toks[k+1].Key == "by" {
			he, sp.conduit = k, f.src.Slice(f.toks[k+2].Start, f.toks[e-1].End)
			break
		}
	}
	if sp.conduit == "" && cue > e {
		sp.conduit = f.asideConduit(e, cue) // "Lavrov, quoted by TASS, said"
	}
	for he > s && f.toks[he-1].Punct {
		he--
	}
	if he == s {
		return speaker{}
	}
	if name := reg.Resolve(f.toks[s:he], sentStart, prevStart); name != "" {
		sp.name, sp.kind, sp.named = name, f.kindOf(reg, name), true
		return sp
	}
	return f.describedSpeaker(sp, s, he, e)
}

// describedSpeaker reads an unresolved mention [s, e) (its head word
// ending at he) by its head noun: an unnamed source is anonymous and keeps
// its description, "European leaders" are a group, "the Russian embassy"
// an organisation; sp carries the conduit already read.
func (f *quoteFinder) describedSpeaker(sp speaker, s, he, e int) speaker {
	head := f.toks[he-1].Key
	switch {
	case f.lang.Pronouns[head]:
		return speaker{}
	case f.lang.SourceNouns[head] || f.sourceWithQualifier(s, he) || f.isPollShare(s, he):
		sp.name, sp.kind = f.description(s, e), models.SpeakerAnonymous
	case f.lang.GroupHeads[head] && f.plainDescription(s, he):
		sp.name, sp.kind, sp.named = f.description(s, he), models.SpeakerGroup, f.namedDescription(s, he)
	case (f.lang.OrgWords[head] || f.lang.BodyNouns[head]) && f.plainDescription(s, he):
		sp.name, sp.kind, sp.named = f.description(s, he), models.SpeakerOrganisation, f.namedDescription(s, he)
	case f.pluralSpeaker(head) && !f.toks[he-1].Upper && f.plainDescription(s, he):
		sp.name, sp.kind = f.description(s, e), models.SpeakerAnonymous // "Chinese military commentators"
	default:
		return speaker{}
	}
	return sp
}

// plainDescription reports whether [s, e) describes one body or group and
// nothing else: no preposition but "of" inside ("the Ministry of Foreign
// Affairs", not "an analysis by The Post"), no possessive pronoun opening
// it ("his office" is someone's office, said through a pronoun).
func (f *quoteFinder) plainDescription(s, e int) bool {
	if k := f.toks[s].Key; f.lang.Pronouns[k] && !f.lang.Determiners[k] {
		return false
	}
	for k := s; k < e; k++ {
		if key := f.toks[k].Key; key != "of" && f.lang.Prepositions[key] {
			return false
		}
	}
	return true
}

// namedDescription reports whether the description [s, e) names its body
// ("Japan's foreign ministry", "the Obama administration", "European
// leaders"): a capitalised word that is not a determiner or a common noun
// opening the sentence. A body so named is a speaker with a page; "the
// ministry" and "the two governments" are speakers only in their article.
func (f *quoteFinder) namedDescription(s, e int) bool {
	for k := s; k < e; k++ {
		t := f.toks[k]
		if t.Upper && !f.lang.Determiners[t.Key] && !f.lang.OrgWords[t.Key] && !f.lang.BodyNouns[t.Key] &&
			!f.lang.GroupHeads[t.Key] && !f.lang.SourceNouns[t.Key] {
			return true
		}
	}
	return false
}

// deliveredFrom finds the author of words that the attribution's subject
// only delivered: "a spokeswoman read out a statement from the president:
// '...'" (tokens after the cue, before the words at rune offset at). It
// returns the author's mention tokens.
func (f *quoteFinder) deliveredFrom(cue, at int) (int, int, bool) {
	if cue < 0 {
		return 0, 0, false
	}
	for k := cue + 1; k < len(f.toks) && k <= cue+8 && f.toks[k].Start < at; k++ {
		if f.toks[k].Punct {
			return 0, 0, false
		}
		if f.toks[k].Key != "from" || !f.lang.MessageNouns[f.toks[k-1].Key] {
			continue
		}
		j := k + 1
		for j < len(f.toks) && j < k+7 && !f.toks[j].Punct && f.toks[j].Start < at {
			j++
		}
		return k + 1, j, j > k+1
	}
	return 0, 0, false
}

// asideConduit returns the outlet of an aside between a speaker's mention
// (ending at token e) and the cue: ", quoted by TASS,".
func (f *quoteFinder) asideConduit(e, cue int) string {
	for k := e; k+2 < cue; k++ {
		if f.lang.ConduitParticiples[f.toks[k].Key] && f.toks[k+1].Key == "by" {
			j := k + 2
			for j < cue && !f.toks[j].Punct {
				j++
			}
			if j > k+2 {
				return f.src.Slice(f.toks[k+2].Start, f.toks[j-1].End)
			}
		}
	}
	return ""
}

// isPollShare reports whether [s, e) is a share of people polled: "21
// percent", "Seventy-four percent of Democratic registered voters".
func (f *quoteFinder) isPollShare(s, e int) bool {
	for k := s; k < e; k++ {
		if f.lang.PollShares[f.toks[k].Key] && (k == e-1 || f.toks[k+1].Key == "of") || f.inRatio(k, s) {
			return true
		}
	}
	return false
}

// sourceWithQualifier reports whether the mention [s, e) is a source noun
// followed by what qualifies it: "people familiar with the plan", "a source
// close to the talks", "officials in Geneva".
func (f *quoteFinder) sourceWithQualifier(s, e int) bool {
	for k := s; k < e-1 && k < s+5; k++ {
		if f.lang.SourceNouns[f.toks[k].Key] && !f.toks[k+1].Upper && !f.toks[k+1].Punct {
			return true
		}
	}
	return false
}

// kindOf returns the speaker kind of a resolved name: a person, a group of
// countries (group-names), or an organisation (a country speaking is its
// government).
func (f *quoteFinder) kindOf(reg *people.Registry, name string) string {
	kind := reg.KindOf(name)
	if kind == "" {
		kind = f.lang.Facts(name).Kind
	}
	if kind == doc.ActorPerson {
		return models.SpeakerPerson
	}
	fs := strings.Fields(strings.ToLower(name))
	if len(fs) > 0 && f.lang.GroupNames[fs[len(fs)-1]] {
		return models.SpeakerGroup
	}
	return models.SpeakerOrganisation
}

// description returns the mention text [s, e) as a speaker's name: the
// words as written, a capital that only opens the sentence lowered ("A
// senior US official" -> "a senior US official").
func (f *quoteFinder) description(s, e int) string {
	text := f.src.Slice(f.toks[s].Start, f.toks[e-1].End)
	if t := f.toks[s]; f.lang.Determiners[t.Key] || !t.Upper || f.lang.SourceNouns[t.Key] || f.lang.GroupHeads[t.Key] {
		c, n := utf8.DecodeRuneInString(text)
		return string(unicode.ToLower(c)) + text[n:]
	}
	return text
}
