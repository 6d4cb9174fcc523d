package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/models/extract"
)

// postArticle is the body of POST /api/articles (JSON). Exactly one of
// Text, HTML and URL is needed.
type postArticle struct {
	Text        string     `json:"text"`
	HTML        string     `json:"html"`
	URL         string     `json:"url"`
	Source      string     `json:"source"`
	PublishedAt *time.Time `json:"published_at"`
	FetchedAt   *time.Time `json:"fetched_at"`
	Story       string     `json:"story"`
}

// apiPostArticle ingests one posted article: extraction, then the store.
// It is off (403) unless DATELINE_TOKEN is set, and then needs that token
// as a bearer token (compared in constant time).
func (a *app) apiPostArticle(c *gin.Context) {
	if a.opt.Token == "" || a.opt.Saver == nil {
		a.fail(c, models.Errorf(models.EFORBIDDEN, "the write API is off: start the server with DATELINE_TOKEN set to enable it"))
		return
	}
	if !a.tokenOK(c, "") {
		c.Header("WWW-Authenticate", `Bearer realm="dateline"`)
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing or wrong bearer token", "code": models.EFORBIDDEN})
		return
	}
	in, story, err := a.readPost(c)
	if err == nil {
		err = checkStorySlug(story)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	x, err := a.extractWithin(c, in)
	if err != nil {
		a.fail(c, err)
		return
	}
	type saved struct {
		SavedArticle
		Title string `json:"title"`
	}
	out := []saved{}
	for _, art := range x.Articles {
		r, err := a.opt.Saver.SaveArticle(c.Request.Context(), art, story)
		if err != nil {
			a.fail(c, err)
			return
		}
		out = append(out, saved{SavedArticle: r, Title: art.Title})
	}
	c.JSON(http.StatusCreated, gin.H{"articles": out})
}

// readPost reads the request into an extraction input: a JSON object, or a
// raw text/plain or text/html body.
func (a *app) readPost(c *gin.Context) (extract.Input, string, error) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return extract.Input{}, "", models.Errorf(models.ETOOLARGE, "the body is over %d bytes", a.opt.MaxBodyBytes)
		}
		return extract.Input{}, "", models.Wrap(models.EINVALID, err, "cannot read the body")
	}
	now := a.opt.Now().UTC()
	in := extract.Input{Name: "posted article", FetchedAt: &now}
	ct := c.ContentType()
	switch {
	case ct == "text/plain":
		in.Data, in.Format = body, extract.FormatText
		return in, c.Query("story"), nil
	case ct == "text/html":
		in.Data, in.Format = body, extract.FormatHTML
		return in, c.Query("story"), nil
	case ct != "application/json" && ct != "":
		return in, "", models.Errorf(models.EINVALID, "send application/json, text/plain or text/html, not %q", ct)
	}
	var p postArticle
	if err := json.Unmarshal(body, &p); err != nil {
		return in, "", models.Errorf(models.EINVALID, "the body is not the JSON expected: %v", err)
	}
	if err := checkArticleURL(p.URL); err != nil {
		return in, "", err
	}
	in.Source, in.URL, in.PublishedAt = p.Source, p.URL, p.PublishedAt
	if p.FetchedAt != nil {
		in.FetchedAt = p.FetchedAt
	}
	switch {
	case p.Text != "":
		in.Data, in.Format = []byte(p.Text), extract.FormatText
	case p.HTML != "":
		in.Data, in.Format = []byte(p.HTML), extract.FormatHTML
	case p.URL != "":
		if err := a.fetchInto(c.Request.Context(), &in); err != nil {
			return in, "", err
		}
	default:
		return in, "", models.Errorf(models.EINVALID, `send one of "text", "html" or "url"`)
	}
	return in, strings.TrimSpace(p.Story), nil
}

// checkStorySlug refuses a story that is not already a slug as the story
// form requires one: the store would otherwise fold `"><script>` into a
// new story "script" nobody asked for.
func checkStorySlug(story string) error {
	if story != "" && (models.Slug(story) != story || len(story) > 80) {
		return models.Errorf(models.EINVALID,
			"story %q is not a story slug: use lower-case letters, digits and dashes, as in /stories/<slug>", story)
	}
	return nil
}

// checkArticleURL refuses a "url" that is not an absolute http or https
// address: it is fetched, shown as a link and stored as the article's key.
func checkArticleURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return models.Errorf(models.EINVALID, "url %q: send an http:// or https:// address", raw)
	}
	return nil
}

// fetchInto downloads in.URL with the configured fetcher.
func (a *app) fetchInto(ctx context.Context, in *extract.Input) error {
	if a.opt.Fetch == nil {
		return models.Errorf(models.EINVALID, "this server does not fetch URLs; send the page as text or html")
	}
	body, isHTML, final, err := a.opt.Fetch(ctx, in.URL)
	if err != nil {
		return err
	}
	in.Data, in.URL, in.Format = body, final, extract.FormatText
	if isHTML {
		in.Format = extract.FormatHTML
	}
	return nil
}

// extractQueueWait is how long a post waits for a free extraction slot
// before it is refused: long enough to ride out a burst of small articles,
// short enough that a refused client hears so at once.
const extractQueueWait = 500 * time.Millisecond

// extractWithin runs the extraction in one of the MaxExtractions slots,
// within the configured time limit. The extractor stops at the deadline
// itself, so nothing runs on after the request ends. With every slot busy
// for extractQueueWait it fails with ETIMEOUT (503) and sets Retry-After.
func (a *app) extractWithin(c *gin.Context, in extract.Input) (models.Extraction, error) {
	ctx := c.Request.Context()
	wait := time.NewTimer(extractQueueWait)
	defer wait.Stop()
	select {
	case a.slots <- struct{}{}:
		defer func() { <-a.slots }()
	case <-wait.C:
		c.Header("Retry-After", "2")
		return models.Extraction{}, models.Errorf(models.ETIMEOUT, "the server is busy extracting other articles; retry in a few seconds")
	case <-ctx.Done():
		return models.Extraction{}, models.Wrap(models.ETIMEOUT, ctx.Err(), "the request was cancelled")
	}
	ctx, cancel := context.WithTimeout(ctx, a.opt.ArticleTimeout)
	defer cancel()
	x, err := a.opt.Extract(ctx, in)
	if err != nil && errors.Is(err, context.DeadlineExceeded) {
		return models.Extraction{}, models.Wrap(models.ETIMEOUT, err, "extraction took longer than %s", a.opt.ArticleTimeout)
	}
	return x, err
}
