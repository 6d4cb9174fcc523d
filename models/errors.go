package models

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. Handlers map them to HTTP statuses and the
// CLI maps them to exit messages; nothing else inspects error strings.
const (
	ECONFLICT  = "conflict"  // the thing already exists (duplicate article, slug taken)
	EINTERNAL  = "internal"  // a bug or an unexpected failure; details are logged, not shown
	EINVALID   = "invalid"   // bad input from the user: unreadable file, bad date, bad slug
	ENOTFOUND  = "not_found" // no such story, event, person, article
	ETOOLARGE  = "too_large" // input over a configured size limit
	ETIMEOUT   = "timeout"   // work over a configured time limit
	EFORBIDDEN = "forbidden" // refused by policy (private address, missing token)
)

// Error is the one error type of dateline. Code says what kind of failure it
// is; Message is safe to show to a user; Err is the wrapped cause, if any.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		if e.Message == "" {
			return e.Err.Error()
		}
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted, user-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and message that wraps err.
func Wrap(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the message of the first
// *Error in its chain, or a generic text for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		if e.Message != "" {
			return e.Message
		}
	}
	return "internal error"
}
