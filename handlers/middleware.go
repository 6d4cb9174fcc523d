package handlers

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"dateline/models"
)

// Content-Security-Policy of pages and of embeds. No inline script or
// style anywhere: page scripts are static files and chart data travels in
// JSON blocks. Only embeds may be framed by other sites.
const (
	cspBase  = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
	cspPage  = cspBase + "frame-ancestors 'self'"
	cspEmbed = cspBase + "frame-ancestors *"
)

// securityHeaders sets the headers every response carries; embed handlers
// relax framing with allowFraming.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Content-Security-Policy", cspPage)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Next()
}

// allowFraming lets any site frame this response (embeds only).
func allowFraming(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", cspEmbed)
	h.Del("X-Frame-Options")
	h.Del("Cross-Origin-Opener-Policy")
}

// openCORS lets pages on any origin read a public, cookieless response.
func openCORS(c *gin.Context) {
	c.Header("Access-Control-Allow-Origin", "*")
	c.Next()
}

// limitBody caps request bodies at MaxBodyBytes.
func (a *app) limitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, a.opt.MaxBodyBytes)
	}
	c.Next()
}

// recoverer turns a panic into a logged 500 page.
func (a *app) recoverer(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", r)
			if !c.Writer.Written() {
				a.fail(c, models.Errorf(models.EINTERNAL, "panic"))
			}
			c.Abort()
		}
	}()
	c.Next()
}

// csrfCookie names the cookie of the double-submit form token. It is
// SameSite=Strict, so another site's form cannot send it.
const csrfCookie = "dateline_csrf"

// A form token is a random nonce and an HMAC-SHA256 of it under the
// server's secret, both hex: a token this server did not make (one planted
// by a sibling subdomain, say) is refused even when cookie and field match.
const (
	csrfNonceBytes = 16
	csrfTokenLen   = 2*csrfNonceBytes + 2*sha256.Size
)

// csrfSign returns the signature half of a token for nonce.
func (a *app) csrfSign(nonce []byte) []byte {
	m := hmac.New(sha256.New, a.secret)
	m.Write([]byte("dateline form token\x00"))
	m.Write(nonce)
	return m.Sum(nil)
}

// csrfValid reports whether tok was signed with this server's secret.
func (a *app) csrfValid(tok string) bool {
	if len(tok) != csrfTokenLen {
		return false
	}
	raw, err := hex.DecodeString(tok)
	if err != nil {
		return false
	}
	return hmac.Equal(raw[csrfNonceBytes:], a.csrfSign(raw[:csrfNonceBytes]))
}

// csrfToken returns the form token of this browser, setting the cookie on
// first use or when the old one is not ours (a restart with a new random
// secret). Only pages with forms call it: embeds set no cookies.
func (a *app) csrfToken(c *gin.Context) string {
	if v, err := c.Cookie(csrfCookie); err == nil && a.csrfValid(v) {
		return v
	}
	nonce := make([]byte, csrfNonceBytes)
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	tok := hex.EncodeToString(append(nonce, a.csrfSign(nonce)...))
	http.SetCookie(c.Writer, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: clientOf(c).https})
	return tok
}

// checkWrite decides whether a browser form sent by no signed-in account
// may change data (signed-in editors go through sessionFormOK instead).
// Three checks:
//  1. the request comes from our own pages: Origin (when sent; else the
//     Referer, when sent) names this host, and Sec-Fetch-Site (when sent)
//     is same-origin;
//  2. the form's csrf field equals the SameSite=Strict cookie, and the
//     token carries this server's signature;
//  3. with DATELINE_TOKEN set, the form's token field (or a bearer header)
//     matches it; without a token only this machine may write (see
//     client.local: no proxy, a loopback connection and a loopback Host),
//     so a newsroom laptop works out of the box and a server reached over
//     the network, directly or through a proxy, is read-only until a token
//     is configured.
func (a *app) checkWrite(c *gin.Context) error {
	if err := sameOrigin(c, false); err != nil {
		return err
	}
	if err := a.doubleSubmitOK(c); err != nil {
		return err
	}
	if a.opt.Token != "" {
		if !a.tokenOK(c, c.PostForm("token")) {
			return models.Errorf(models.EFORBIDDEN, "The access token is missing or wrong.")
		}
		return nil
	}
	if !clientOf(c).local(c.Request.Host) {
		return models.Errorf(models.EFORBIDDEN, "Changes are allowed from this computer only; set DATELINE_TOKEN to allow them from elsewhere.")
	}
	return nil
}

// doubleSubmitOK checks the form's csrf field against the browser's
// SameSite=Strict cookie and this server's signature, and refuses what
// Sec-Fetch-Site says another site sent.
func (a *app) doubleSubmitOK(c *gin.Context) error {
	if s := c.GetHeader("Sec-Fetch-Site"); s != "" && s != "same-origin" && s != "none" {
		return refusedOrigin("another site (Sec-Fetch-Site: " + s + ")")
	}
	cookie, err := c.Cookie(csrfCookie)
	form := c.PostForm("csrf")
	if err != nil || subtle.ConstantTimeCompare([]byte(cookie), []byte(form)) != 1 || !a.csrfValid(cookie) {
		return models.Errorf(models.EFORBIDDEN, "The form expired. Reload the page and try again.")
	}
	return nil
}

// tokenOK compares the configured token with the given one or the bearer
// header, in constant time.
func (a *app) tokenOK(c *gin.Context, given string) bool {
	if a.opt.Token == "" {
		return false
	}
	if given == "" {
		given = bearer(c.GetHeader("Authorization"))
	}
	return subtle.ConstantTimeCompare([]byte(a.opt.Token), []byte(given)) == 1
}

// bearer is the credential of an Authorization header of the Bearer
// scheme, "" for any other. Scheme names are case-insensitive (RFC 9110).
func bearer(h string) string {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(cred)
}
