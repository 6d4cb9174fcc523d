package temporal

import (
	"strconv"
	"time"

	"dateline/models"
)

// Directions of an underspecified expression relative to the reference time.
const (
	dirPast    = -1
	dirNone    = 0
	dirFuture  = 1
	dirNearest = 2 // no cue: the nearest occurrence
)

// pad formats n with at least width digits.
func pad(n, width int) string {
	var b [20]byte
	return string(appendPad(b[:0], n, width))
}

// appendPad appends n with at least width digits to b.
func appendPad(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var d [20]byte
	i := len(d)
	for n >= 10 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	d[i] = byte('0' + n)
	for k := len(d) - i; k < width; k++ {
		b = append(b, '0')
	}
	return append(b, d[i:]...)
}

// appendDay appends t as 2025-08-06.
func appendDay(b []byte, t time.Time) []byte {
	b = appendPad(b, t.Year(), 4)
	b = appendPad(append(b, '-'), int(t.Month()), 2)
	return appendPad(append(b, '-'), t.Day(), 2)
}

// dayValue formats t as 2025-08-06.
func dayValue(t time.Time) string {
	var b [16]byte
	return string(appendDay(b[:0], t))
}

// weekValue formats the ISO week of t as 2025-W32.
func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	var b [16]byte
	return string(appendPad(append(appendPad(b[:0], y, 4), '-', 'W'), w, 2))
}

// quarterOf returns the quarter (1-4) of month m.
func quarterOf(m int) int { return (m-1)/3 + 1 }

// unitValue formats t at the precision of unit u ("2025-08", "2025-W32", "2025").
func unitValue(t time.Time, u int) string {
	switch u {
	case uSecond, uMinute:
		var b [24]byte
		x := appendPad(append(appendDay(b[:0], t), 'T'), t.Hour(), 2)
		return string(appendPad(append(x, ':'), t.Minute(), 2))
	case uHour:
		var b [24]byte
		return string(appendPad(append(appendDay(b[:0], t), 'T'), t.Hour(), 2))
	case uDay:
		return dayValue(t)
	case uWeek:
		return weekValue(t)
	case uWeekend:
		return weekValue(t) + "-WE"
	case uMonth:
		var b [16]byte
		return string(appendPad(append(appendPad(b[:0], t.Year(), 4), '-'), int(t.Month()), 2))
	case uQuarter:
		return pad(t.Year(), 4) + "-Q" + strconv.Itoa(quarterOf(int(t.Month())))
	case uYear:
		return pad(t.Year(), 4)
	case uDecade:
		return pad(t.Year()/10, 3)
	case uCentury:
		return pad(t.Year()/100, 2)
	}
	return dayValue(t)
}

// unknownValue is the value of an expression at precision u when no
// reference time anchors it.
func unknownValue(u int) string {
	switch u {
	case uSecond, uMinute, uHour:
		return "XXXX-XX-XXTXX:XX"
	case uDay:
		return "XXXX-XX-XX"
	case uWeek:
		return "XXXX-WXX"
	case uWeekend:
		return "XXXX-WXX-WE"
	case uMonth:
		return "XXXX-XX"
	case uQuarter:
		return "XXXX-QX"
	case uYear:
		return "XXXX"
	case uDecade:
		return "XXX"
	}
	return "XX"
}

// shift moves t by n units of u.
func shift(t time.Time, u, n int) time.Time {
	switch u {
	case uSecond:
		return t.Add(time.Duration(n) * time.Second)
	case uMinute:
		return t.Add(time.Duration(n) * time.Minute)
	case uHour:
		return t.Add(time.Duration(n) * time.Hour)
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uMonth:
		return addMonths(t, n)
	case uQuarter:
		return addMonths(t, 3*n)
	case uYear:
		return t.AddDate(n, 0, 0)
	case uDecade:
		return t.AddDate(10*n, 0, 0)
	case uCentury:
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// addMonths moves t by n months, clamping the day so that 31 March minus one
// month is 28/29 February, not 3 March.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m, 1, t.Hour(), t.Minute(), 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// durationValue writes a duration of n units of u in ISO 8601 ("P2D",
// "PT48H"); vague gives X for the count ("PXY" for "years").
func durationValue(n int, u int, vague bool) string {
	num := strconv.Itoa(n)
	if vague {
		num = "X"
	}
	switch u {
	case uSecond:
		return "PT" + num + "S"
	case uMinute:
		return "PT" + num + "M"
	case uHour:
		return "PT" + num + "H"
	case uDay:
		return "P" + num + "D"
	case uWeek:
		return "P" + num + "W"
	case uWeekend:
		return "P" + num + "WE"
	case uMonth:
		return "P" + num + "M"
	case uQuarter:
		return "P" + num + "Q"
	case uYear:
		return "P" + num + "Y"
	case uDecade:
		if vague {
			return "P" + num + "DE"
		}
		return "P" + strconv.Itoa(10*n) + "Y"
	case uCentury:
		return "P" + num + "CE"
	}
	return "P" + num + "D"
}

// weekdayNear returns the day with ISO weekday wd nearest to ref in direction
// dir: the past week including ref for dirPast (and no cue), the coming
// week including ref for dirFuture.
func weekdayNear(ref time.Time, wd, dir int) time.Time {
	cur := isoWeekday(ref)
	if dir == dirFuture {
		return ref.AddDate(0, 0, (wd-cur+7)%7)
	}
	return ref.AddDate(0, 0, -((cur - wd + 7) % 7))
}

// isoWeekday returns the ISO weekday of t, Monday 1 to Sunday 7.
func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// monthYear picks the year of month m relative to ref: the latest one not
// after ref for dirPast, the first one not before for dirFuture, and the
// nearest one otherwise.
func monthYear(ref time.Time, m, dir int) int {
	y, rm := ref.Year(), int(ref.Month())
	switch dir {
	case dirPast:
		if m > rm {
			return y - 1 // "reached in Paris in December", said in October: last December
		}
	case dirFuture:
		if rm-m > 2 {
			return y + 1
		}
		if m < rm {
			return y // "sales through August", said in October: a future cue two months back is this year's
		}
	default:
		if m-rm > 6 {
			return y - 1
		}
		if rm-m > 6 {
			return y + 1
		}
	}
	return y
}

// dayYear is monthYear for a day of a month. Tense only overrides the
// nearest reading for dates more than three months the other way: business
// copy mixes tenses freely around near dates ("declared a dividend payable
// Dec. 15").
func dayYear(ref time.Time, m, d, dir int) int {
	y := ref.Year()
	cand := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	day := time.Date(y, ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	diff := cand.Sub(day).Hours() / 24
	switch {
	case dir == dirPast && diff > 90:
		return y - 1 // "was last seen Nov. 3", said in May
	case dir == dirFuture && diff < -90:
		return y + 1
	case dir == dirPast && diff <= 0, dir == dirFuture && diff >= 0:
		return y // "resigned on 12 January", said in September: this year's
	default:
		if diff > 183 {
			return y - 1
		}
		if diff < -183 {
			return y + 1
		}
	}
	return y
}

// seasonMonths are the first months of the (northern) seasons.
var seasonStart = map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}

// Granularity returns the models.Gran* precision of a normalised DATE or
// TIME value ("2025-08-06" is day, "2025-W32" week, "2025-04" month).
func Granularity(value string) string {
	switch n := len(value); {
	case n >= 11 && value[10] == 'T':
		return models.GranTime
	case n == 10 && value[4] == '-' && value[7] == '-':
		return models.GranDay
	case n >= 8 && value[4] == '-' && value[5] == 'W':
		return models.GranWeek
	case n == 7 && value[4] == '-' && (value[5] == 'Q' || value[5] == 'S' || value[5] == 'F' || value[5] == 'W'):
		return models.GranQuarter
	case n == 7 && value[4] == '-':
		return models.GranMonth
	case n == 4:
		return models.GranYear
	}
	return models.GranUnknown
}
