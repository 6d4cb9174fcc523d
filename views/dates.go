package views

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"dateline/models"
)

// DisplayDate writes a normalised event date at the precision it has:
// "6 Aug 2025, 14:00", "6 Aug 2025", "week of 11 Aug 2025", "Aug 2025",
// "Q3 2025", "2025". Values it cannot read (XXXX-04, PAST_REF) come back
// in a readable form rather than as an error, because a page must show
// something for every event.
func DisplayDate(value, gran string) string {
	if t, ok := ParseDate(value, gran); ok {
		switch gran {
		case models.GranTime:
			return t.Format("2 Jan 2006, 15:04")
		case models.GranDay:
			return t.Format("2 Jan 2006")
		case models.GranWeek:
			return "week of " + t.Format("2 Jan 2006")
		case models.GranMonth:
			return t.Format("Jan 2006")
		case models.GranQuarter:
			return fmt.Sprintf("Q%d %d", (int(t.Month())-1)/3+1, t.Year())
		case models.GranYear:
			return t.Format("2006")
		}
	}
	return fuzzyDate(value)
}

// fuzzyDate reads the values a careful reader could not resolve.
func fuzzyDate(value string) string {
	switch value {
	case "PAST_REF":
		return "in the past"
	case "PRESENT_REF":
		return "now"
	case "FUTURE_REF":
		return "in the future"
	case "":
		return "date unknown"
	}
	if rest, ok := strings.CutPrefix(value, "XXXX-"); ok {
		if m, err := strconv.Atoi(rest); err == nil && m >= 1 && m <= 12 {
			return "c. " + time.Month(m).String()[:3] + " (year unknown)"
		}
	}
	return "c. " + value
}

// ParseDate returns the start of the period a normalised value names, in UTC.
func ParseDate(value, gran string) (time.Time, bool) {
	var t time.Time
	var err error
	switch gran {
	case models.GranTime:
		t, err = time.Parse("2006-01-02T15:04", value[:min(len(value), 16)])
	case models.GranDay:
		t, err = time.Parse("2006-01-02", value)
	case models.GranMonth:
		t, err = time.Parse("2006-01", value)
	case models.GranYear:
		t, err = time.Parse("2006", value)
	case models.GranWeek:
		return parseWeek(value)
	case models.GranQuarter:
		return parseQuarter(value)
	default:
		return time.Time{}, false
	}
	return t, err == nil
}

// parseWeek reads 2025-W33 (optionally 2025-W33-WE) to the Monday of that ISO week.
func parseWeek(value string) (time.Time, bool) {
	y, w, ok := strings.Cut(value, "-W")
	if !ok || len(w) < 2 {
		return time.Time{}, false
	}
	year, err1 := strconv.Atoi(y)
	week, err2 := strconv.Atoi(w[:2])
	if err1 != nil || err2 != nil || week < 1 || week > 53 || year < 1 {
		return time.Time{}, false
	}
	// ISO week 1 holds 4 January; go back to its Monday.
	jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*(week-1)), true
}

// parseQuarter reads 2025-Q3 to 1 July 2025.
func parseQuarter(value string) (time.Time, bool) {
	y, q, ok := strings.Cut(value, "-Q")
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > 4 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(3*(n-1)+1), 1, 0, 0, 0, 0, time.UTC), true
}

// DeadlineStatus says how a deadline stands at now: "today", "in 3 days",
// "passed 2 days ago". Days are counted between calendar dates in UTC, so a
// deadline on Friday seen on Wednesday evening is "in 2 days".
func DeadlineStatus(value, gran string, now time.Time) string {
	t, ok := ParseDate(value, gran)
	if !ok {
		return "date not known precisely"
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := int(day.Sub(today).Hours() / 24)
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1:
		return fmt.Sprintf("in %d days", days)
	case days == -1:
		return "passed 1 day ago"
	default:
		return fmt.Sprintf("passed %d days ago", -days)
	}
}

// DayKey is the heading a timeline entry is grouped under: its day for day
// and time precision, its own display date for anything coarser.
func DayKey(value, gran string) string {
	if gran == models.GranTime || gran == models.GranDay {
		if t, ok := ParseDate(value, gran); ok {
			return t.Format("Monday 2 January 2006")
		}
	}
	return DisplayDate(value, gran)
}

// ISODate formats an optional time as RFC 3339 in UTC, "" for nil.
func ISODate(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
