package store

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"dateline/models"
	"dateline/models/auth"
)

// testUser adds an account with a cheap hash of pw.
func testUser(t *testing.T, st *Store, name, role, pw string) models.User {
	t.Helper()
	h, err := auth.HashPassword(pw, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	u := models.User{Username: name, Role: role, PasswordHash: h}
	if err := st.CreateUser(context.Background(), &u, time.Date(2025, 8, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestUsers(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		if has, err := st.HasUsers(ctx); err != nil || has {
			t.Fatalf("new database has users: %v %v", has, err)
		}
		ann := testUser(t, st, "ann", models.RoleAdmin, "correct horse")
		testUser(t, st, "bob", models.RoleEditor, "battery staple")
		bad := []struct {
			name string
			u    models.User
			code string
		}{
			{"taken", models.User{Username: "ann", Role: models.RoleEditor, PasswordHash: "x"}, models.ECONFLICT},
			{"bad role", models.User{Username: "cy", Role: "root", PasswordHash: "x"}, models.EINVALID},
			{"bad name", models.User{Username: "c y", Role: models.RoleEditor, PasswordHash: "x"}, models.EINVALID},
			{"no hash", models.User{Username: "cy", Role: models.RoleEditor}, models.EINVALID},
		}
		for _, tt := range bad {
			if err := st.CreateUser(ctx, &tt.u, time.Now()); models.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		us, err := st.Users(ctx)
		if err != nil || len(us) != 2 || us[0].Username != "ann" || us[1].Role != models.RoleEditor {
			t.Fatalf("users: %+v %v", us, err)
		}
		got, err := st.UserByName(ctx, "ann")
		if err != nil || got.ID != ann.ID || !auth.PasswordMatches(got.PasswordHash, "correct horse") ||
			auth.PasswordMatches(got.PasswordHash, "correct horsE") {
			t.Errorf("user by name: %+v %v", got, err)
		}
		if _, err := st.UserByName(ctx, "nobody"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("unknown user: %v", err)
		}
		if err := st.DeleteUser(ctx, "bob"); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteUser(ctx, "bob"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("removing twice: %v", err)
		}
	})
}

func TestSessions(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		bob := testUser(t, st, "bob", models.RoleEditor, "battery staple")
		t0 := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		if _, err := st.CreateSession(ctx, "h-ann", ann.ID, t0, 12*time.Hour); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSession(ctx, "h-bob", bob.ID, t0, time.Hour); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSession(ctx, "h-zero", bob.ID, t0, 0); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("session without a lifetime: %v", err)
		}
		tests := []struct {
			name, hash string
			at         time.Time
			want       string // user name, "" for none
		}{
			{"fresh", "h-ann", t0.Add(time.Minute), "ann"},
			{"just before expiry", "h-ann", t0.Add(12*time.Hour - time.Second), "ann"},
			{"at expiry", "h-ann", t0.Add(12 * time.Hour), ""},
			{"other user", "h-bob", t0.Add(59 * time.Minute), "bob"},
			{"expired", "h-bob", t0.Add(2 * time.Hour), ""},
			{"unknown", "h-nobody", t0, ""},
		}
		for _, tt := range tests {
			u, _, err := st.SessionUser(ctx, tt.hash, tt.at)
			if tt.want == "" {
				if models.ErrorCode(err) != models.ENOTFOUND {
					t.Errorf("%s: %+v %v, want ENOTFOUND", tt.name, u, err)
				}
				continue
			}
			if err != nil || u.Username != tt.want {
				t.Errorf("%s: %q %v, want %s", tt.name, u.Username, err, tt.want)
			}
		}
		// A new sign-in clears the expired sessions; signing out ends one.
		if _, err := st.CreateSession(ctx, "h-ann2", ann.ID, t0.Add(3*time.Hour), time.Hour); err != nil {
			t.Fatal(err)
		}
		var n int64
		st.rdb.Model(&models.Session{}).Where("token_hash = ?", "h-bob").Count(&n)
		if n != 0 {
			t.Errorf("expired session kept")
		}
		if err := st.DeleteSession(ctx, "h-ann2"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.SessionUser(ctx, "h-ann2", t0.Add(3*time.Hour)); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("signed out session still valid: %v", err)
		}
		// A new password ends the user's sessions.
		if _, err := st.CreateSession(ctx, "h-bob3", bob.ID, t0, time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := st.SetPassword(ctx, "bob", "$2a$04$new"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.SessionUser(ctx, "h-bob3", t0.Add(time.Minute)); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("session kept after a new password: %v", err)
		}
		if u, _ := st.UserByName(ctx, "bob"); u.PasswordHash != "$2a$04$new" {
			t.Errorf("hash after SetPassword: %q", u.PasswordHash)
		}
		if err := st.SetPassword(ctx, "nobody", "x"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("new password for nobody: %v", err)
		}
		// Removing a user ends their sessions.
		if err := st.DeleteUser(ctx, "ann"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.SessionUser(ctx, "h-ann", t0.Add(time.Minute)); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("removed user's session still valid: %v", err)
		}
	})
}

func TestSetEventStateBy(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, story := readFixture(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		got, err := st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		id := got[0].Event.ID
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		steps := []struct{ state, before, after string }{
			{models.StoryEventPinned, "", "pinned"},
			{models.StoryEventPinned, "", ""}, // already pinned: not logged
			{models.StoryEventHidden, "pinned", "hidden"},
			{"", "hidden", ""},
		}
		for _, s := range steps {
			if err := st.SetEventStateBy(ctx, story.ID, id, s.state, ann, now); err != nil {
				t.Fatalf("%q: %v", s.state, err)
			}
		}
		if err := st.SetEventStateBy(ctx, story.ID, id, "starred", ann, now); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("bad state: %v", err)
		}
		if err := st.SetEventStateBy(ctx, story.ID, 99999, "pinned", ann, now); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("unknown event: %v", err)
		}
		edits, err := st.Edits(ctx, models.EditStoryEvent, id)
		mustRead(t, err)
		want := []string{`{"state":""} -> {"state":"pinned"}`, `{"state":"pinned"} -> {"state":"hidden"}`,
			`{"state":"hidden"} -> {"state":""}`}
		if len(edits) != len(want) {
			t.Fatalf("edits: %+v", edits)
		}
		for i, e := range edits {
			if got := e.BeforeJSON + " -> " + e.AfterJSON; got != want[i] || e.Username != "ann" ||
				e.StoryID == nil || *e.StoryID != story.ID || !e.CreatedAt.Equal(now) {
				t.Errorf("edit %d: %+v, want %s", i, e, want[i])
			}
		}
		// The story's history lists them, newest first.
		hist, err := st.StoryEdits(ctx, story.ID, 2)
		mustRead(t, err)
		if len(hist) != 2 || hist[0].AfterJSON != `{"state":""}` || hist[1].AfterJSON != `{"state":"hidden"}` {
			t.Errorf("story edits: %+v", hist)
		}
		// The log outlives the account.
		mustRead(t, st.DeleteUser(ctx, "ann"))
		edits, err = st.Edits(ctx, models.EditStoryEvent, id)
		if err != nil || len(edits) != 3 || edits[0].UserID != nil || edits[0].Username != "ann" {
			t.Errorf("edits after removing the user: %+v %v", edits, err)
		}
	})
}

func TestPinnedTimeline(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, story := readFixture(t)
		got, err := st.PinnedTimeline(ctx, story)
		if err != nil || len(got) != 0 {
			t.Fatalf("nothing pinned: %+v %v", got, err)
		}
		all, err := st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		// Pin both, then hide one: only the pinned one is listed, marked,
		// with its sources.
		for _, en := range all {
			mustRead(t, st.SetEventState(ctx, story.ID, en.Event.ID, models.StoryEventPinned))
		}
		mustRead(t, st.SetEventState(ctx, story.ID, all[0].Event.ID, models.StoryEventHidden))
		got, err = st.PinnedTimeline(ctx, story)
		mustRead(t, err)
		if len(got) != 1 || got[0].Event.ID != all[1].Event.ID || !got[0].Pinned || len(got[0].Event.Sources) == 0 {
			t.Errorf("pinned: %+v", got)
		}
	})
}

func TestDetachArticleBy(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, story := readFixture(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		got, err := st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		if len(got) == 0 || len(got[0].Event.Sources) == 0 {
			t.Fatalf("fixture timeline: %+v", got)
		}
		art := got[0].Event.Sources[0].ArticleID
		mustRead(t, st.DetachArticleBy(ctx, story.ID, art, ann, now))
		got, err = st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		if len(got) != 0 {
			t.Errorf("events left after detaching the only article: %q", summaries(got))
		}
		if err := st.DetachArticleBy(ctx, story.ID, art, ann, now); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("detaching twice: %v", err)
		}
		mustRead(t, st.RecordEdit(ctx, ann, now, models.EditStoryArticle, art, &story.ID,
			map[string]string{"attached": "no"}, map[string]string{"attached": "yes"}))
		edits, err := st.Edits(ctx, models.EditStoryArticle, art)
		mustRead(t, err)
		if len(edits) != 2 || edits[0].AfterJSON != `{"attached":"no"}` || edits[1].AfterJSON != `{"attached":"yes"}` {
			t.Errorf("edits: %+v", edits)
		}
	})
}
