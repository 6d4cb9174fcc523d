package auth

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"dateline/models"
)

func TestPasswords(t *testing.T) {
	tests := []struct {
		pw   string
		code string
	}{
		{"correct horse", ""},
		{"12345678", ""},
		{"ÄÖÜäöüßé", ""}, // eight characters, sixteen bytes
		{"1234567", models.EINVALID},
		{"", models.EINVALID},
		{strings.Repeat("x", 72), ""},
		{strings.Repeat("x", 73), models.EINVALID},
	}
	for _, tt := range tests {
		h, err := HashPassword(tt.pw, bcrypt.MinCost)
		if models.ErrorCode(err) != tt.code {
			t.Errorf("HashPassword(%q): %v, want code %q", tt.pw, err, tt.code)
			continue
		}
		if err != nil {
			continue
		}
		if !PasswordMatches(h, tt.pw) || PasswordMatches(h, tt.pw+"x") || strings.Contains(h, tt.pw) {
			t.Errorf("hash of %q: %q does not check it", tt.pw, h)
		}
	}
	if PasswordMatches("not a hash", "correct horse") {
		t.Errorf("a malformed hash matched")
	}
	// The unknown-user hash is a real bcrypt hash at Cost.
	if c, err := bcrypt.Cost([]byte(dummyHash)); err != nil || c != Cost {
		t.Errorf("dummy hash: cost %d %v", c, err)
	}
}

func TestTokens(t *testing.T) {
	a, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewToken()
	if a == b || CheckToken(a) != nil || CheckToken(b) != nil {
		t.Fatalf("tokens %q %q", a, b)
	}
	for _, bad := range []string{"", "short", a + "x", strings.Repeat("*", len(a)), a[:len(a)-2]} {
		if CheckToken(bad) == nil {
			t.Errorf("CheckToken(%q) accepted", bad)
		}
	}
	if TokenHash(a) == TokenHash(b) || len(TokenHash(a)) != 64 || strings.Contains(TokenHash(a), a) {
		t.Errorf("token hashes %q %q", TokenHash(a), TokenHash(b))
	}
	fa := FormToken(a)
	if !FormTokenValid(a, fa) || FormTokenValid(b, fa) || FormTokenValid(a, "") || FormTokenValid(a, fa[:10]) || fa == a {
		t.Errorf("form token %q of %q", fa, a)
	}
}

func TestNamesAndRoles(t *testing.T) {
	for name, ok := range map[string]bool{"ann": true, "ann.lee@example.org": true, "a_b-c": true,
		"": false, "ann lee": false, "ann<script>": false, strings.Repeat("a", 65): false, "änn": false} {
		if err := ValidUsername(name); (err == nil) != ok {
			t.Errorf("ValidUsername(%q): %v", name, err)
		}
	}
	for role, ok := range map[string]bool{models.RoleEditor: true, models.RoleAdmin: true, "root": false, "": false} {
		if err := ValidRole(role); (err == nil) != ok {
			t.Errorf("ValidRole(%q): %v", role, err)
		}
	}
}
