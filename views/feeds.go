package views

// FeedFormView is the add-a-feed form on a story's edit page: what was
// typed, kept when the feed is refused, and why it was.
type FeedFormView struct {
	URL          string
	Keywords     string // as typed: comma-separated or one per line
	AllowPrivate bool
	Error        string
}

// feedChange says what a logged change of a story's feed did: added,
// removed, or polled (with how it went).
func feedChange(feedID uint, after map[string]string) string {
	what := "feed " + id(feedID) + " (" + after["url"] + ")"
	switch {
	case after["polled"] == "yes":
		s := "polled " + what + ": " + after["status"]
		if after["status"] != "error" {
			s += ", " + after["new_items"] + " new article(s)"
		}
		if after["error"] != "" {
			s += "; " + after["error"]
		}
		return s
	case after["attached"] == "yes":
		return "added " + what
	case after["attached"] == "no":
		return "removed " + what
	}
	return "changed " + what
}
