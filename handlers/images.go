package handlers

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
	"dateline/views/chartimg"
)

// Bounds of the server-drawn images: how many PNGs are rasterised at once
// (each takes a core for some milliseconds and up to 3 MB), how long a
// request waits for a turn, and how many finished PNGs are kept.
const (
	imageRenders   = 2
	imageWait      = 5 * time.Second
	imageCacheSize = 64
)

// imageCache keeps rendered PNGs by the hash of the scene they draw: the
// SVG of a picture is cheap to write, and the same SVG always rasterises
// to the same PNG, so a story whose events did not change since the last
// request costs no rasterising. It is safe for concurrent use.
type imageCache struct {
	slots chan struct{}
	mu    sync.Mutex
	order *list.List // of string keys, most recent at the front
	items map[string]*list.Element
	data  map[string][]byte
}

func newImageCache() *imageCache {
	return &imageCache{slots: make(chan struct{}, imageRenders), order: list.New(),
		items: map[string]*list.Element{}, data: map[string][]byte{}}
}

func (ic *imageCache) get(key string) ([]byte, bool) {
	ic.mu.Lock()
	defer ic.mu.Unlock()
	el, ok := ic.items[key]
	if !ok {
		return nil, false
	}
	ic.order.MoveToFront(el)
	return ic.data[key], true
}

func (ic *imageCache) put(key string, b []byte) {
	ic.mu.Lock()
	defer ic.mu.Unlock()
	if _, ok := ic.items[key]; ok {
		return
	}
	ic.items[key], ic.data[key] = ic.order.PushFront(key), b
	for ic.order.Len() > imageCacheSize {
		old := ic.order.Remove(ic.order.Back()).(string)
		delete(ic.items, old)
		delete(ic.data, old)
	}
}

// png returns the scene as PNG, from the cache or rasterised under the
// concurrency bound; busy for longer than imageWait is EUNAVAILABLE.
func (ic *imageCache) png(ctx context.Context, key string, s *chartimg.Scene) ([]byte, error) {
	if b, ok := ic.get(key); ok {
		return b, nil
	}
	wait := time.NewTimer(imageWait)
	defer wait.Stop()
	select {
	case ic.slots <- struct{}{}:
	case <-wait.C:
		return nil, models.Errorf(models.ETIMEOUT, "Too many images are being drawn; try again in a moment.")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-ic.slots }()
	var buf bytes.Buffer
	if err := s.WritePNG(&buf); err != nil {
		return nil, models.Wrap(models.EINTERNAL, err, "drawing a PNG")
	}
	ic.put(key, buf.Bytes())
	return buf.Bytes(), nil
}

// chartImages are the pictures under /embed/stories/{slug}/.
var chartImages = map[string]bool{"timeline.svg": true, "timeline.png": true, "deadline.svg": true,
	"deadline.png": true, "share.png": true}

// chartImage serves /embed/stories/{slug}/{timeline,deadline}.{svg,png}
// and share.png (the 1200x630 picture of og:image), drawn on the server
// from the story as its embed shows it: ?theme=dark or light (the
// default), ?background=transparent.
func (a *app) chartImage(c *gin.Context, name string) {
	st, f, ok := a.storyAndFilter(c)
	if !ok {
		return
	}
	v, all, entries, err := a.storyTimeline(c, st, f)
	if err == nil {
		err = a.storyArticles(c, &v, all, entries)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	scene, err := sceneOf(name, c, v, entries)
	if err != nil {
		a.fail(c, models.Wrap(models.EINTERNAL, err, "laying out %s", name))
		return
	}
	var svg bytes.Buffer
	if err := scene.WriteSVG(&svg); err != nil {
		a.fail(c, models.Wrap(models.EINTERNAL, err, "writing %s", name))
		return
	}
	sum := sha256.Sum256(svg.Bytes())
	etag := `"` + hex.EncodeToString(sum[:12]) + strings.TrimPrefix(name[strings.IndexByte(name, '.'):], ".") + `"`
	c.Header("Cache-Control", "public, max-age=300")
	c.Header("Access-Control-Allow-Origin", "*")
	c.Header("ETag", etag)
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	if strings.HasSuffix(name, ".svg") {
		c.Data(http.StatusOK, "image/svg+xml; charset=utf-8", svg.Bytes())
		return
	}
	b, err := a.images.png(c.Request.Context(), etag+strconv.Itoa(scene.W), scene)
	if err != nil {
		if models.ErrorCode(err) == models.ETIMEOUT {
			c.Header("Retry-After", "2")
		}
		a.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "image/png", b)
}

// sceneOf lays out the picture name of a story view.
func sceneOf(name string, c *gin.Context, v views.StoryView, entries []models.TimelineEntry) (*chartimg.Scene, error) {
	th := views.ThemeNamed(c.Query("theme"))
	transparent := c.Query("background") == "transparent"
	footer := imageFooter(v)
	switch name {
	case "deadline.svg", "deadline.png":
		card := chartimg.Card{Story: v.Story.Title, Footer: footer, Theme: th, Transparent: transparent}
		if lead := v.Lead(); len(lead) > 0 {
			card.Thread = &lead[0]
		}
		return chartimg.CardScene(card)
	case "share.png":
		return chartimg.TimelineScene(chartimg.Timeline{Title: v.Story.Title, Entries: entries, Footer: footer,
			Theme: th, Transparent: transparent, W: chartimg.ShareW, H: chartimg.ShareH})
	}
	return chartimg.TimelineScene(chartimg.Timeline{Title: v.Story.Title, Entries: entries, Footer: footer,
		Theme: th, Transparent: transparent})
}

// imageFooter is the credit line of a picture, as the embeds end: its
// outlets, when it was updated, and where it comes from.
func imageFooter(v views.StoryView) string {
	var parts []string
	if n := len(v.Sources); n > 0 {
		s := "From " + strconv.Itoa(n) + " outlet"
		if n > 1 {
			s += "s"
		}
		s += ": " + strings.Join(v.OutletsShown(5), ", ")
		if n > 5 {
			s += " and more"
		}
		parts = append(parts, s)
	}
	if u := v.Updated(); u != nil {
		parts = append(parts, "updated "+u.UTC().Format("2 Jan 2006"))
	}
	parts = append(parts, "dateline")
	return strings.Join(parts, " · ")
}
