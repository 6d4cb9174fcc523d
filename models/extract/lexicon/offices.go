package lexicon

import (
	"strings"
	"time"
)

// Office is one term of an office that epithets name (offices.txt): "the
// French president" is Emmanuel Macron from 2017-05-14.
type Office struct {
	Epithets []string
	Holder   string
	From, To time.Time // To is zero for an office still held
}

// Holds reports whether the office's holder held it at t.
func (o Office) Holds(t time.Time) bool {
	return !t.Before(o.From) && (o.To.IsZero() || t.Before(o.To))
}

// parseOffices reads offices.txt: "epithets | holder | from | until".
func parseOffices(lines []Line) ([]Office, error) {
	var out []Office
	for _, l := range lines {
		f := l.Fields()
		if len(f) != 4 {
			return nil, l.errorf("an office line has 4 fields (epithets | holder | from | until), not %d", len(f))
		}
		o := Office{Holder: f[1]}
		for _, e := range strings.Split(f[0], ",") {
			if e = strings.TrimSpace(e); e != "" {
				o.Epithets = append(o.Epithets, e)
			}
		}
		if len(o.Epithets) == 0 || o.Holder == "" {
			return nil, l.errorf("an office needs epithets and a holder")
		}
		var err error
		if o.From, err = time.Parse(time.DateOnly, f[2]); err != nil {
			return nil, l.errorf("from %q is not YYYY-MM-DD", f[2])
		}
		if f[3] != "" {
			if o.To, err = time.Parse(time.DateOnly, f[3]); err != nil || !o.To.After(o.From) {
				return nil, l.errorf("until %q is not a YYYY-MM-DD after from", f[3])
			}
		}
		out = append(out, o)
	}
	return out, nil
}
