package lexicon

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dateline/data"
)

func TestInflect(t *testing.T) {
	cases := []struct {
		lemma        string
		s, past, ing string
	}{
		{"say", "says", "sayed", "saying"}, // irregular: the file lists "said"
		{"reckon", "reckons", "reckoned", "reckoning"},
		{"note", "notes", "noted", "noting"},
		{"reply", "replies", "replied", "replying"},
		{"stress", "stresses", "stressed", "stressing"},
		{"push", "pushes", "pushed", "pushing"},
		{"vow", "vows", "vowed", "vowing"},
		{"agree", "agrees", "agreed", "agreeing"},
		{"tie", "ties", "tied", "tying"},
		{"answer", "answers", "answered", "answering"},
	}
	for _, c := range cases {
		got := []string{inflect(c.lemma, S)[0], inflect(c.lemma, Past)[0], inflect(c.lemma, Ing)[0]}
		if want := []string{c.s, c.past, c.ing}; !slices.Equal(got, want) {
			t.Errorf("inflect(%q) = %v, want %v", c.lemma, got, want)
		}
	}
}

// testFS is a language folder "xx" with the given verbs file and one line
// in each other file.
func testFS(verbs string) fstest.MapFS {
	one := &fstest.MapFile{Data: []byte("# comment\nentry\n")}
	kinds, err := fs.ReadFile(data.Lexicons(), "kinds.txt")
	if err != nil {
		panic(err)
	}
	return fstest.MapFS{
		"kinds.txt": {Data: kinds}, "xx/cues.txt": {Data: []byte("meeting: met\n")},
		"xx/verbs.txt": {Data: []byte(verbs)}, "xx/titles.txt": one, "xx/words.txt": {Data: []byte("pronouns: he she\n")},
		"xx/people.txt": one, "xx/countries.txt": one,
		"xx/offices.txt": {Data: []byte("the chief | Someone | 2020-01-01 |\n")},
	}
}

func TestVerbsFile(t *testing.T) {
	lx, err := Load(testFS("# verbs\nreckon\ntell | | told : speech tell\nwrite | | wrote | | written : speech clause\n"), "xx")
	if err != nil {
		t.Fatal(err)
	}
	v := lx.Verbs
	for _, c := range []struct {
		key, lemma string
		form       Form
	}{{"reckon", "reckon", Base}, {"reckons", "reckon", S}, {"reckoned", "reckon", Past}, {"reckoning", "reckon", Ing},
		{"told", "tell", Past}, {"tells", "tell", S}, {"telling", "tell", Ing}, {"wrote", "write", Past}, {"written", "write", PastPart}} {
		lemma, ok := v.Lemma(c.key)
		form, _ := v.FormOf(c.key)
		if !ok || lemma != c.lemma || form != c.form {
			t.Errorf("%q: lemma %q form %d, want %q %d", c.key, lemma, form, c.lemma, c.form)
		}
	}
	if _, ok := v.Lemma("telled"); ok {
		t.Error(`"telled" made although "told" is listed`)
	}
	if !v.Has("reckon", DefaultFlags) || v.Has("tell", Statement) || !v.Has("tell", Tell|Speech) {
		t.Error("flags: a lemma-only line has the default flags, a line with flags exactly those")
	}
	if got, want := v.FiniteSpellings(Clause), []string{"reckoned", "reckons", "writes", "wrote"}; !slices.Equal(got, want) {
		t.Errorf("finite clause verbs %v, want %v", got, want)
	}
	if got, want := v.Spellings(Participle, Ing), []string{"reckoning"}; !slices.Equal(got, want) {
		t.Errorf("participles %v, want %v", got, want)
	}
}

// TestPhrasalVerbs: "call for" on a line of its own is a phrasal verb with
// its own flags, read after a form of "call"; "call" keeps its flags.
func TestPhrasalVerbs(t *testing.T) {
	lx, err := Load(testFS("call : label\ncall for : speech infinitive\n"), "xx")
	if err != nil {
		t.Fatal(err)
	}
	v := lx.Verbs
	if got := v.Phrasal("call", "for"); got != "call for" {
		t.Errorf(`Phrasal("call", "for") = %q, want "call for"`, got)
	}
	if got := v.Phrasal("call", "off"); got != "" {
		t.Errorf(`Phrasal("call", "off") = %q, want none`, got)
	}
	if !v.Has("call for", Speech|Infinitive) || v.Has("call for", Label) || !v.Has("call", Label) || v.Has("call", Speech) {
		t.Error("a phrasal verb has its own line's flags, its verb keeps its own")
	}
}

func TestNounishSFormIsNotFinite(t *testing.T) {
	lx, err := Load(testFS("state : speech statement nounish\n"), "xx")
	if err != nil {
		t.Fatal(err)
	}
	if lx.Verbs.Finite("states") || !lx.Verbs.Finite("stated") {
		t.Error(`"states" is a noun more often; "stated" is finite`)
	}
}

func TestLoadErrors(t *testing.T) {
	missing := testFS("say\n")
	delete(missing, "xx/people.txt")
	cases := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"unknown flag", testFS("say\nreckon : speech loud\n"), `xx/verbs.txt:2: "reckon": unknown flag "loud"`},
		{"two lemmas", testFS("say | | said\n\nsay\n"), `xx/verbs.txt:3: "say" is listed twice`},
		{"form of two lemmas", testFS("say | | said\nsaid\n"), `xx/verbs.txt:2: "said" is a form of both "say" and "said"`},
		{"too many columns", testFS("say | a | b | c | d | e\n"), "xx/verbs.txt:1: \"say\" has 5 form columns"},
		{"no lemma", testFS(" | says\n"), "xx/verbs.txt:1: a verb line starts with one lemma"},
		{"phrasal before its verb", testFS("say\ncall for : speech\n"), `xx/verbs.txt:2: "call for": list "call" on a line of its own before its phrasal verbs`},
		{"empty flags", testFS("say :\n"), `xx/verbs.txt:1: "say": ":" with no flags after it`},
		{"empty file", testFS("# only a comment\n\n"), "xx/verbs.txt has no entries"},
		{"missing file", missing, "xx/people.txt"},
	}
	for _, c := range cases {
		_, err := Load(c.fsys, "xx")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, err := Load(testFS("say\n"), "../xx"); err == nil {
		t.Error("a language name with a path in it is refused")
	}
}

// TestEnglish loads the shipped English data: it must load, and keep the
// forms and flags extraction relies on.
func TestEnglish(t *testing.T) {
	lx, err := Load(data.Lexicons(), "en")
	if err != nil {
		t.Fatal(err)
	}
	v := lx.Verbs
	for key, lemma := range map[string]string{"said": "say", "told": "tell", "written": "write", "shouting": "shout",
		"answering": "answer", "signalled": "signal", "admitted": "admit", "thought": "think"} {
		if got, _ := v.Lemma(key); got != lemma {
			t.Errorf("%q: lemma %q, want %q", key, got, lemma)
		}
	}
	for _, bad := range []string{"sayed", "telled", "thinked", "admited"} {
		if _, ok := v.Lemma(bad); ok {
			t.Errorf("%q is made although the file lists the real form", bad)
		}
	}
	if !v.Has("describe", Label) || v.Has("describe", Speech) || !v.Has("say", DefaultFlags) {
		t.Error("flags of describe and say")
	}
	if len(lx.Titles) == 0 || len(lx.People) == 0 || len(lx.Countries) == 0 {
		t.Error("the tables are empty")
	}
}

func TestWordsFile(t *testing.T) {
	fsys := testFS("say\n")
	fsys["xx/words.txt"] = &fstest.MapFile{Data: []byte("# classes\npronouns: he she\n    they\nopeners: but and\n")}
	lx, err := Load(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	var pronouns, openers map[string]bool
	if err := lx.Bind(map[string]*map[string]bool{"pronouns": &pronouns, "openers": &openers}); err != nil {
		t.Fatal(err)
	}
	if !pronouns["they"] || !pronouns["he"] || !openers["but"] || pronouns["but"] {
		t.Errorf("pronouns %v openers %v", pronouns, openers)
	}
	if err := lx.Bind(map[string]*map[string]bool{"pronouns": &pronouns}); err == nil ||
		!strings.Contains(err.Error(), `xx/words.txt:4: class "openers" is not one extraction reads`) {
		t.Errorf("a class the code does not read: %v", err)
	}
	var other map[string]bool
	if err := lx.Bind(map[string]*map[string]bool{"pronouns": &pronouns, "openers": &openers, "others": &other}); err == nil ||
		!strings.Contains(err.Error(), `no class "others"`) {
		t.Errorf("a class the code reads but the file lacks: %v", err)
	}
	for _, c := range []struct{ text, want string }{
		{"    he she\n", "xx/words.txt:1: an indented line continues a class"},
		{"pronouns: he\npronouns: she\n", `xx/words.txt:2: class "pronouns" is defined twice (first at line 1)`},
		{"pronouns: he he\n", `xx/words.txt:1: "he" is listed twice in class "pronouns"`},
		{"pronouns:\n", `xx/words.txt:1: class "pronouns" has no words`},
		{"no colon here\n", "xx/words.txt:1: a class starts with its name and a colon"},
	} {
		fsys["xx/words.txt"] = &fstest.MapFile{Data: []byte(c.text)}
		if _, err := Load(fsys, "xx"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
}

func TestKindsAndCues(t *testing.T) {
	lx, err := Load(data.Lexicons(), "en")
	if err != nil {
		t.Fatal(err)
	}
	if k := lx.Kind("deadline"); k.Priority != 0 || k.Cameo != "139" || !k.OwnDate || k.Negatable || k.Colour != "#c0392b" {
		t.Errorf("deadline: %+v", k)
	}
	if k := lx.Kind("other"); k.Cameo != "" || !k.Negatable {
		t.Errorf("other: %+v", k)
	}
	if lx.Cues["summit"] != "meeting" || lx.Cues["truce"] != "agreement" {
		t.Errorf("cues: summit %q truce %q", lx.Cues["summit"], lx.Cues["truce"])
	}
	kinds := func(text string) fstest.MapFS {
		f := testFS("say\n")
		f["kinds.txt"] = &fstest.MapFile{Data: []byte(text)}
		return f
	}
	good, _ := fs.ReadFile(data.Lexicons(), "kinds.txt")
	for _, c := range []struct {
		fsys fstest.MapFS
		want string
	}{
		{kinds("meeting | 4 | 040 | #2f6db5 |\n"), `kinds.txt does not list the event kind "visit"`},
		{kinds(string(good) + "Parade! | 3 | 040 | #2f6db5 |\n"), `kind "Parade!" is not a lower-case word`},
		{kinds(string(good) + "parade | 3 | 040 | #2f6db5 |\nparade | 3 | 040 | #2f6db5 |\n"), `kind "parade" is listed twice`},
		{kinds(strings.Replace(string(good), "#2f6db5", "blue", 1)), `colour "blue" is not #rrggbb`},
		{kinds(strings.Replace(string(good), "| 040 |", "| four |", 1)), `CAMEO code "four" is not a number or -`},
		{kinds(strings.Replace(string(good), "own-date not-negatable", "own-date loud", 1)), `unknown flag "loud"`},
		{kinds(strings.Replace(string(good), "| 4  |", "| x |", 1)), `priority "x" is not a number`},
	} {
		if _, err := Load(c.fsys, "xx"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
	// a kind the code does not name is the data's to add
	if lx, err := Load(kinds(string(good)+"parade | 3 | 040 | #2f6db5 |\n"), "xx"); err != nil || lx.Kinds[len(lx.Kinds)-1].Name != "parade" {
		t.Errorf("a kind added in data: %v", err)
	}
	f := testFS("say\n")
	f["xx/cues.txt"] = &fstest.MapFile{Data: []byte("meeting: met talks\ntalks: talks\n")}
	if _, err := Load(f, "xx"); err == nil || !strings.Contains(err.Error(), `xx/cues.txt:2: "talks" cues both "meeting" and "talks"`) {
		t.Errorf("a cue of two kinds: %v", err)
	}
	f["xx/cues.txt"] = &fstest.MapFile{Data: []byte("parade: march\n")}
	if _, err := Load(f, "xx"); err == nil || !strings.Contains(err.Error(), `"parade" is no event kind`) {
		t.Errorf("a cue of no kind: %v", err)
	}
}

func TestOfficesFile(t *testing.T) {
	f := testFS("say\n")
	f["xx/offices.txt"] = &fstest.MapFile{Data: []byte("the chief, the boss | Ann Roe | 2020-01-01 | 2024-01-01\n")}
	lx, err := Load(f, "xx")
	if err != nil || len(lx.Offices) != 1 {
		t.Fatalf("%+v %v", lx, err)
	}
	o := lx.Offices[0]
	if len(o.Epithets) != 2 || o.Holder != "Ann Roe" || !o.Holds(time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)) ||
		o.Holds(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) || o.Holds(time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("office %+v", o)
	}
	for _, c := range []struct{ line, want string }{
		{"the chief | Ann Roe | 2020\n", "4 fields"},
		{"the chief | Ann Roe | 2020-13-01 |\n", "not YYYY-MM-DD"},
		{"the chief | Ann Roe | 2020-01-01 | 2019-01-01\n", "after from"},
		{" | Ann Roe | 2020-01-01 |\n", "epithets and a holder"},
	} {
		f["xx/offices.txt"] = &fstest.MapFile{Data: []byte(c.line)}
		if _, err := Load(f, "xx"); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "xx/offices.txt:1") {
			t.Errorf("%q: %v, want %q with file and line", c.line, err, c.want)
		}
	}
}
