package lexicon

import (
	"fmt"
	"sort"
	"strings"
)

// Flag is one fact about a reporting verb, named in the verbs file.
type Flag uint16

const (
	// Speech: the verb reports speech, directly or indirectly ("said the
	// talks would fail"); verbs without it report only with a quotation.
	Speech Flag = 1 << iota
	// Clause: its -s and past forms take a clause right after them ("said
	// Russia would ..."), not an object.
	Clause
	// Reports: its -s and past forms end a reporting clause in an event's
	// sentence ("Trump said Wednesday (that) ...").
	Reports
	// Statement: its -s and past forms cue a statement event.
	Statement
	// Participle: its -ing form after a comma opens a second statement by
	// the sentence's subject (", adding that ...").
	Participle
	// Tell: the object after it is the one spoken to ("told reporters").
	Tell
	// Nounish: its bare and -s forms are more often nouns ("state media",
	// "the report"); they count as verbs only after a pronoun or before
	// "that".
	Nounish
	// NoInversion: it never comes before its speaker after a quotation
	// ("...," told Trump is not Trump speaking).
	NoInversion
	// Label: it reports only a quoted word or phrase ("called the talks
	// 'productive'").
	Label
	// Infinitive: what it reports may be an infinitive ("vowed to punish").
	Infinitive
	// AnswersTo: "X to ..." after it names what is answered, not what was
	// said ("would respond to the latest proposal").
	AnswersTo
	// PhrasalOnly: its forms report only with a particle after them, as a
	// phrasal verb of its own line ("went on", "hit back"), never alone.
	PhrasalOnly
	// Quoted: it reports only words in quotation marks (`"...," she
	// gushed`), never reported speech; a line may name it alone.
	Quoted
)

// DefaultFlags are the flags of a line that names none: a plain speech
// verb that takes a clause and reports a statement.
const DefaultFlags = Speech | Clause | Reports | Statement | Participle

var flagNames = map[string]Flag{
	"speech": Speech, "clause": Clause, "reports": Reports, "statement": Statement,
	"participle": Participle, "tell": Tell, "nounish": Nounish, "no-inversion": NoInversion,
	"label": Label, "infinitive": Infinitive, "answers-to": AnswersTo, "phrasal-only": PhrasalOnly,
	"quoted": Quoted,
}

// Form is the grammatical form of one spelling of a verb.
type Form uint8

const (
	Base     Form = iota // say
	S                    // says
	Past                 // said
	Ing                  // saying
	PastPart             // written
)

// formColumns are the columns of a verbs line after the lemma, in order.
var formColumns = []Form{S, Past, Ing, PastPart}

// Verbs are the reporting verbs: each spelling's lemma and form, and each
// lemma's flags.
type Verbs struct {
	forms map[string]verbForm
	flags map[string]Flag
	// phrasal maps a listed verb and the particle after it to the lemma of
	// the phrasal verb they make ("call" + "for": "call for").
	phrasal map[[2]string]string
}

type verbForm struct {
	lemma string
	form  Form
}

// Lemma returns the lemma of the spelling key (lower case) and whether it
// is a reporting verb at all.
func (v *Verbs) Lemma(key string) (string, bool) {
	f, ok := v.forms[key]
	return f.lemma, ok
}

// FormOf returns the form of the spelling key; ok is false for a word that
// is no reporting verb.
func (v *Verbs) FormOf(key string) (Form, bool) {
	f, ok := v.forms[key]
	return f.form, ok
}

// Phrasal returns the lemma of the phrasal verb that lemma makes with the
// particle after it ("call", "for": "call for"), or "".
func (v *Verbs) Phrasal(lemma, particle string) string {
	return v.phrasal[[2]string{lemma, particle}]
}

// Has reports whether lemma has every flag in f.
func (v *Verbs) Has(lemma string, f Flag) bool {
	return f != 0 && v.flags[lemma]&f == f
}

// Spellings returns, sorted, every spelling of a lemma with flag f (any
// lemma when f is 0) in one of the forms given (any form when none are).
func (v *Verbs) Spellings(f Flag, forms ...Form) []string {
	var out []string
	for s, vf := range v.forms {
		if f != 0 && !v.Has(vf.lemma, f) {
			continue
		}
		if len(forms) > 0 && !hasForm(forms, vf.form) {
			continue
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func hasForm(forms []Form, f Form) bool {
	for _, g := range forms {
		if g == f {
			return true
		}
	}
	return false
}

// parseVerbs reads the verbs file: one lemma a line,
//
//	lemma [| -s forms | past forms | -ing forms | past participles] [: flags]
//
// A column left out or empty gets the form the usual rules make; a column
// may give several spellings separated by spaces. Without ": flags" the
// verb has DefaultFlags.
func parseVerbs(lines []Line) (*Verbs, error) {
	v := NoVerbs()
	for _, l := range lines {
		if err := v.addLine(l); err != nil {
			return nil, l.errorf("%v", err)
		}
	}
	return v, nil
}

func (v *Verbs) addLine(l Line) error {
	text, flagText, hasFlags := strings.Cut(l.Text, ":")
	cols := strings.Split(text, "|")
	lemma := strings.ToLower(strings.TrimSpace(cols[0]))
	if words := strings.Fields(lemma); len(words) == 2 && len(cols) == 1 {
		return v.addPhrasal(words[0], words[1], flagText, hasFlags)
	}
	if lemma == "" || strings.ContainsAny(lemma, " \t") {
		return fmt.Errorf("a verb line starts with one lemma (or a listed verb and its particle), got %q", strings.TrimSpace(cols[0]))
	}
	if len(cols) > 1+len(formColumns) {
		return fmt.Errorf("%q has %d form columns, at most %d (-s, past, -ing, past participle)", lemma, len(cols)-1, len(formColumns))
	}
	if err := v.setFlags(lemma, flagText, hasFlags); err != nil {
		return err
	}
	if err := v.addForm(lemma, lemma, Base); err != nil {
		return err
	}
	var past []string
	for i, form := range formColumns {
		spellings := inflect(lemma, form)
		if i+1 < len(cols) && strings.TrimSpace(cols[i+1]) != "" {
			spellings = strings.Fields(strings.ToLower(cols[i+1]))
		} else if form == PastPart {
			spellings = past // the past participle is the past unless listed ("told")
		}
		if form == Past {
			past = spellings
		}
		for _, s := range spellings {
			if err := v.addForm(s, lemma, form); err != nil {
				return err
			}
		}
	}
	return nil
}

// addPhrasal records the phrasal verb of a listed verb and a particle
// ("call for"): the verb's spellings followed by the particle report with
// the phrasal verb's own flags.
func (v *Verbs) addPhrasal(verb, particle, flagText string, hasFlags bool) error {
	lemma := verb + " " + particle
	if _, ok := v.flags[verb]; !ok {
		return fmt.Errorf("%q: list %q on a line of its own before its phrasal verbs", lemma, verb)
	}
	if err := v.setFlags(lemma, flagText, hasFlags); err != nil {
		return err
	}
	v.phrasal[[2]string{verb, particle}] = lemma
	return nil
}

// setFlags records the flags of a new lemma: those of its line, or
// DefaultFlags for a line without ": flags".
func (v *Verbs) setFlags(lemma, flagText string, hasFlags bool) error {
	if _, dup := v.flags[lemma]; dup {
		return fmt.Errorf("%q is listed twice", lemma)
	}
	flags := DefaultFlags
	if hasFlags {
		var err error
		if flags, err = parseFlags(flagText); err != nil {
			return fmt.Errorf("%q: %v", lemma, err)
		}
	}
	v.flags[lemma] = flags
	return nil
}

// addForm records spelling s of lemma. A spelling of two lemmas is an
// error; the same spelling as two forms of one lemma keeps the first
// ("said" is past and past participle).
func (v *Verbs) addForm(s, lemma string, form Form) error {
	if old, ok := v.forms[s]; ok {
		if old.lemma != lemma {
			return fmt.Errorf("%q is a form of both %q and %q", s, old.lemma, lemma)
		}
		return nil
	}
	v.forms[s] = verbForm{lemma: lemma, form: form}
	return nil
}

func parseFlags(text string) (Flag, error) {
	var f Flag
	for _, name := range strings.Fields(text) {
		bit, ok := flagNames[strings.ToLower(name)]
		if !ok {
			return 0, fmt.Errorf("unknown flag %q (known: %s)", name, strings.Join(knownFlags(), ", "))
		}
		f |= bit
	}
	if f == 0 {
		return 0, fmt.Errorf("\":\" with no flags after it")
	}
	return f, nil
}

func knownFlags() []string {
	var out []string
	for n := range flagNames {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// NoVerbs returns an empty verb table.
func NoVerbs() *Verbs {
	return &Verbs{forms: map[string]verbForm{}, flags: map[string]Flag{}, phrasal: map[[2]string]string{}}
}

// Finite reports whether the spelling key is a form that makes a clause on
// its own: a past form ("said"), or an -s form ("says") unless the lemma
// is nounish, whose -s form is more often a plural noun ("states",
// "tweets", "remarks").
func (v *Verbs) Finite(key string) bool {
	f, ok := v.forms[key]
	switch {
	case !ok:
		return false
	case f.form == Past:
		return true
	case f.form == S:
		return !v.Has(f.lemma, Nounish)
	}
	return false
}

// FiniteSpellings returns, sorted, the finite spellings (see Finite) of
// the lemmas with flag f.
func (v *Verbs) FiniteSpellings(f Flag) []string {
	var out []string
	for _, s := range v.Spellings(f, S, Past) {
		if v.Finite(s) {
			out = append(out, s)
		}
	}
	return out
}
