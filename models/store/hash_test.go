package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// wordsHash is how ContentHash was first written: lower-case, split into
// words, join with single spaces, hash. Stored articles carry hashes made
// this way, so ContentHash must keep giving the same.
func wordsHash(body string) string {
	words := strings.Fields(strings.ToLower(body))
	if len(words) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(sum[:])
}

func TestContentHash(t *testing.T) {
	for _, s := range []string{"", " \n\t ", "Putin met Witkoff.", "  PUTIN  met\nWitkoff. ", "Erdoğan İstanbul",
		"bad \xff\xfe utf8", "nbsp\u00a0between", "\u2028line\u2029sep", "\ufffd kept"} {
		if got, want := ContentHash(s), wordsHash(s); got != want {
			t.Errorf("ContentHash(%q) = %s, want %s", s, got, want)
		}
	}
	if ContentHash("Putin met Witkoff.") != ContentHash("  putin MET\n\nwitkoff. ") {
		t.Error("layout and case changed the hash")
	}
	if ContentHash("   ") != "" {
		t.Error("a body without words has a hash")
	}
}

func FuzzContentHash(f *testing.F) {
	for _, s := range []string{"Putin met Witkoff.", "a\u00a0b", "\xff", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ContentHash(s), wordsHash(s); got != want {
			t.Errorf("ContentHash(%q) = %s, want %s", s, got, want)
		}
	})
}
