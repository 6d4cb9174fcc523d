package temporal

// Units of time, from shortest to longest.
const (
	uNone = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
)

// word is what the lexicon knows about one lower-cased word. Tokens carry a
// pointer to it, so matching compares canonical strings and small integers
// instead of lower-casing text again.
type word struct {
	w       string // the lower-cased word itself
	month   int    // 1-12 for month names
	wday    int    // ISO weekday 1 (Monday) - 7 (Sunday)
	num     int    // cardinal value of a number word ("a" and "an" are 1), -1 if none
	ord     int    // ordinal value ("third" 3), 0 if none
	unit    int    // u* for unit nouns
	plural  bool   // unit noun in the plural ("days")
	season  string // SP, SU, FA, WI
	part    string // part of the day: MO, AF, EV, NI
	past    bool   // a past-tense cue ("said", "met")
	future  bool   // a future cue ("will", "deadline")
	trigger bool   // may start a time expression
	core    bool   // temporal on its own; determiners and modifiers need one nearby
}

var lexicon = map[string]*word{}

// addWords applies f to the lexicon entries of words, creating them as needed.
func addWords(f func(w *word), words ...string) {
	for _, s := range words {
		w := lexicon[s]
		if w == nil {
			w = &word{w: s, num: -1}
			lexicon[s] = w
		}
		f(w)
	}
}

func init() {
	addCalendarWords()
	addNumberWords()
	addUnitWords()
	addTriggers()
	addTenseCues()
}

// addCalendarWords adds month and weekday names with their abbreviations.
func addCalendarWords() {
	months := [][]string{{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"}, {"september", "sep", "sept"},
		{"october", "oct"}, {"november", "nov"}, {"december", "dec"}}
	for i, names := range months {
		m := i + 1
		addWords(func(w *word) { w.month, w.trigger = m, true }, names...)
	}
	days := [][]string{{"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"},
		{"thursday", "thu", "thur", "thurs"}, {"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"}}
	for i, names := range days {
		d := i + 1
		addWords(func(w *word) { w.wday, w.trigger = d, true }, names...)
	}
}

// addNumberWords adds cardinal and ordinal number words.
func addNumberWords() {
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty"}
	for i, s := range nums {
		n := i
		addWords(func(w *word) { w.num, w.trigger = n, true }, s)
	}
	tens := []string{"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, s := range tens {
		n := 30 + 10*i
		addWords(func(w *word) { w.num, w.trigger = n, true }, s)
	}
	addWords(func(w *word) { w.num, w.trigger = 1, true }, "a", "an")
	addWords(func(w *word) { w.num = 100 }, "hundred")
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth"}
	for i, s := range ords {
		n := i + 1
		addWords(func(w *word) { w.ord = n }, s)
	}
}

// addUnitWords adds units of time, seasons and parts of the day.
func addUnitWords() {
	units := []struct {
		u        int
		sing, pl string
	}{{uSecond, "second", "seconds"}, {uMinute, "minute", "minutes"}, {uHour, "hour", "hours"},
		{uDay, "day", "days"}, {uWeek, "week", "weeks"}, {uWeekend, "weekend", "weekends"},
		{uMonth, "month", "months"}, {uQuarter, "quarter", "quarters"}, {uYear, "year", "years"},
		{uDecade, "decade", "decades"}, {uCentury, "century", "centuries"}}
	for _, u := range units {
		u := u
		addWords(func(w *word) { w.unit = u.u }, u.sing)
		addWords(func(w *word) { w.unit, w.plural, w.trigger = u.u, true, true }, u.pl)
	}
	addWords(func(w *word) { w.unit = uMinute }, "min", "mins")
	addWords(func(w *word) { w.unit, w.plural = uHour, true }, "hrs")
	for s, v := range map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"} {
		v := v
		addWords(func(w *word) { w.season, w.trigger = v, true }, s)
	}
	for s, v := range map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"} {
		v := v
		addWords(func(w *word) { w.part = v }, s)
	}
}

// addTriggers marks the words that may start an expression and those that
// are temporal on their own.
func addTriggers() {
	addWords(func(w *word) { w.trigger = true },
		"today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "recent", "lately",
		"current", "the", "this", "that", "last", "next", "past", "coming", "previous", "following", "early", "earlier",
		"late", "later", "mid", "end", "beginning", "start", "daily", "weekly", "monthly", "annually",
		"yearly", "hourly", "nightly", "every", "each", "several", "few", "some", "many", "almost",
		"nearly", "fiscal", "noon", "midnight", "future", "soon", "previously", "formerly", "once",
		"nowadays", "within", "half", "at", "upcoming", "dozen", "dozens", "present", "immediately",
		"ago", "morning", "afternoon", "evening", "overnight", "weekend", "weekends", "christmas", "new",
		"midday", "per", "these", "recent", "mere", "that", "hundreds", "dozens", "thanksgiving", "ad", "year")
	addWords(func(w *word) { w.core = true },
		"today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "lately", "current",
		"nowadays", "soon", "future", "past", "time", "present", "daily", "weekly", "monthly", "annually",
		"yearly", "hourly", "nightly", "noon", "midnight", "midday", "christmas", "weekend", "weekends",
		"morning", "afternoon", "evening", "night", "overnight", "quarter", "half", "fiscal", "thanksgiving")
	for _, w := range lexicon {
		if w.month != 0 || w.wday != 0 || w.num >= 0 && w.w != "a" && w.w != "an" || w.ord != 0 || w.unit != uNone || w.season != "" {
			w.core = true
		}
	}
}

// addTenseCues adds the words that say whether a clause looks back or ahead.
func addTenseCues() {
	addWords(func(w *word) { w.past = true },
		"said", "told", "was", "were", "had", "did", "met", "went", "came", "held", "made", "took",
		"gave", "spoke", "began", "left", "saw", "sent", "won", "lost", "fell", "rose", "paid", "sold",
		"bought", "brought", "found", "kept", "led", "wrote", "ran", "flew", "struck", "hit", "arrived",
		"ago", "yesterday", "last", "earlier", "has", "have", "been", "died", "became", "chose", "got",
		"knew", "thought", "felt", "heard", "meant", "stood", "spent", "sought", "broke", "grew", "drew",
		"signed", "agreed", "remarked", "added", "since", "previously", "recently", "former")
	addWords(func(w *word) { w.future = true },
		"will", "ll", "shall", "going", "gonna", "due", "expected", "expects", "scheduled", "plans",
		"plan", "planning", "upcoming", "deadline", "next", "tomorrow", "aims", "intends",
		"later", "coming", "await", "awaits", "would", "may", "might", "could", "should", "must",
		"expire", "expires", "hope", "hopes", "want", "wants", "seek", "seeks", "unless", "payable")
}

// looksPast reports whether a lower-case ASCII word looks like a regular
// past tense or participle ("arrived", "announced"), excluding common
// non-verbs ending in -ed.
func looksPast(s string) bool {
	if len(s) < 4 || s[len(s)-2:] != "ed" {
		return false
	}
	switch s {
	case "need", "speed", "seed", "feed", "bed", "red", "shed", "indeed", "hundred", "united", "creed",
		"breed", "greed", "weed", "steed", "deed", "proceed", "succeed", "exceed", "bleed", "freed", "embed":
		return false
	}
	return true
}

// Month returns the month (1-12) a lower-case word names, full or
// abbreviated ("aug", "sept"), and 0 for any other word. The page-date
// reader uses it, so dates and page stamps share one month table.
func Month(w string) int {
	if e := lexicon[w]; e != nil {
		return e.month
	}
	return 0
}
