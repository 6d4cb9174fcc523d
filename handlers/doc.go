// Package handlers is the web front of dateline: the Gin engine, its route
// table, one file per resource and one error renderer. It reaches the
// database only through the small interfaces declared in handlers.go,
// never GORM.
//
// # Routes (a contract with readers, researchers and embedders)
//
// Pages (HTML, framable only by this site):
//
//	GET  /                              the stories: span, last report, next deadline, key event
//	GET  /stories/{slug}                the reader's view: span, key events, ahead lane, all events
//	                                    searched and faceted (?q= &kind= &actor= &outlet= &month=
//	                                    &from= &to= &page=), deadline panel, charts, embed box
//	GET  /stories/new, POST /stories    create a story
//	GET|POST /stories/{slug}/edit       edit title, description, rules; hidden events
//	POST /stories/{slug}/events/{id}    state=pinned|hidden|"" (pin, hide, restore)
//	GET  /stories/{slug}/feed.atom      Atom: the newest events and deadline changes
//	GET  /people, /people/{slug}        people; one person's quotes over time, role, aliases
//	GET  /articles/{id}                 the text with event sentences and quotes highlighted
//	GET  /events/{id}                   an event's permalink: each distinct sentence once with its
//	                                    outlets; its sources 100 at a time (?page=)
//	GET  /search?q=                     full text over quotes and event sentences (FTS5)
//	GET|POST /login, POST /logout       editors sign in (?next= a page of this site) and out
//	GET|POST /events/{id}/edit          an editor corrects summary, date, kind, actors (version-checked)
//	GET|POST /quotes/{id}/edit          an editor corrects a quote's speaker and kind (version-checked)
//	GET  /stories/{slug}/articles/new, POST /stories/{slug}/articles   an editor adds an article
//	POST /stories/{slug}/articles/{id}/detach                          an editor detaches one
//	GET  /healthz                       200 {"status":"ok"} when the database answers
//
// Embeds (framable by any site, no cookies, ?theme=dark|light, the page
// reports its height with postMessage {type:"dateline:height", height}):
//
//	GET  /embed/stories/{slug}          deadline, timeline chart and entries
//	GET  /embed/stories/{slug}/timeline the timeline chart alone
//	GET  /embed/stories/{slug}/speakers the quotes-by-speaker chart alone
//	GET  /embed/stories/{slug}/deadline the deadline card
//
// Pictures drawn by the server (?theme=dark|light, ?background=transparent;
// an ETag, PNGs cached by content):
//
//	GET  /embed/stories/{slug}/timeline.svg|.png  960x480
//	GET  /embed/stories/{slug}/deadline.svg|.png  800x420
//	GET  /embed/stories/{slug}/share.png          1200x630, the og:image
//	GET  /oembed?url=&maxwidth=&maxheight=&format=json  rich oEmbed of a story or embed
//
// Data (filters story, speaker, person, kind, source, from, to; columns in
// views/csv.go; formula-like cells prefixed with '; ?bom=1 adds a UTF-8
// byte-order mark for Excel):
//
//	GET  /export/events.csv             one row per (event, reporting article)
//	GET  /export/quotes.csv             one row per (quote, article it appears in)
//	GET  /export/articles.csv           one row per article
//	GET  /api/...                       (read API: Access-Control-Allow-Origin *)
//	GET  /api/stories, /api/stories/{slug}
//	GET  /api/stories/{slug}/events     a page of the timeline: ?limit= (200), ?before= (event id; "next" links the older page)
//	GET  /api/stories/{slug}/timelinejs Knight Lab TimelineJS JSON
//	GET  /api/stories/{slug}/version    {"version": stamp, "events": n}, polled by static/live.js
//	GET  /api/quotes?limit=, /api/people
//	POST /api/articles                  {"text"|"html"|"url", "source", "published_at", "story"}
//	                                    or a raw text/plain or text/html body (?story=)
//
// # Writes
//
// POST /api/articles is off (403) unless DATELINE_TOKEN is set; then it
// needs "Authorization: Bearer $DATELINE_TOKEN" and is rate limited per
// client (the one a trusted proxy names; an IPv6 client by its /64).
// Browser forms (stories, pin, hide) carry a double-submit token (a
// SameSite=Strict cookie and a hidden field, HMAC-signed by the server)
// and are refused when Origin or Sec-Fetch-Site says another site sent
// them. Without DATELINE_TOKEN the forms work only from this machine: a
// direct loopback connection to a loopback Host name with no proxy in
// between (a laptop running `dateline serve`); with it they ask for the
// token, so a server on a public address is read-only to anyone without
// it. Hosts not in Options.AllowedHosts get 403.
//
// A signed-in editor (see accounts.go) sees the editing controls and CAMEO
// codes; readers do not. The forms of a signed-in browser carry the
// session's form token (auth.FormToken) instead of the double-submit one,
// and must name this host in Origin, or in Referer when there is no Origin.
// Editors pin and hide; story forms are for admins.
//
// # Headers
//
// Every response: X-Content-Type-Options nosniff, a Referrer-Policy, and a
// Content-Security-Policy without 'unsafe-inline' (scripts are static
// files; chart data travels in <script type="application/json"> blocks),
// with frame-ancestors 'self' except on embeds (frame-ancestors *).
package handlers
