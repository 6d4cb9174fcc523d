package handlers

import (
	"context"
	"crypto/rand"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/models/extract"
	"dateline/models/threads"
	"dateline/views"
)

// Store is what the pages, the API and the exports read and write.
type Store interface {
	Ping(ctx context.Context) error
	Stories(ctx context.Context) ([]models.Story, error)
	StoryBySlug(ctx context.Context, slug string) (models.Story, error)
	CreateStory(ctx context.Context, st *models.Story, now time.Time) error
	UpdateStory(ctx context.Context, st *models.Story, now time.Time) error
	SetEventState(ctx context.Context, storyID, eventID uint, state string) error
	PinnedTimeline(ctx context.Context, st models.Story) ([]models.TimelineEntry, error)
	HiddenEvents(ctx context.Context, storyID uint) ([]models.Event, error)
	readerStore
	Timeline(ctx context.Context, st models.Story, f models.Filter) ([]models.TimelineEntry, error)
	TimelineCount(ctx context.Context, st models.Story, f models.Filter) (int64, error)
	StorySpeakers(ctx context.Context, st models.Story, entries []models.TimelineEntry, all bool) ([]models.SpeakerCount, error)
	ArticlesOfEvents(ctx context.Context, ids []uint, n int) ([]models.Article, int, error)
	OutletsOfEvents(ctx context.Context, ids []uint) ([]string, error)
	LatestEvents(ctx context.Context, n int) ([]models.Event, error)
	Event(ctx context.Context, id uint, from, n int) (models.TimelineEntry, []models.Story, error)
	Article(ctx context.Context, id uint) (models.Article, []models.Event, []models.Quote, error)
	Person(ctx context.Context, slug string) (models.Person, []models.Quote, error)
	People(ctx context.Context) ([]models.PersonSummary, error)
	Quotes(ctx context.Context, f models.Filter) ([]models.Quote, error)
	Find(ctx context.Context, q string, limit int) ([]models.Quote, []models.Event, error)
	EachEventRow(ctx context.Context, f models.Filter, fn func(*models.EventRow) error) error
	EachQuoteRow(ctx context.Context, f models.Filter, fn func(*models.QuoteRow) error) error
	EachArticleRow(ctx context.Context, f models.Filter, fn func(*models.ArticleRow) error) error
	StoryDeadlines(ctx context.Context, st models.Story) ([]*threads.Thread, error)
	StoryVersion(ctx context.Context, st models.Story) (models.StoryVersion, error)
	StoryRecentEvents(ctx context.Context, st models.Story, n int) ([]models.Event, error)
	ArticleTimes(ctx context.Context, ids []uint) (map[uint]time.Time, error)
	StoryFeeds(ctx context.Context, storyID uint) ([]models.Feed, error)
}

// SavedArticle is what storing one extracted article did.
type SavedArticle struct {
	ID        uint `json:"id"`
	Duplicate bool `json:"duplicate"`
	Events    int  `json:"events"`
	Quotes    int  `json:"quotes"`
}

// ArticleSaver stores an extracted article, attached to a story when
// storySlug is set.
type ArticleSaver interface {
	SaveArticle(ctx context.Context, a models.ExtractedArticle, storySlug string) (SavedArticle, error)
}

// FetchFunc downloads a page for POST /api/articles {"url": ...}; the caller
// supplies one that refuses private addresses.
type FetchFunc func(ctx context.Context, url string) (body []byte, isHTML bool, finalURL string, err error)

// Options configure the web app.
type Options struct {
	// Token enables the write API (POST /api/articles) and guards the story
	// forms when set; empty turns the write API off and lets only loopback
	// clients use the forms.
	Token          string
	MaxBodyBytes   int64            // largest request body (forms, API posts)
	ArticleTimeout time.Duration    // longest extraction of one posted article
	Now            func() time.Time // the request clock; time.Now when nil
	Log            *slog.Logger
	Saver          ArticleSaver // nil: POST /api/articles answers 403
	Fetch          FetchFunc    // nil: posting a bare URL answers 400
	// MaxExtractions is how many posted articles are extracted at once;
	// runtime.NumCPU() when 0. A post that finds them all busy waits up to
	// extractQueueWait for one, then answers 503 with Retry-After.
	MaxExtractions int
	// Extract is the extraction pipeline; English (extract.New("en")) when nil.
	// It must return soon after its context ends.
	Extract func(context.Context, extract.Input) (models.Extraction, error)
	// AllowedHosts are the names (Host header, port ignored) the server
	// answers to; others get 403. Empty or "*" allows any.
	AllowedHosts []string
	// TrustedProxies are the addresses and CIDR prefixes of reverse
	// proxies whose forwarding headers name the real client.
	TrustedProxies []string
	// Secret signs the form tokens; a random one per New when empty.
	Secret []byte
	// AccessLog gets one line per request; nil logs none.
	AccessLog *slog.Logger
	// SessionTTL is how long a sign-in lasts; DefaultSessionTTL when 0.
	SessionTTL time.Duration
	// PollFeed polls a feed when an admin asks on the story's edit page;
	// nil: the page has no "Poll now".
	PollFeed PollFeedFunc
}

// app holds what every handler needs.
type app struct {
	st      Store
	opt     Options
	pages   *views.Renderer
	log     *slog.Logger
	slots   chan struct{} // one token per running extraction (MaxExtractions)
	proxies []netip.Prefix
	hosts   map[string]bool
	secret  []byte
	images  *imageCache   // the server-drawn chart images (images.go)
	acc     Accounts      // nil: the store keeps no accounts
	ed      Editing       // nil: no corrections, no articles added in the browser
	checks  chan struct{} // one token per running password check (one per core)
	fe      FeedEditing   // nil: the edit page lists no feeds
	polls   chan struct{} // one token for the feed poll an admin asked for
}

// New returns the Gin engine serving every page, embed, export and API route.
func New(st Store, opt Options) (http.Handler, error) {
	r, err := views.New()
	if err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = 10 << 20
	}
	if opt.ArticleTimeout <= 0 {
		opt.ArticleTimeout = 30 * time.Second
	}
	if opt.Extract == nil {
		x, err := extract.New("en")
		if err != nil {
			return nil, err
		}
		opt.Extract = x.ExtractContext
	}
	if opt.MaxExtractions <= 0 {
		opt.MaxExtractions = runtime.NumCPU()
	}
	if opt.SessionTTL <= 0 {
		opt.SessionTTL = DefaultSessionTTL
	}
	a := &app{st: st, opt: opt, pages: r, log: opt.Log, slots: make(chan struct{}, opt.MaxExtractions),
		images: newImageCache()}
	a.acc, _ = st.(Accounts)
	a.ed, _ = st.(Editing)
	a.checks = make(chan struct{}, runtime.NumCPU())
	a.fe, _ = st.(FeedEditing)
	a.polls = make(chan struct{}, 1)
	if err := a.trust(opt); err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.RedirectTrailingSlash = true
	e.HandleMethodNotAllowed = false
	e.ContextWithFallback = true
	// gin trusts every proxy unless told otherwise; ours are the only ones.
	if err := e.SetTrustedProxies(opt.TrustedProxies); err != nil {
		return nil, models.Wrap(models.EINVALID, err, "trusted proxies")
	}
	e.RemoteIPHeaders = []string{"X-Forwarded-For", "X-Real-IP"}
	e.Use(a.identify, a.accessLog, a.recoverer, securityHeaders, a.checkHost, a.limitBody)
	a.routes(e)
	return e, nil
}

// trust reads the proxy list, the Host allow-list and the form secret.
func (a *app) trust(opt Options) error {
	var err error
	if a.proxies, err = parseProxies(opt.TrustedProxies); err != nil {
		return err
	}
	a.hosts = map[string]bool{}
	for _, h := range opt.AllowedHosts {
		if h = strings.TrimSpace(h); h != "" {
			a.hosts[hostName(h)] = true
		}
	}
	a.secret = opt.Secret
	if len(a.secret) == 0 {
		a.secret = make([]byte, 32)
		if _, err := rand.Read(a.secret); err != nil {
			return models.Wrap(models.EINTERNAL, err, "form secret")
		}
	}
	return nil
}

// routes is the route table. Paths are a contract with users and embedders.
func (a *app) routes(e *gin.Engine) {
	e.GET("/", a.home)
	e.GET("/healthz", a.health)
	e.GET("/stories/new", a.newStoryForm)
	// The story forms: 30 changes at once, then one a second per client.
	forms := newLimiter(30, time.Second, limiterBuckets, a.opt.Now).limit
	e.POST("/stories", forms, a.createStory)
	e.GET("/stories/:slug", a.showStory)
	e.GET("/stories/:slug/edit", a.editStoryForm)
	e.POST("/stories/:slug/edit", forms, a.updateStory)
	e.POST("/stories/:slug/events/:id", forms, a.setEventState)
	e.GET("/stories/:slug/feed.atom", a.storyAtom)
	e.GET("/people", a.listPeople)
	e.GET("/people/:slug", a.showPerson)
	e.GET("/articles/:id", a.showArticle)
	e.GET("/events/:id", a.showEvent)
	e.GET("/search", a.search)
	a.accountRoutes(e)

	e.GET("/embed/stories/:slug", a.embedStory)
	e.GET("/embed/stories/:slug/:chart", a.embedChart)
	e.GET("/oembed", a.oembed)

	e.GET("/export/events.csv", a.exportEventsCSV)
	e.GET("/export/quotes.csv", a.exportQuotesCSV)
	e.GET("/export/articles.csv", a.exportArticlesCSV)
	e.GET("/export/deadlines.csv", a.exportDeadlinesCSV)

	// The read API may be fetched from any site (a TimelineJS page, a
	// newsroom dashboard): it is public and sends no cookies.
	e.GET("/api/stories", openCORS, a.apiStories)
	e.GET("/api/stories/:slug", openCORS, a.apiStory)
	e.GET("/api/stories/:slug/events", openCORS, a.apiStoryEvents)
	e.GET("/api/stories/:slug/timelinejs", openCORS, a.apiTimelineJS)
	e.GET("/api/stories/:slug/deadlines", openCORS, a.apiStoryDeadlines)
	e.GET("/api/stories/:slug/version", openCORS, a.apiStoryVersion)
	e.GET("/api/quotes", openCORS, a.apiQuotes)
	e.GET("/api/people", openCORS, a.apiPeople)
	// The write API: 20 posts at once, then one every 2 s per client.
	e.POST("/api/articles", newLimiter(20, 2*time.Second, limiterBuckets, a.opt.Now).limit, a.apiPostArticle)

	e.GET("/static/*path", a.static)
	e.HEAD("/static/*path", a.static)
	e.GET("/favicon.ico", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })
	e.NoRoute(func(c *gin.Context) {
		a.fail(c, models.Errorf(models.ENOTFOUND, "There is no page at this address."))
	})
}

// static serves the embedded style sheet, scripts and ECharts. A missing
// ECharts (a build without `make assets`) is a plain 404 whose text says
// how to get it; the pages show the same advice.
func (a *app) static(c *gin.Context) {
	p := c.Param("path")
	if len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	if _, err := fs.Stat(views.Static(), p); err != nil {
		msg := "not found"
		if p == "vendor/echarts.min.js" {
			msg = "charts unavailable: run make assets (npm ci, then go generate ./views) and rebuild"
		}
		c.Header("Content-Type", "text/plain; charset=utf-8")
		c.String(http.StatusNotFound, msg)
		return
	}
	if c.Query("v") != "" {
		// Versioned addresses (views adds ?v=hash) change when the file does.
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "public, max-age=3600")
	}
	c.FileFromFS(p, http.FS(views.Static()))
}

// health answers 200 when the database answers.
func (a *app) health(c *gin.Context) {
	if err := a.st.Ping(c.Request.Context()); err != nil {
		a.log.Error("health check", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
