package doc

import (
	"strings"
)

// CountryLexicon holds data/lexicon/countries.txt: country and bloc names
// that people.txt may not list, and the adjectives that name a country
// ("Russian"), used to resolve "the Russian leadership".
type CountryLexicon struct {
	Names map[string][]countryName // first word key -> names, longest first
	Adj   map[string]string        // adjective key -> canonical country
}

// countryName is one name of a country, as word keys.
type countryName struct {
	keys  []string
	caps  bool // an all-capitals abbreviation: matches only written in capitals
	Canon string
}

// loadCountries builds the lexicon from lines "name | adjectives | other names".
func (lg *Language) loadCountries(lines [][]string) *CountryLexicon {
	lx := &CountryLexicon{Names: map[string][]countryName{}, Adj: map[string]string{}}
	for _, p := range lines {
		if len(p) == 0 || p[0] == "" {
			continue
		}
		canon := p[0]
		names := []string{canon}
		if len(p) > 1 {
			for _, a := range strings.Split(p[1], ",") {
				if a = strings.TrimSpace(a); a != "" {
					lx.Adj[lg.keyOf(a)] = canon
				}
			}
		}
		if len(p) > 2 {
			names = append(names, p[2:]...)
		}
		for _, n := range names {
			r := []rune(n)
			toks := lg.SplitWords(r, 0, len(r))
			if len(toks) == 0 {
				continue
			}
			cn := countryName{Canon: canon, caps: len(n) > 1 && strings.ToUpper(n) == n}
			for _, t := range toks {
				cn.keys = append(cn.keys, t.Key)
			}
			lx.Names[cn.keys[0]] = append(lx.Names[cn.keys[0]], cn)
		}
	}
	for k, ns := range lx.Names {
		for i := 1; i < len(ns); i++ {
			for j := i; j > 0 && len(ns[j].keys) > len(ns[j-1].keys); j-- {
				ns[j], ns[j-1] = ns[j-1], ns[j]
			}
		}
		lx.Names[k] = ns
	}
	return lx
}

// keyOf folds a single word or phrase the way tokenize keys words.
func (lg *Language) keyOf(s string) string {
	r := []rune(s)
	toks := lg.SplitWords(r, 0, len(r))
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Key
	}
	return strings.Join(keys, " ")
}

// CountryMention is a country named at runes [start, end) of a text.
type CountryMention struct {
	Canon      string
	Start, End int
}

// countriesIn returns the countries named in the words toks of r by countries.txt.
func (lx *CountryLexicon) CountriesIn(r []rune, toks []Token) []string {
	var out []string
	for _, m := range lx.Mentions(r, toks) {
		out = append(out, m.Canon)
	}
	return out
}

// mentions returns where countries.txt names are in the words toks of r,
// in order; of names starting at one word the longest wins.
func (lx *CountryLexicon) Mentions(r []rune, toks []Token) []CountryMention {
	var out []CountryMention
	for i := 0; i < len(toks); i++ {
		if !toks[i].Is(ClsCountryFirst) {
			continue // most words: no map look-up
		}
		for _, cn := range lx.Names[toks[i].Key] {
			if i+len(cn.keys) > len(toks) || cn.caps && HasLower(string(r[toks[i].Start:toks[i].End])) {
				continue
			}
			ok := true
			for j, k := range cn.keys {
				if toks[i+j].Key != k {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, CountryMention{cn.Canon, toks[i].Start, toks[i+len(cn.keys)-1].End})
				i += len(cn.keys) - 1
				break
			}
		}
	}
	return out
}
