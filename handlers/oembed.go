package handlers

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
	"dateline/views/chartimg"
)

// oembedJSON is an oEmbed 1.0 answer of type "rich".
type oembedJSON struct {
	Type            string `json:"type"`
	Version         string `json:"version"`
	Title           string `json:"title"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	CacheAge        int    `json:"cache_age"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url,omitempty"`
	ThumbnailWidth  int    `json:"thumbnail_width,omitempty"`
	ThumbnailHeight int    `json:"thumbnail_height,omitempty"`
}

// oembedSizes are the frame sizes an embed asks for before any maxwidth
// or maxheight: the story (deadline, chart and the latest entries), one
// chart, the deadline card. Measured in Chromium on the test stories, the
// embeds fit these at 640 px (the card at 420 px); where scripts run the
// frame then takes the embed's own height.
var oembedSizes = map[string][2]int{"": {640, 1440}, "timeline": {640, 510}, "speakers": {640, 510}, "deadline": {420, 780}}

// oembed is /oembed?url=...: the oEmbed answer for one of our story pages
// or embeds, with an iframe of the embed sized within maxwidth and
// maxheight. Addresses of other sites, or of no story, are 404; any format
// but json is 501, as the oEmbed spec asks.
func (a *app) oembed(c *gin.Context) {
	if f := c.Query("format"); f != "" && f != "json" {
		oembedFail(c, http.StatusNotImplemented, "only format=json is served")
		return
	}
	slug, chart, look, ok := embedOf(c.Query("url"), c.Request.Host, a.hosts)
	if !ok {
		oembedFail(c, http.StatusNotFound, "not an address of a story on this site")
		return
	}
	st, err := a.st.StoryBySlug(c.Request.Context(), slug)
	if err != nil {
		if models.ErrorCode(err) == models.ENOTFOUND {
			oembedFail(c, http.StatusNotFound, "no such story")
			return
		}
		a.fail(c, err)
		return
	}
	maxW, errW := sizeParam(c, "maxwidth")
	maxH, errH := sizeParam(c, "maxheight")
	if errW != nil || errH != nil {
		oembedFail(c, http.StatusBadRequest, "maxwidth and maxheight are whole numbers of pixels")
		return
	}
	size := oembedSizes[chart]
	w, h := fitSize(size[0], size[1], maxW, maxH)
	v := views.StoryView{Story: st, BaseURL: baseURL(c)}
	src := v.EmbedURL(chart)
	if look != "" {
		src += "?" + look
	}
	out := oembedJSON{Type: "rich", Version: "1.0", Title: st.Title, ProviderName: "dateline",
		ProviderURL: v.BaseURL + "/", CacheAge: 3600, Width: w, Height: h,
		HTML: views.OEmbedHTML(src, st.Title, w, h)}
	if tw, th := fitSize(chartimg.ShareW, chartimg.ShareH, maxW, maxH); tw == chartimg.ShareW && th == chartimg.ShareH {
		out.ThumbnailURL, out.ThumbnailWidth, out.ThumbnailHeight = v.ShareImageURL(), tw, th
	}
	c.Header("Access-Control-Allow-Origin", "*")
	c.JSON(http.StatusOK, out)
}

func oembedFail(c *gin.Context, status int, msg string) {
	c.Header("Access-Control-Allow-Origin", "*")
	c.JSON(status, gin.H{"error": msg})
}

// embedOf reads an address given to /oembed: one on reqHost, the host the
// request came to (or a name in hosts, those the server answers to), naming /stories/{slug} or
// /embed/stories/{slug}[/timeline|speakers|deadline]. look is the embed's
// theme and background as the address asks them (a query string, "" for
// the defaults).
func embedOf(raw, reqHost string, hosts map[string]bool) (slug, chart, look string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > 2048 {
		return "", "", "", false
	}
	host := hostName(u.Host)
	if host != hostName(reqHost) && !hosts[host] {
		return "", "", "", false
	}
	look = embedLook(u.Query())
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) > 0 && parts[0] == "embed" {
		parts = parts[1:]
	}
	if len(parts) < 2 || parts[0] != "stories" || parts[1] == "" {
		return "", "", "", false
	}
	switch {
	case len(parts) == 2:
		return parts[1], "", look, true
	case len(parts) == 3 && oembedSizes[parts[2]] != [2]int{} && parts[2] != "":
		return parts[1], parts[2], look, true
	}
	return "", "", "", false
}

// embedLook keeps the theme and background an embed address asks for.
func embedLook(q url.Values) string {
	out := url.Values{}
	if t := q.Get("theme"); t == "dark" || t == "light" {
		out.Set("theme", t)
	}
	if q.Get("background") == "transparent" {
		out.Set("background", "transparent")
	}
	return out.Encode()
}

// sizeParam reads a positive pixel count; 0 when absent.
func sizeParam(c *gin.Context, name string) (int, error) {
	s := c.Query(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, models.Errorf(models.EINVALID, "%s must be a positive number", name)
	}
	return n, nil
}

// fitSize scales w x h down, keeping its shape, to fit within maxW x maxH
// (0: no limit).
func fitSize(w, h, maxW, maxH int) (int, int) {
	scale := 1.0
	if maxW > 0 && maxW < w {
		scale = float64(maxW) / float64(w)
	}
	if maxH > 0 && float64(h)*scale > float64(maxH) {
		scale = float64(maxH) / float64(h)
	}
	return max(1, int(math.Floor(float64(w)*scale))), max(1, int(math.Floor(float64(h)*scale)))
}
