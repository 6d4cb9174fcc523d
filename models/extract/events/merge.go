package events

import (
	"dateline/models"
	"slices"
)

// MergeEvents merges the events of one article that report one happening:
// same date, same kind and overlapping actors. The first report keeps its
// evidence; actors and missing deadline details are added from the others.
func MergeEvents(evs []models.ExtractedEvent) []models.ExtractedEvent {
	var out []models.ExtractedEvent
next:
	for _, ev := range evs {
		for i := range out {
			o := &out[i]
			if o.Date == ev.Date && o.Kind == ev.Kind && (overlap(o.Actors, ev.Actors) || len(o.Actors) == 0 || len(ev.Actors) == 0) {
				for _, a := range ev.Actors {
					if !slices.Contains(o.Actors, a) {
						o.Actors = append(o.Actors, a)
					}
				}
				mergeDeadline(o, ev.Deadline)
				continue next
			}
		}
		out = append(out, ev)
	}
	return out
}

// overlap reports whether a and b share a name.
func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// mergeDeadline fills the missing parts of o's deadline from d.
func mergeDeadline(o *models.ExtractedEvent, d *models.Deadline) {
	if d == nil {
		return
	}
	if o.Deadline == nil {
		o.Deadline = d
		return
	}
	if o.Deadline.SetBy == "" {
		o.Deadline.SetBy = d.SetBy
	}
	if o.Deadline.Demand == "" {
		o.Deadline.Demand = d.Demand
	}
	if o.Deadline.Consequence == "" {
		o.Deadline.Consequence = d.Consequence
	}
}
