// Package auth holds the secrets of sign-in: password hashing with bcrypt
// (golang.org/x/crypto/bcrypt), random session tokens and the hashes under
// which the store keeps them. It reads no clock and touches no database.
package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"dateline/models"
)

// Cost is the bcrypt cost of new password hashes (2^12 rounds: about a
// quarter of a second on one core, which is what a sign-in may spend).
const Cost = 12

// Password length bounds. bcrypt reads at most 72 bytes; a longer password
// is refused rather than silently cut.
const (
	MinPassword = 8
	MaxPassword = 72
)

// CheckPasswordRules refuses a password that is too short or too long
// (EINVALID, the message says which).
func CheckPasswordRules(pw string) error {
	switch {
	case utf8.RuneCountInString(pw) < MinPassword:
		return models.Errorf(models.EINVALID, "the password needs at least %d characters", MinPassword)
	case len(pw) > MaxPassword:
		return models.Errorf(models.EINVALID, "the password may have at most %d bytes (bcrypt reads no more)", MaxPassword)
	}
	return nil
}

// HashPassword returns the bcrypt hash of pw at cost (Cost for accounts;
// tests pass bcrypt.MinCost). It checks the password rules first.
func HashPassword(pw string, cost int) (string, error) {
	if err := CheckPasswordRules(pw); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	if err != nil {
		return "", models.Wrap(models.EINTERNAL, err, "hashing the password")
	}
	return string(h), nil
}

// PasswordMatches reports whether pw is the password of hash. A malformed
// hash matches nothing, and neither does a password over MaxPassword
// bytes (bcrypt would read only its first 72).
func PasswordMatches(hash, pw string) bool {
	if len(pw) > MaxPassword {
		return false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return err == nil
}

// dummyHash is compared against when a sign-in names no account, so an
// unknown name costs as long as a wrong password and does not show. It is
// a hash, at Cost, of a phrase nobody types.
const dummyHash = "$2a$12$QHW5xjj1s1v7TsXS8R4NmuaX3kTVFh8F805WD.7X4yNwINEHUcg/W"

// WasteCompare spends the time of one password check, for unknown users.
func WasteCompare(pw string) {
	_ = bcrypt.CompareHashAndPassword([]byte(dummyHash), []byte(pw))
}

// TokenBytes is the length of a session token before encoding: 256 bits.
const TokenBytes = 32

// NewToken returns a new random session token (base64url, no padding).
func NewToken() (string, error) {
	b := make([]byte, TokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", models.Wrap(models.EINTERNAL, err, "making a session token")
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ErrBadToken is returned by CheckToken for a value that is not a token.
var ErrBadToken = errors.New("not a session token")

// CheckToken verifies that tok looks like a token NewToken made, so junk
// cookies never reach the database.
func CheckToken(tok string) error {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != TokenBytes {
		return ErrBadToken
	}
	return nil
}

// TokenHash is what the store keeps of a session token: its SHA-256, hex.
func TokenHash(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// FormToken is the anti-forgery token of the forms of the session whose
// token is tok: an HMAC of a fixed label under the session token. Only a
// page served to that session can know it, it needs no storage, and it
// changes with every sign-in.
func FormToken(tok string) string {
	m := hmac.New(sha256.New, []byte(tok))
	m.Write([]byte("dateline session form token"))
	return hex.EncodeToString(m.Sum(nil))
}

// FormTokenValid compares a posted form token with the session's, in
// constant time.
func FormTokenValid(tok, posted string) bool {
	return hmac.Equal([]byte(FormToken(tok)), []byte(strings.TrimSpace(posted)))
}

// ValidUsername checks an account name: 1 to 64 characters of letters,
// digits and . _ - @ (so it prints safely in logs and lists).
func ValidUsername(name string) error {
	if name == "" || len(name) > 64 {
		return models.Errorf(models.EINVALID, "a user name needs 1 to 64 characters")
	}
	for _, r := range name {
		ok := r == '.' || r == '_' || r == '-' || r == '@' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		if !ok {
			return models.Errorf(models.EINVALID, "user name %q: use letters, digits and . _ - @", name)
		}
	}
	return nil
}

// ValidRole checks a role name.
func ValidRole(role string) error {
	if role != models.RoleEditor && role != models.RoleAdmin {
		return models.Errorf(models.EINVALID, "role %q: want editor or admin", role)
	}
	return nil
}
