package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"dateline/models"
	"dateline/models/extract"
	"dateline/models/feed"
	"dateline/models/store"
)

// Feed polling limits.
const (
	// maxFeedItems is how many items of one feed document are read; feeds
	// list the newest first, and the rest are counted, not decoded.
	maxFeedItems = 200
	// defaultFeedInterval spaces a feed's polls when nothing else is set:
	// the next poll that serve makes after a dateline feed poll.
	defaultFeedInterval = 15 * time.Minute
	// maxFeedBackoff caps the wait after failures in a row.
	maxFeedBackoff = 24 * time.Hour
	// feedConcurrency is how many feeds are polled at once; each ingests
	// its items on one worker, so extraction keeps to about that many cores.
	feedConcurrency = 2
	// feedPrivateHint is added to the refusal of a non-public address.
	feedPrivateHint = "add the feed with --allow-private (on the story's edit page: Allow private addresses) to allow private addresses"
)

// feedPoller fetches feeds with conditional requests, parses them and
// ingests their new items' links into each feed's story through the URL
// ingest (same size limits, same private-address refusal unless the feed
// allows it). One feed's failure is recorded as its last_error and never
// stops the others; an item whose fetch failed for a passing reason is not
// recorded as seen, so the next poll tries it again.
type feedPoller struct {
	st       *store.Store
	ex       *extract.Extractor
	cfg      Config
	interval time.Duration // the wait after a good poll; backoff grows from it
	now      func() time.Time
	// newFetcher makes the fetcher of a feed; tests swap in one that
	// treats their loopback "public" server as public.
	newFetcher func(allowPrivate bool) *fetcher
	// polling holds the feeds being polled, so a poll asked for on the
	// edit page and the background poller never poll one feed at once.
	mu      sync.Mutex
	polling map[uint]bool
}

func newFeedPoller(st *store.Store, ex *extract.Extractor, cfg Config, interval time.Duration) *feedPoller {
	if interval <= 0 {
		interval = defaultFeedInterval
	}
	p := &feedPoller{st: st, ex: ex, cfg: cfg, interval: interval, now: func() time.Time { return time.Now().UTC() },
		polling: map[uint]bool{}}
	p.newFetcher = func(allowPrivate bool) *fetcher {
		return newFetcher(cfg.FetchTimeout, cfg.MaxArticleBytes, allowPrivate).withHint(feedPrivateHint)
	}
	return p
}

// feedOutcome is what one poll of one feed did.
type feedOutcome struct {
	Feed    models.Feed // with its new status
	Skipped int         // new items that matched no keyword or had no link
	Failed  int         // new items that could not be ingested
	Dropped int         // items past maxFeedItems
	Busy    bool        // not polled: a poll of the feed was under way
}

// pollAll polls feeds, feedConcurrency at a time, and returns the
// outcomes in the order given. It stops starting polls when ctx ends.
func (p *feedPoller) pollAll(ctx context.Context, feeds []models.Feed) []feedOutcome {
	out := make([]feedOutcome, len(feeds))
	sem := make(chan struct{}, feedConcurrency)
	var wg sync.WaitGroup
	for i, f := range feeds {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return out[:i]
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = p.poll(ctx, f)
		}()
	}
	wg.Wait()
	return out
}

// poll fetches and ingests one feed and records how it went; a feed
// being polled already is left to that poll (Busy).
func (p *feedPoller) poll(ctx context.Context, f models.Feed) feedOutcome {
	if !p.claim(f.ID) {
		return feedOutcome{Feed: f, Busy: true}
	}
	defer p.release(f.ID)
	now := p.now()
	o := feedOutcome{Feed: f}
	o.Feed.LastFetchAt = &now
	fetch := p.newFetcher(f.AllowPrivate)
	doc, err := fetchFeed(ctx, fetch, &o.Feed)
	var items []models.FeedItem
	switch {
	case err != nil:
		p.failed(ctx, &o.Feed, err, now)
	case doc == nil:
		o.Feed.LastStatus, o.Feed.NewItems, o.Feed.LastError, o.Feed.Failures = models.FeedNotModified, 0, "", 0
		o.Feed.NextFetchAt = ptrTime(now.Add(p.interval))
	default:
		items = p.apply(ctx, fetch, doc, &o, f, now)
	}
	if ctx.Err() != nil && o.Feed.LastStatus == models.FeedError {
		// Cut short by shutdown: the feed is due as it was before.
		o.Feed.LastFetchAt = f.LastFetchAt
	}
	if err := p.st.RecordFeedPoll(context.WithoutCancel(ctx), o.Feed, items, now); err != nil {
		o.Feed.LastStatus, o.Feed.LastError = models.FeedError, models.ErrorMessage(err)
	}
	return o
}

// apply ingests a fetched document's new items and sets o's status; it
// returns the items to record as seen. When the poll is cut short, or an
// item is to be tried again, the old validators stay, so the next poll
// gets the whole document again rather than a 304 that would hide the
// items not done.
func (p *feedPoller) apply(ctx context.Context, fetch *fetcher, doc *feed.Feed, o *feedOutcome, was models.Feed, now time.Time) []models.FeedItem {
	items, retry, err := p.ingest(ctx, fetch, doc, o)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil || retry {
		o.Feed.ETag, o.Feed.LastModified = was.ETag, was.LastModified
	}
	if err != nil {
		p.failed(ctx, &o.Feed, err, now)
		return nil
	}
	o.Feed.LastStatus, o.Feed.Failures = models.FeedOK, 0
	o.Feed.NextFetchAt = ptrTime(now.Add(p.interval))
	return items
}

// failed sets f's status after a failed poll: the error, one more failure
// in a row, and the next poll pushed out by backoff. A poll cut short by
// shutdown is no failure of the feed's: it is due again at once. The
// validators stay, so the next good answer is still compared with the
// last one read.
func (p *feedPoller) failed(ctx context.Context, f *models.Feed, err error, now time.Time) {
	f.LastStatus, f.LastError, f.NewItems = models.FeedError, models.ErrorMessage(err), 0
	if ctx.Err() != nil {
		f.LastError = "interrupted; the next poll goes on"
		return
	}
	f.Failures++
	f.NextFetchAt = ptrTime(now.Add(feedBackoff(p.interval, f.Failures)))
}

// feedBackoff is the wait after failures polls in a row failed: the
// interval doubled for each, at most maxFeedBackoff.
func feedBackoff(interval time.Duration, failures int) time.Duration {
	d := interval
	for i := 0; i < failures && d < maxFeedBackoff; i++ {
		d *= 2
	}
	return min(d, maxFeedBackoff)
}

func ptrTime(t time.Time) *time.Time { return &t }

// fetchFeed asks for f's document with f's validators. It returns nil and
// no error for 304 Not Modified, and otherwise the parsed feed, updating
// f's validators from the answer. A document that does not parse is an
// error and leaves the validators as they were.
func fetchFeed(ctx context.Context, fetch *fetcher, f *models.Feed) (*feed.Feed, error) {
	h := http.Header{"Accept": {"application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"}}
	if f.ETag != "" {
		h.Set("If-None-Match", f.ETag)
	}
	if f.LastModified != "" {
		h.Set("If-Modified-Since", f.LastModified)
	}
	resp, err := fetch.get(ctx, f.URL, h)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, nil
	case resp.StatusCode != http.StatusOK:
		return nil, models.Errorf(models.EINVALID, "server answered %s", resp.Status)
	}
	body, err := fetch.readBody(resp, "feed")
	if err != nil {
		return nil, err
	}
	doc, err := feed.Parse(body, maxFeedItems)
	if err != nil {
		return nil, err
	}
	f.ETag, f.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	return &doc, nil
}

// ingest ingests the new items of doc into o's story and returns the items
// to record as seen, and whether some are to be tried again. It sets o's
// counts, NewItems and LastError (the first item failure, if any).
func (p *feedPoller) ingest(ctx context.Context, fetch *fetcher, doc *feed.Feed, o *feedOutcome) ([]models.FeedItem, bool, error) {
	o.Dropped = doc.Dropped
	fresh, err := p.newItems(ctx, o.Feed.ID, doc.Items)
	if err != nil {
		return nil, false, err
	}
	var seen []models.FeedItem
	var jobs []ingestJob
	loads := &loadErrors{m: map[string]error{}}
	for i := range fresh {
		fresh[i].Link = resolveLink(o.Feed.URL, fresh[i].Link)
	}
	for _, it := range fresh {
		rec := models.FeedItem{Key: it.Key(), Link: it.Link}
		switch why := skipReason(it, o.Feed.Keywords); {
		case why != "":
			rec.Outcome = "skipped: " + why
			seen = append(seen, rec)
			o.Skipped++
		default:
			jobs = append(jobs, loads.wrap(urlJob(it.Link, fetch, extract.Input{}, p.now())))
		}
	}
	o.Feed.NewItems, o.Feed.LastError = 0, ""
	if len(jobs) == 0 {
		return seen, false, nil
	}
	rep := ingestAll(ctx, p.st, jobs, store.SaveOptions{StorySlug: o.Feed.StorySlug},
		ingestSettings{extractor: p.ex, workers: 1, timeout: p.cfg.ArticleTimeout})
	o.Feed.NewItems = rep.Stored
	done, retry := p.outcomes(fresh, rep, loads, o)
	return append(seen, done...), retry, nil
}

// newItems returns the items of a feed that it has not recorded, each key
// once, in the feed's order.
func (p *feedPoller) newItems(ctx context.Context, feedID uint, items []feed.Item) ([]feed.Item, error) {
	keys := make([]string, 0, len(items))
	for _, it := range items {
		if k := it.Key(); k != "" {
			keys = append(keys, k)
		}
	}
	seen, err := p.st.SeenFeedItems(ctx, feedID, keys)
	if err != nil {
		return nil, err
	}
	var out []feed.Item
	for _, it := range items {
		if k := it.Key(); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, it)
		}
	}
	return out, nil
}

// resolveLink reads an item's link against the feed's address, so a
// relative one ("/world/1") names its page; a link that does not parse is
// kept as it is and skipped later.
func resolveLink(feedURL, link string) string {
	link = strings.TrimSpace(link)
	base, err := url.Parse(feedURL)
	if err != nil || link == "" {
		return link
	}
	ref, err := url.Parse(link)
	if err != nil {
		return link
	}
	return base.ResolveReference(ref).String()
}

// skipReason says why an item is not ingested: it has no web address, or
// the feed has keywords and none is in the item's title or summary. ""
// means ingest it.
func skipReason(it feed.Item, keywords []string) string {
	if !isURL(it.Link) {
		return "no http(s) link"
	}
	if len(keywords) == 0 {
		return ""
	}
	text := strings.ToLower(it.Title + "\n" + it.Summary)
	for _, k := range keywords {
		if strings.Contains(text, strings.ToLower(k)) {
			return ""
		}
	}
	return "no keyword matched"
}

// outcomes records the ingested items and those refused for good; an item
// whose fetch failed for a passing reason is left out, to be tried again
// (retry).
func (p *feedPoller) outcomes(fresh []feed.Item, rep ingestReport, loads *loadErrors, o *feedOutcome) (out []models.FeedItem, retry bool) {
	failed := map[string]string{}
	for _, f := range rep.Failed {
		failed[f.Name] = f.Reason
	}
	for _, it := range fresh {
		if skipReason(it, o.Feed.Keywords) != "" {
			continue
		}
		why, bad := failed[it.Link]
		if !bad {
			out = append(out, models.FeedItem{Key: it.Key(), Link: it.Link, Outcome: "ingested"})
			continue
		}
		o.Failed++
		if o.Feed.LastError == "" {
			o.Feed.LastError = fmt.Sprintf("item %s: %s", it.Link, why)
		}
		if passing(loads.get(it.Link)) {
			retry = true
			continue
		}
		out = append(out, models.FeedItem{Key: it.Key(), Link: it.Link, Outcome: "refused: " + why})
	}
	return out, retry
}

// loadErrors keeps the error each item's download gave, by link.
type loadErrors struct {
	mu sync.Mutex
	m  map[string]error
}

func (l *loadErrors) wrap(j ingestJob) ingestJob {
	load := j.load
	j.load = func(ctx context.Context) (extract.Input, error) {
		in, err := load(ctx)
		l.mu.Lock()
		l.m[j.name] = err
		l.mu.Unlock()
		return in, err
	}
	return j
}

func (l *loadErrors) get(name string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.m[name]
}

// passing reports whether a download error may go away by itself: a
// time-out, a failed connection, a server error (5xx), or the poll being
// interrupted. Refusals, size limits, wrong content types and missing
// pages are for good.
func passing(err error) bool {
	if err == nil {
		return false
	}
	var ne net.Error
	if models.ErrorCode(err) == models.ETIMEOUT || errors.As(err, &ne) || errors.Is(err, context.Canceled) {
		return true
	}
	msg := err.Error()
	return strings.HasPrefix(msg, "server answered 5") || strings.HasPrefix(msg, "fetch failed")
}

// feedTick is how often the background poller looks for due feeds: a
// quarter of the interval, between 5 seconds and a minute.
func feedTick(interval time.Duration) time.Duration {
	return min(max(interval/4, 5*time.Second), time.Minute)
}

// run polls the due feeds every feedTick until ctx ends, logging each poll
// that failed, and returns once the polls under way have stopped.
func (p *feedPoller) run(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(feedTick(p.interval))
	defer t.Stop()
	for {
		feeds, err := p.st.DueFeeds(ctx, p.now(), p.interval)
		if err != nil && ctx.Err() == nil {
			log.Error("feeds: reading the due feeds", "err", models.ErrorMessage(err))
		}
		for _, o := range p.pollAll(ctx, feeds) {
			if o.Busy {
				continue
			}
			if o.Feed.LastStatus == models.FeedError && ctx.Err() == nil {
				log.Warn("feed poll failed", "feed", o.Feed.ID, "url", o.Feed.URL, "err", o.Feed.LastError)
			} else if o.Feed.NewItems > 0 {
				log.Info("feed poll", "feed", o.Feed.ID, "story", o.Feed.StorySlug, "new", o.Feed.NewItems)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// startFeeds starts the background poller of serve, and returns the
// function that stops it and waits until the polls under way have ended.
func startFeeds(ctx context.Context, p *feedPoller, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.run(ctx, log)
	}()
	return func() { cancel(); <-done }
}

func (p *feedPoller) claim(id uint) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.polling[id] {
		return false
	}
	p.polling[id] = true
	return true
}

func (p *feedPoller) release(id uint) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.polling, id)
}

// pollNow polls one feed at once, for an admin on the story's edit page
// (handlers.PollFeedFunc), and returns it with its new status; a feed
// being polled already is ECONFLICT.
func (p *feedPoller) pollNow(ctx context.Context, f models.Feed) (models.Feed, error) {
	o := p.poll(ctx, f)
	if o.Busy {
		return f, models.Errorf(models.ECONFLICT, "Feed %d is being polled now; reload the page in a moment to see how it went.", f.ID)
	}
	return o.Feed, nil
}
