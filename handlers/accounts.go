package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/models/auth"
	"dateline/views"
)

// Accounts is what sign-in and the editor's view need of the store. The
// app uses it when the Store given to New implements it too (the real
// store does); without it /login says there are no accounts.
type Accounts interface {
	UserByName(ctx context.Context, name string) (models.User, error)
	CreateSession(ctx context.Context, tokenHash string, userID uint, now time.Time, ttl time.Duration) (models.Session, error)
	SessionUser(ctx context.Context, tokenHash string, now time.Time) (models.User, models.Session, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	HasUsers(ctx context.Context) (bool, error)
	SetEventStateBy(ctx context.Context, storyID, eventID uint, state string, u models.User, now time.Time) error
}

// sessionCookie names the cookie holding a signed-in browser's session
// token. It is HttpOnly and SameSite=Lax (a link from another site still
// arrives signed in; a form posted from one does not carry it), and
// Secure when the browser reached us over TLS.
const sessionCookie = "dateline_session"

// DefaultSessionTTL is how long a sign-in lasts when Options.SessionTTL is 0.
const DefaultSessionTTL = 12 * time.Hour

// signedInKey is where currentUser keeps its answer in the gin context.
const signedInKey = "dateline.signedIn"

// signedIn is the account of a request and the token of its session.
type signedIn struct {
	user  models.User
	token string
}

// accountRoutes adds the sign-in pages to the route table.
func (a *app) accountRoutes(e *gin.Engine) {
	// Sign-in attempts: 10 at once, then one every 6 s per client; each
	// also costs a bcrypt comparison.
	logins := newLimiter(10, 6*time.Second, limiterBuckets, a.opt.Now).limit
	e.GET("/login", a.loginForm)
	e.POST("/login", logins, a.login)
	e.POST("/logout", a.logout)
	a.correctionRoutes(e)
	a.articleRoutes(e)
	a.feedRoutes(e)
}

// currentUser returns the signed-in account of the request, or nil. The
// session is looked up once per request, and only by the pages and forms
// that ask; embeds, the API and static files never do.
func (a *app) currentUser(c *gin.Context) *signedIn {
	if v, ok := c.Get(signedInKey); ok {
		s, _ := v.(*signedIn)
		return s
	}
	s := a.lookupSession(c)
	c.Set(signedInKey, s)
	return s
}

// lookupSession reads the session cookie and finds its account; nil for
// none, a malformed or expired one, or a store that keeps no accounts.
func (a *app) lookupSession(c *gin.Context) *signedIn {
	tok, err := c.Cookie(sessionCookie)
	if err != nil || a.acc == nil || auth.CheckToken(tok) != nil {
		return nil
	}
	u, _, err := a.acc.SessionUser(c.Request.Context(), auth.TokenHash(tok), a.opt.Now())
	if err != nil {
		if models.ErrorCode(err) != models.ENOTFOUND {
			a.log.Error("looking up a session", "err", err)
		}
		return nil
	}
	return &signedIn{user: u, token: tok}
}

// editorPage fills in the editor's part of a page answered with status
// st: whether the controls show, who is signed in, the session's form
// token, and the page's address (not an error page's: nobody is sent back
// to one, and its address is whatever was asked). Embeds are always the
// reader's view. An editor's page is never stored by a shared cache.
func (a *app) editorPage(c *gin.Context, p *views.Page, st int) {
	if st < 400 {
		p.Here = c.Request.URL.RequestURI()
	}
	if strings.HasPrefix(c.Request.URL.Path, "/embed/") {
		return
	}
	if s := a.currentUser(c); s != nil {
		p.Editor, p.User, p.Role = true, s.user.Username, s.user.Role
		p.CSRF = auth.FormToken(s.token)
		c.Header("Cache-Control", "private, no-store")
	}
}

// loginForm shows the sign-in page; a signed-in browser goes on to next.
func (a *app) loginForm(c *gin.Context) {
	next := localPath(c.Query("next"), "/")
	if a.currentUser(c) != nil {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	off := a.acc == nil
	if !off {
		has, err := a.acc.HasUsers(c.Request.Context())
		if err != nil {
			a.fail(c, err)
			return
		}
		off = !has
	}
	a.renderLogin(c, http.StatusOK, views.LoginView{Next: next, Off: off})
}

func (a *app) renderLogin(c *gin.Context, st int, v views.LoginView) {
	c.Header("Cache-Control", "no-store")
	a.render(c, st, "login", &views.Page{Title: "Sign in", CSRF: a.csrfToken(c), Data: v})
}

// login checks a name and password and starts a session. The form carries
// the browser's double-submit token (there is no session yet) and must come
// from this site. A wrong name and a wrong password get the same answer in
// the same time.
func (a *app) login(c *gin.Context) {
	if err := a.loginAllowed(c); err != nil {
		a.fail(c, err)
		return
	}
	name, pw := strings.TrimSpace(c.PostForm("username")), c.PostForm("password")
	v := views.LoginView{Next: localPath(c.PostForm("next"), "/"), Username: name}
	release, err := a.passwordSlot(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	defer release()
	u, err := a.acc.UserByName(c.Request.Context(), name)
	switch {
	case err != nil && models.ErrorCode(err) != models.ENOTFOUND:
		a.fail(c, err)
		return
	case err != nil || len(pw) > auth.MaxPassword:
		auth.WasteCompare(pw)
		v.Error = "Wrong name or password."
	case !auth.PasswordMatches(u.PasswordHash, pw):
		v.Error = "Wrong name or password."
	}
	if v.Error != "" {
		a.log.Info("sign-in refused", "user", name, "client", clientOf(c).ip.String())
		a.renderLogin(c, http.StatusUnauthorized, v)
		return
	}
	if err := a.startSession(c, u); err != nil {
		a.fail(c, err)
		return
	}
	a.log.Info("signed in", "user", u.Username)
	c.Redirect(http.StatusSeeOther, v.Next)
}

// passwordCheckWait is how long a sign-in waits for a free password check.
const passwordCheckWait = 5 * time.Second

// passwordSlot takes one of the password checks that may run at once (one
// per core: a bcrypt comparison is a quarter of a second of one core), so
// a flood of sign-ins from many clients cannot take every core. It waits
// up to passwordCheckWait, then fails with ETIMEOUT (503).
func (a *app) passwordSlot(c *gin.Context) (release func(), err error) {
	t := time.NewTimer(passwordCheckWait)
	defer t.Stop()
	select {
	case a.checks <- struct{}{}:
		return func() { <-a.checks }, nil
	case <-t.C:
		return nil, models.Errorf(models.ETIMEOUT, "Too many sign-ins at once; try again in a moment.")
	case <-c.Request.Context().Done():
		return nil, c.Request.Context().Err()
	}
}

// loginAllowed checks a sign-in post: accounts exist, it comes from this
// site, and it carries the browser's form token.
func (a *app) loginAllowed(c *gin.Context) error {
	if a.acc == nil {
		return models.Errorf(models.EFORBIDDEN, "This server has no editor accounts.")
	}
	if err := sameOrigin(c, true); err != nil {
		return err
	}
	return a.doubleSubmitOK(c)
}

// startSession makes a new session for u and sets its cookie, ending the
// browser's previous session, if any.
func (a *app) startSession(c *gin.Context, u models.User) error {
	if old := a.currentUser(c); old != nil {
		if err := a.acc.DeleteSession(c.Request.Context(), auth.TokenHash(old.token)); err != nil {
			return err
		}
	}
	tok, err := auth.NewToken()
	if err != nil {
		return err
	}
	ttl := a.opt.SessionTTL
	ses, err := a.acc.CreateSession(c.Request.Context(), auth.TokenHash(tok), u.ID, a.opt.Now(), ttl)
	if err != nil {
		return err
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", Expires: ses.ExpiresAt,
		MaxAge: int(ttl / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: clientOf(c).https})
	return nil
}

// logout ends the session (a form with the session's token, from this
// site) and clears the cookie.
func (a *app) logout(c *gin.Context) {
	s := a.currentUser(c)
	if s != nil {
		if err := a.sessionFormOK(c, s); err != nil {
			a.fail(c, err)
			return
		}
		if err := a.acc.DeleteSession(c.Request.Context(), auth.TokenHash(s.token)); err != nil {
			a.fail(c, err)
			return
		}
		a.log.Info("signed out", "user", s.user.Username)
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: clientOf(c).https})
	c.Redirect(http.StatusSeeOther, "/")
}

// sessionFormOK checks a form posted by a signed-in browser: from this
// site, with the session's form token.
func (a *app) sessionFormOK(c *gin.Context, s *signedIn) error {
	if err := sameOrigin(c, true); err != nil {
		return err
	}
	if !auth.FormTokenValid(s.token, c.PostForm("csrf")) {
		return models.Errorf(models.EFORBIDDEN, "This form is out of date or was not made by this site, so nothing was changed. Reload the page and try again.")
	}
	return nil
}

// authorizeForm decides whether a posted form may change data, and returns
// the signed-in account that sends it (nil for a write by the older rules:
// the access token, or this computer; see checkWrite).
func (a *app) authorizeForm(c *gin.Context) (*models.User, error) {
	if s := a.currentUser(c); s != nil {
		if err := a.sessionFormOK(c, s); err != nil {
			return nil, err
		}
		return &s.user, nil
	}
	return nil, a.checkWrite(c)
}

// storyWriter is authorizeForm for the story forms (create, edit), which
// change what a story is: signed in, they are for admins.
func (a *app) storyWriter(c *gin.Context) (*models.User, error) {
	u, err := a.authorizeForm(c)
	if err == nil && u != nil && u.Role != models.RoleAdmin {
		return nil, models.Errorf(models.EFORBIDDEN, "Creating and editing stories is for admins; %s is an editor.", u.Username)
	}
	return u, err
}

// checkStoryWrite is storyWriter for handlers that need no account.
func (a *app) checkStoryWrite(c *gin.Context) error {
	_, err := a.storyWriter(c)
	return err
}

// sameOrigin checks that a form was sent by one of this site's pages: the
// Origin header, or when a browser sends none the Referer, must name the
// host the request was sent to. strict refuses a request that has
// neither, or an opaque ("null") Origin; the older, token-guarded forms are
// not strict, so scripts that post them keep working.
func sameOrigin(c *gin.Context, strict bool) error {
	from := c.GetHeader("Origin")
	if from == "" || from == "null" {
		if from == "null" && strict {
			return refusedOrigin("a page with no address (a sandboxed frame or a file)")
		}
		from = c.GetHeader("Referer")
	}
	if from == "" {
		if strict {
			return refusedOrigin("a page that did not say where it was (no Origin or Referer header)")
		}
		return nil
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" {
		return refusedOrigin("an unreadable address")
	}
	if !strings.EqualFold(u.Host, c.Request.Host) {
		return refusedOrigin(u.Scheme + "://" + u.Host)
	}
	return nil
}

func refusedOrigin(what string) error {
	return models.Errorf(models.EFORBIDDEN, "This form was sent from %s, not from this site, so nothing was changed. Open the page on this site and try again.", what)
}

// localPath returns p, escaped, when it is a path on this site, fallback
// otherwise: the only places a form may send a browser back to. Refused:
// a scheme or host, "//" (another host to a browser), backslashes, and
// tabs and newlines (browsers drop them, so "/\t/x" would become "//x"),
// before and after escaping ("/%2f" unescapes to "//").
func localPath(p, fallback string) string {
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n\t") {
		return fallback
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return fallback
	}
	out := u.RequestURI()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || strings.ContainsAny(out, "\\\r\n\t") {
		return fallback
	}
	return out
}

// backTo is where a pin or hide of event id in the story slug returns: the
// page it was sent from (with its filters) when that is the story's page or
// its edit page, else the story's page; at the entry's place.
func backTo(c *gin.Context, slug string, id uint) string {
	story := "/stories/" + url.PathEscape(slug)
	back := localPath(c.PostForm("back"), story)
	path, query, _ := strings.Cut(back, "?")
	if path != story && path != story+"/edit" {
		return story + "#event-" + strconv.FormatUint(uint64(id), 10)
	}
	if query != "" {
		path += "?" + query
	}
	return path + "#event-" + strconv.FormatUint(uint64(id), 10)
}
