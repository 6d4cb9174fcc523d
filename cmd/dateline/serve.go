package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/store"
)

// Server limits. Exports stream for as long as they need, so the write
// timeout is generous; request headers and bodies are capped.
const (
	serveReadHeaderTimeout = 10 * time.Second
	serveReadTimeout       = 60 * time.Second
	serveWriteTimeout      = 5 * time.Minute
	serveIdleTimeout       = 2 * time.Minute
	serveMaxHeaderBytes    = 64 << 10
	serveShutdownTimeout   = 15 * time.Second
)

// runServe serves the web pages, embeds, exports and API until the context
// ends (Ctrl-C, SIGTERM), then shuts down gracefully.
func runServe(e *env) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	e.cfg.dbFlag(fs)
	fs.StringVar(&e.cfg.Addr, "addr", e.cfg.Addr, "listen address (env DATELINE_ADDR)")
	fs.IntVar(&e.cfg.MaxExtractions, "max-extractions", e.cfg.MaxExtractions, "posted articles extracted at once; more wait briefly, then get 503 (env DATELINE_MAX_EXTRACTIONS)")
	e.cfg.Web.flags(fs)
	feedInterval := fs.Duration("feed-interval", 0, "poll the stories' feeds this often, e.g. 15m (0: not at all; see dateline feed)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline serve [--addr 127.0.0.1:8080] [--db PATH]")
		fmt.Fprintln(e.stderr, "Set DATELINE_TOKEN to enable POST /api/articles and story edits from other machines.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if e.cfg.Web.SessionTTL < 0 {
		fmt.Fprintln(e.stderr, "dateline serve: --session-ttl: want a positive duration such as 12h, got", e.cfg.Web.SessionTTL)
		return 2
	}
	if e.cfg.MaxExtractions <= 0 {
		fmt.Fprintln(e.stderr, "dateline serve: --max-extractions: want a positive number, got", e.cfg.MaxExtractions)
		return 2
	}
	if *feedInterval < 0 {
		fmt.Fprintln(e.stderr, "dateline serve: --feed-interval: want a duration such as 15m, got", *feedInterval)
		return 2
	}
	st, err := e.cfg.openStore()
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline serve:", models.ErrorMessage(err))
		return 1
	}
	defer st.Close()
	if !e.useExtractor("serve") {
		return 1
	}
	if err := loadSamplesIfEmpty(e.ctx, st, e.ex, e.stderr); err != nil {
		fmt.Fprintln(e.stderr, "dateline serve: loading the sample story:", models.ErrorMessage(err))
	}
	// One poller: the background polls and those admins ask for on a
	// story's edit page never poll one feed at once.
	poller := newFeedPoller(st, e.ex, e.cfg, *feedInterval)
	opt := serveOptions(e, st)
	opt.PollFeed = poller.pollNow
	h, err := handlers.New(st, opt)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline serve:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "dateline: serving http://%s/ (database %s); Ctrl-C stops\n", ln.Addr(), st.Path())
	if e.cfg.Web.allowedHosts(e.cfg.Addr) == nil {
		fmt.Fprintln(e.stderr, "dateline serve: answering any host name; set DATELINE_ALLOWED_HOSTS to this server's names")
	}
	if stories, err := st.Stories(e.ctx); err == nil && len(stories) > 0 {
		fmt.Fprintf(e.stdout, "dateline: latest story: http://%s/stories/%s\n", ln.Addr(), stories[0].Slug)
	}
	if *feedInterval > 0 {
		stop := startFeeds(e.ctx, poller, slog.New(slog.NewTextHandler(e.stderr, nil)))
		defer stop() // before the store closes
	}
	if err := serveUntilDone(e.ctx, ln, h); err != nil {
		fmt.Fprintln(e.stderr, "dateline serve:", err)
		return 1
	}
	return 0
}

// serveOptions wires the store, the URL fetcher, the token and the web
// settings into the app.
func serveOptions(e *env, st *store.Store) handlers.Options {
	f := newFetcher(e.cfg.FetchTimeout, e.cfg.MaxArticleBytes, false)
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	opt := handlers.Options{
		Token:          e.cfg.Token,
		MaxBodyBytes:   e.cfg.MaxArticleBytes + 64<<10,
		ArticleTimeout: e.cfg.ArticleTimeout,
		MaxExtractions: e.cfg.MaxExtractions,
		Log:            log,
		Saver:          storeSaver{st},
		Fetch: func(ctx context.Context, url string) ([]byte, bool, string, error) {
			p, err := f.fetch(ctx, url)
			return p.Body, p.HTML, p.URL, err
		},
		AllowedHosts:   e.cfg.Web.allowedHosts(e.cfg.Addr),
		TrustedProxies: e.cfg.Web.TrustedProxies,
		Secret:         []byte(e.cfg.Web.Secret),
		SessionTTL:     e.cfg.Web.SessionTTL,
	}
	if e.cfg.Web.AccessLog {
		opt.AccessLog = log
	}
	if e.ex != nil {
		opt.Extract = e.ex.ExtractContext // the one serve made at start
	}
	return opt
}

// WebConfig is what serve trusts and logs.
type WebConfig struct {
	// AllowedHosts are the names the server answers to (Host header, port
	// ignored); DATELINE_ALLOWED_HOSTS, --allowed-hosts. Empty: the
	// loopback names when bound to loopback, any name otherwise.
	AllowedHosts []string
	// TrustedProxies are reverse proxies (IPs, CIDRs) whose forwarding
	// headers are believed; DATELINE_TRUSTED_PROXIES, --trusted-proxies.
	TrustedProxies []string
	// Secret signs the form tokens; random per process when empty, so
	// several servers behind one name need the same one. DATELINE_SECRET.
	Secret string
	// AccessLog writes a line per request to stderr; DATELINE_ACCESS_LOG
	// (off/false/0), --access-log.
	AccessLog bool
	// SessionTTL is how long an editor's sign-in lasts; DATELINE_SESSION_TTL,
	// --session-ttl (default handlers.DefaultSessionTTL, 12h).
	SessionTTL time.Duration
}

// minSecretLen keeps a guessable DATELINE_SECRET out.
const minSecretLen = 16

// fromEnv reads the DATELINE_* variables of WebConfig.
func (w *WebConfig) fromEnv(getenv func(string) string) error {
	w.AllowedHosts = splitList(getenv("DATELINE_ALLOWED_HOSTS"))
	w.TrustedProxies = splitList(getenv("DATELINE_TRUSTED_PROXIES"))
	w.Secret = getenv("DATELINE_SECRET")
	if w.Secret != "" && len(w.Secret) < minSecretLen {
		return fmt.Errorf("DATELINE_SECRET: want at least %d characters, got %d", minSecretLen, len(w.Secret))
	}
	if v := getenv("DATELINE_SESSION_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("DATELINE_SESSION_TTL: want a duration such as 12h, got %q", v)
		}
		w.SessionTTL = d
	}
	switch v := strings.ToLower(getenv("DATELINE_ACCESS_LOG")); v {
	case "":
	case "on", "true", "1":
		w.AccessLog = true
	case "off", "false", "0":
		w.AccessLog = false
	default:
		return fmt.Errorf("DATELINE_ACCESS_LOG: want on or off, got %q", v)
	}
	return nil
}

// flags adds serve's flags for WebConfig to fs.
func (w *WebConfig) flags(fs *flag.FlagSet) {
	fs.Func("allowed-hosts", "comma-separated host names served (env DATELINE_ALLOWED_HOSTS; default: loopback names when bound to loopback)",
		func(s string) error { w.AllowedHosts = splitList(s); return nil })
	fs.Func("trusted-proxies", "comma-separated proxy IPs/CIDRs whose X-Forwarded-*/Forwarded headers are believed (env DATELINE_TRUSTED_PROXIES)",
		func(s string) error { w.TrustedProxies = splitList(s); return nil })
	fs.DurationVar(&w.SessionTTL, "session-ttl", w.SessionTTL, "how long an editor's sign-in lasts (env DATELINE_SESSION_TTL; default 12h)")
	fs.BoolVar(&w.AccessLog, "access-log", w.AccessLog, "log one line per request to stderr (env DATELINE_ACCESS_LOG=off turns it off)")
}

// allowedHosts is the Host allow-list for a server listening on addr.
func (w *WebConfig) allowedHosts(addr string) []string {
	if len(w.AllowedHosts) > 0 {
		return w.AllowedHosts
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if ip, err := netip.ParseAddr(host); (err == nil && ip.IsLoopback()) || host == "localhost" {
		return handlers.LoopbackHosts
	}
	return nil
}

// splitList splits a comma- or space-separated list, dropping empty items.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

// serveUntilDone runs an http.Server on ln until ctx ends, then drains
// open requests for up to serveShutdownTimeout.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    serveMaxHeaderBytes,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// storeSaver adapts the store to the app's ArticleSaver.
type storeSaver struct{ st *store.Store }

func (s storeSaver) SaveArticle(ctx context.Context, a models.ExtractedArticle, story string) (handlers.SavedArticle, error) {
	r, err := s.st.SaveArticle(ctx, a, store.SaveOptions{StorySlug: story})
	return handlers.SavedArticle{ID: r.ArticleID, Duplicate: r.Duplicate, Events: r.NewEvents + r.MergedEvents,
		Quotes: r.NewQuotes + r.MergedQuotes}, err
}
