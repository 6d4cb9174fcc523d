package store

import "testing"

// TestContentHash pins the content hash: stored articles are deduplicated
// by it, so it must not change between versions.
func TestContentHash(t *testing.T) {
	const want = "10054d8c5df6f6fbc89cd7297bea2e2a99bf35206b824b1d2aefcddf8e8d7a72"
	for _, s := range []string{"Putin met Witkoff.", "  PUTIN  met\n\nWitkoff. ", "putin\tmet\u00a0witkoff."} {
		if got := ContentHash(s); got != want {
			t.Errorf("ContentHash(%q) = %s, want %s", s, got, want)
		}
	}
	for _, s := range []string{"", " \n\t "} {
		if got := ContentHash(s); got != "" {
			t.Errorf("ContentHash(%q) = %q, want none", s, got)
		}
	}
	if ContentHash("Putin met Witkoff") == ContentHash("Putin met Witkoff.") {
		t.Error("a full stop is part of the words")
	}
}
