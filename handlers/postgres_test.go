package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"dateline/models/store"
	"dateline/models/store/storetest"
)

// fixtureDialect is the dialect fixture stores into; TestPagesOnEveryDialect
// switches it while it re-runs page tests on PostgreSQL. No test here is
// parallel, so nothing else reads it meanwhile.
var fixtureDialect = "sqlite"

// fixtureDSN is the database the last fixture opened.
var fixtureDSN string

// openFixtureStore opens the fixture's database: sqlitePath, or a new
// PostgreSQL schema while fixtureDialect is postgres.
func openFixtureStore(t *testing.T, sqlitePath string) (*store.Store, error) {
	t.Helper()
	fixtureDSN = sqlitePath
	if fixtureDialect == "postgres" {
		fixtureDSN = storetest.PostgresDSN(t)
	}
	return store.OpenWith(fixtureDSN, store.Options{Migrate: store.MigrateAll})
}

// TestPagesOnEveryDialect runs the page, API, export and form tests again
// with the fixture on PostgreSQL (when DATELINE_TEST_POSTGRES is set).
func TestPagesOnEveryDialect(t *testing.T) {
	tests := map[string]func(*testing.T){
		"EveryPageSafe": TestEveryPageSafe, "StoryPage": TestStoryPage, "ArticleHighlights": TestArticleHighlights,
		"CSVExports": TestCSVExports, "JSONAPI": TestJSONAPI, "TimelineJS": TestTimelineJS,
		"StoryForms": TestStoryForms, "PostArticle": TestPostArticle, "PersonEventSearchPages": TestPersonEventSearchPages,
		"LongStoryIsCut": TestLongStoryIsCut, "ErrorsHideInternals": TestErrorsHideInternals,
		"DeadlineThreadsGolden": TestDeadlineThreadsGolden, "ActorLinksGoToTheirPages": TestActorLinksGoToTheirPages,
	}
	for _, d := range storetest.Dialects() {
		if d == "sqlite" {
			continue
		}
		t.Run(d, func(t *testing.T) {
			fixtureDialect = d
			defer func() { fixtureDialect = "sqlite" }()
			for name, fn := range tests {
				t.Run(name, fn)
			}
		})
	}
}

// TestTwoServersOneDatabase runs two apps, each with its own store (its
// own pool, as two dateline serve processes have) on one database: a story
// edited through one shows on the other at once.
func TestTwoServersOneDatabase(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			fixtureDialect = d
			defer func() { fixtureDialect = "sqlite" }()
			st1 := fixture(t)
			st2, err := store.Open(fixtureDSN)
			if err != nil {
				t.Fatal(err)
			}
			defer st2.Close()
			one, two := newApp(t, st1, ""), newApp(t, st2, "")
			if w := get(t, two, "/stories/deadline"); w.Code != 200 || strings.Contains(w.Body.String(), "Edited through one") {
				t.Fatalf("before: %d", w.Code)
			}
			var tok string
			for _, c := range get(t, one, "/stories/new").Result().Cookies() {
				if c.Name == "dateline_csrf" {
					tok = c.Value
				}
			}
			w := form(one, "/stories/deadline/edit", "127.0.0.1:5000", tok, url.Values{"title": {"Edited through one"}}, nil)
			if w.Code != 303 {
				t.Fatalf("edit through one: %d %s", w.Code, w.Body.String())
			}
			w = form(one, "/stories/deadline/events/1", "127.0.0.1:5000", tok, url.Values{"state": {"hidden"}}, nil)
			if w.Code != 303 {
				t.Fatalf("hide through one: %d", w.Code)
			}
			d := doc(t, get(t, two, "/stories/deadline"))
			if !strings.Contains(d.Find("h1").Text(), "Edited through one") || d.Find("#event-1").Length() != 0 {
				t.Errorf("two shows %q with event 1 %d times; want the edit", d.Find("h1").Text(), d.Find("#event-1").Length())
			}
		})
	}
}
