package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
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
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline serve [--addr 127.0.0.1:8080] [--db PATH]")
		fmt.Fprintln(e.stderr, "Set DATELINE_TOKEN to enable POST /api/articles and story edits from other machines.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if e.cfg.MaxExtractions <= 0 {
		fmt.Fprintln(e.stderr, "dateline serve: --max-extractions: want a positive number, got", e.cfg.MaxExtractions)
		return 2
	}
	st, err := e.cfg.openStore()
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline serve:", models.ErrorMessage(err))
		return 1
	}
	defer st.Close()
	if err := loadSamplesIfEmpty(e.ctx, st, e.stderr); err != nil {
		fmt.Fprintln(e.stderr, "dateline serve: loading the sample story:", models.ErrorMessage(err))
	}
	h, err := handlers.New(st, serveOptions(e, st))
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
	if stories, err := st.Stories(e.ctx); err == nil && len(stories) > 0 {
		fmt.Fprintf(e.stdout, "dateline: latest story: http://%s/stories/%s\n", ln.Addr(), stories[0].Slug)
	}
	if err := serveUntilDone(e.ctx, ln, h); err != nil {
		fmt.Fprintln(e.stderr, "dateline serve:", err)
		return 1
	}
	return 0
}

// serveOptions wires the store, the URL fetcher and the token into the app.
func serveOptions(e *env, st *store.Store) handlers.Options {
	f := newFetcher(e.cfg.FetchTimeout, e.cfg.MaxArticleBytes, false)
	return handlers.Options{
		Token:          e.cfg.Token,
		MaxBodyBytes:   e.cfg.MaxArticleBytes + 64<<10,
		ArticleTimeout: e.cfg.ArticleTimeout,
		MaxExtractions: e.cfg.MaxExtractions,
		Log:            slog.New(slog.NewTextHandler(e.stderr, nil)),
		Saver:          storeSaver{st},
		Fetch: func(ctx context.Context, url string) ([]byte, bool, string, error) {
			p, err := f.fetch(ctx, url)
			return p.Body, p.HTML, p.URL, err
		},
	}
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
