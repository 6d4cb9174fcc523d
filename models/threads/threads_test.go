package threads

import (
	"testing"
	"time"

	"dateline/models"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// TestBuild: reports join threads by setter and target, or by what
// expires; a report naming neither joins the open thread; a later report
// of another due date is a change of it.
func TestBuild(t *testing.T) {
	rs := []Report{
		{EventID: 1, Kind: models.KindDeadline, Due: "2025-09-02", SetBy: "Donald Trump", Target: "Russia", Change: "set", On: "2025-07-14", ArticleID: 1, Source: "A"},
		{EventID: 2, Kind: models.KindDeadline, Due: "2025-08-07", DueEnd: "2025-08-09", SetBy: "Donald Trump", Change: "shortened", On: "2025-07-28", ArticleID: 2, Source: "B"},
		{EventID: 3, Kind: models.KindDeadline, Due: "2025-08-08", Target: "Russia", Published: day("2025-07-29"), ArticleID: 3, Source: "A"},
		{EventID: 4, Kind: models.KindDeadline, Due: "2025-08-08", Change: "passed", Published: day("2025-08-08"), ArticleID: 4, Source: "C"},
		{EventID: 5, Kind: models.KindDeadline, Due: "2025-08-10", SetBy: "Israel", Target: "Hamas", Published: day("2025-08-06"), ArticleID: 5, Source: "A"},
		{EventID: 6, Kind: models.KindExpiry, Due: "2025-08-12", Subject: "The tariff truce", Published: day("2025-05-12"), ArticleID: 6},
		{EventID: 7, Kind: models.KindExpiry, Due: "2025-11-10", Subject: "the truce between Washington and Beijing", Change: "extended", Published: day("2025-08-11"), ArticleID: 7},
	}
	ts := Build(rs)
	if len(ts) != 3 {
		t.Fatalf("%d threads, want 3: %+v", len(ts), ts)
	}
	// in the order first reported: the truce (May), Russia (July), Hamas (August)
	ru := ts[1]
	var changes []string
	for _, c := range ru.History {
		changes = append(changes, c.Change+" "+c.Due)
	}
	want := []string{"set 2025-09-02", "shortened 2025-08-07", "reaffirmed 2025-08-08", "passed 2025-08-08"}
	if len(changes) != len(want) {
		t.Fatalf("history %v, want %v", changes, want)
	}
	for i := range want {
		if changes[i] != want[i] {
			t.Errorf("history %v, want %v", changes, want)
			break
		}
	}
	if ru.SetBy != "Donald Trump" || ru.Target != "Russia" || ru.Due != "2025-08-08" || ru.Final != models.DeadlinePassed || ru.Articles != 4 || ru.Outlets != 3 {
		t.Errorf("thread %+v", ru)
	}
	if ts[2].Target != "Hamas" || len(ts[2].History) != 1 {
		t.Errorf("Hamas thread %+v", ts[2])
	}
	if tr := ts[0]; tr.Kind != models.KindExpiry || tr.Due != "2025-11-10" || len(tr.History) != 2 || tr.History[1].Change != models.DeadlineExtended {
		t.Errorf("truce thread %+v", tr)
	}
}

// TestStatusAt: the status at a reader's now, the thread's end where the
// story told it.
func TestStatusAt(t *testing.T) {
	cases := []struct {
		due, dueEnd, final, now string
		status, text            string
		days                    int
	}{
		{"2025-08-08", "", "", "2025-08-06", StatusUpcoming, "in 2 days", 2},
		{"2025-08-08", "", "", "2025-08-07", StatusUpcoming, "in 1 day", 1},
		{"2025-08-08", "", "", "2025-08-08", StatusDue, "due today", 0},
		{"2025-08-07", "2025-08-09", "", "2025-08-08", StatusDue, "due today", 0},
		{"2025-08-08", "", "", "2025-08-11", StatusPassed, "passed 3 days ago", 3},
		{"2025-08-08", "", models.DeadlinePassed, "2025-08-08", StatusPassed, "passed today", 0},
		{"2025-08-08", "", models.DeadlineDropped, "2025-08-01", StatusDropped, "dropped", 0},
		{"2025-08-08", "", models.DeadlineMet, "2025-08-20", StatusMet, "met", 0},
		{"2025-08-08", "", models.DeadlineSuperseded, "2025-08-20", StatusSuperseded, "superseded", 0},
		{"2025-08", "", "", "2025-07-20", StatusUpcoming, "in 12 days", 12},
	}
	for _, c := range cases {
		th := &Thread{Due: c.due, DueEnd: c.dueEnd, Final: c.final}
		got := th.StatusAt(day(c.now))
		if got.Status != c.status || got.Text != c.text || got.Days != c.days {
			t.Errorf("due %s..%s final %q at %s: %+v, want %s %q %d", c.due, c.dueEnd, c.final, c.now, got, c.status, c.text, c.days)
		}
	}
}
