package models

import (
	"net/url"
	"strings"
)

// WebURL returns raw, trimmed, when it is an absolute http or https address
// with a host, and "" otherwise. Articles keep only such addresses as their
// links: a javascript:, data: or file: URL given with an article would become
// a link a reader clicks on every page and export that shows the article.
func WebURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return raw
	}
	return ""
}
