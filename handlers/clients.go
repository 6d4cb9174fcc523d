package handlers

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"

	"dateline/models"
)

// client is who sent a request, as far as this server can tell: the
// address of the connection, or the one a trusted proxy reports.
type client struct {
	ip netip.Addr // the real client; invalid when the connection's address is unreadable
	// forwarded is true when the request came through a proxy: it carries
	// forwarding headers (from anyone) or its connection is from a
	// trusted proxy. A forwarded request is never treated as local.
	forwarded bool
	https     bool // the client used TLS, to us or to a trusted proxy
	direct    netip.Addr
}

// clientKey is where identify keeps the client in the gin context.
const clientKey = "dateline.client"

// forwardingHeaders are the headers by which proxies describe a client.
var forwardingHeaders = []string{"Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP"}

// parseProxies reads DATELINE_TRUSTED_PROXIES entries: single addresses or
// CIDR prefixes. A bad entry is an EINVALID error naming it.
func parseProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, models.Errorf(models.EINVALID, "trusted proxy %q is not an IP address or CIDR prefix", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// trusted reports whether ip is one of the configured proxies.
func (a *app) trusted(ip netip.Addr) bool {
	for _, p := range a.proxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// identify works out the client of the request before anything else runs.
// Only a trusted proxy's headers are read: X-Forwarded-For or X-Real-IP
// through gin's ClientIP (which walks past trusted hops), else Forwarded.
func (a *app) identify(c *gin.Context) {
	cl := client{https: c.Request.TLS != nil}
	cl.direct = remoteAddr(c.Request.RemoteAddr)
	cl.ip = cl.direct
	for _, h := range forwardingHeaders {
		if c.Request.Header.Get(h) != "" {
			cl.forwarded = true
		}
	}
	if cl.direct.IsValid() && a.trusted(cl.direct) {
		cl.forwarded = true
		cl.ip = a.forwardedClient(c, cl.direct)
		cl.https = cl.https || forwardedProto(c.Request.Header) == "https"
	}
	c.Set(clientKey, cl)
	c.Next()
}

// forwardedClient is the client a trusted proxy names; the proxy itself
// when it names none that parses.
func (a *app) forwardedClient(c *gin.Context, proxy netip.Addr) netip.Addr {
	h := c.Request.Header
	if h.Get("X-Forwarded-For") != "" || h.Get("X-Real-IP") != "" {
		if ip, err := netip.ParseAddr(c.ClientIP()); err == nil {
			return ip.Unmap()
		}
		return proxy
	}
	hops := forwardedFor(h.Values("Forwarded"))
	for i := len(hops) - 1; i >= 0; i-- {
		ip, ok := forwardedNode(hops[i])
		if !ok {
			break
		}
		if i == 0 || !a.trusted(ip) {
			return ip
		}
	}
	return proxy
}

// forwardedFor lists the for= values of Forwarded headers (RFC 7239), in
// the order the hops added them.
func forwardedFor(values []string) []string {
	var out []string
	for _, v := range values {
		for _, elem := range strings.Split(v, ",") {
			for _, pair := range strings.Split(elem, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(pair), "=")
				if ok && strings.EqualFold(k, "for") {
					out = append(out, strings.Trim(val, `"`))
				}
			}
		}
	}
	return out
}

// forwardedNode parses a Forwarded node: 192.0.2.1, 192.0.2.1:80,
// [2001:db8::1] or [2001:db8::1]:80. "unknown" and obfuscated names do not
// parse.
func forwardedNode(s string) (netip.Addr, bool) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return netip.Addr{}, false
		}
		s = s[1:end]
	} else if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	ip, err := netip.ParseAddr(s)
	return ip.Unmap(), err == nil
}

// forwardedProto is the scheme the client used, as the first proxy saw it.
func forwardedProto(h http.Header) string {
	if v := h.Get("X-Forwarded-Proto"); v != "" {
		first, _, _ := strings.Cut(v, ",")
		return strings.ToLower(strings.TrimSpace(first))
	}
	first, _, _ := strings.Cut(h.Get("Forwarded"), ",")
	for _, pair := range strings.Split(first, ";") {
		if k, v, ok := strings.Cut(strings.TrimSpace(pair), "="); ok && strings.EqualFold(k, "proto") {
			return strings.ToLower(strings.Trim(v, `"`))
		}
	}
	return ""
}

// remoteAddr parses a connection's RemoteAddr ("ip:port" or a bare ip).
func remoteAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return ip.Unmap()
}

// clientOf returns the client identify found.
func clientOf(c *gin.Context) client {
	if v, ok := c.Get(clientKey); ok {
		return v.(client)
	}
	return client{direct: remoteAddr(c.Request.RemoteAddr), ip: remoteAddr(c.Request.RemoteAddr)}
}

// local reports whether the request is from this machine itself: a direct
// loopback connection, no proxy involved, addressed to a loopback name.
// The name matters: a page that rebinds its own DNS name to 127.0.0.1
// reaches us over loopback, but with its own name as Host.
func (cl client) local(host string) bool {
	return !cl.forwarded && cl.direct.IsLoopback() && loopbackName(hostName(host))
}

// rateKey is the rate-limit bucket of the client: its address, or for
// IPv6 its /64, which one subscriber usually holds whole.
func (cl client) rateKey() string {
	if !cl.ip.IsValid() {
		return "unknown"
	}
	if cl.ip.Is6() {
		p, _ := cl.ip.Prefix(64)
		return p.String()
	}
	return cl.ip.String()
}

// hostName is the name part of a Host header, lower-cased, without port
// or IPv6 brackets.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
}

// loopbackName reports whether a host name always means this machine.
func loopbackName(name string) bool {
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(name)
	return err == nil && ip.Unmap().IsLoopback()
}

// LoopbackHosts is the default Host allow-list of a server bound to a
// loopback address.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// checkHost refuses requests whose Host is not on the allow-list, so a
// page on another site that rebinds its DNS name to our address cannot
// read or drive this server. An empty list allows any Host.
func (a *app) checkHost(c *gin.Context) {
	if len(a.hosts) == 0 || a.hosts["*"] {
		c.Next()
		return
	}
	if !a.hosts[hostName(c.Request.Host)] {
		a.fail(c, models.Errorf(models.EFORBIDDEN,
			"This server does not answer to the name %q; its operator can add it to DATELINE_ALLOWED_HOSTS.", hostName(c.Request.Host)))
		c.Abort()
		return
	}
	c.Next()
}
