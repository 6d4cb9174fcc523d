package main

import (
	"context"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"dateline/models"
)

// maxRedirects is how many redirects a URL ingest follows.
const maxRedirects = 5

// fetcher downloads pages for ingest with limits on time, size, redirects
// and content type. Unless allowPrivate is set it refuses to connect to
// loopback, private, link-local, multicast and other non-public addresses,
// IPv6 addresses that carry one of those inside them (NAT64, 6to4,
// IPv4-compatible) included; link-local and cloud metadata addresses are
// refused even with allowPrivate, since no article lives there and a
// redirect to them is the classic way to read a cloud machine's
// credentials. The check runs in the dialer's Control hook, on the address
// actually dialled after DNS resolution, so it holds for every redirect
// and cannot be dodged by a name that resolves to 127.0.0.1.
type fetcher struct {
	client   *http.Client
	maxBytes int64
	// refuse vets each address dialled (refusePrivate, or refuseMetadata
	// with allowPrivate); tests swap in their own policy to see it run on
	// redirects.
	refuse func(network, address string, c syscall.RawConn) error
	// hint is added to a refusal of a non-public address: the CLI names
	// its --allow-private flag; the server, which has no such setting,
	// adds nothing.
	hint string
}

// fetchedPage is a downloaded page.
type fetchedPage struct {
	Body   []byte
	HTML   bool   // text/html rather than text/plain
	URL    string // after redirects
	Header http.Header
}

func newFetcher(timeout time.Duration, maxBytes int64, allowPrivate bool) *fetcher {
	f := &fetcher{maxBytes: maxBytes, refuse: refusePrivate}
	if allowPrivate {
		f.refuse = refuseMetadata
	}
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second,
		Control: func(network, address string, c syscall.RawConn) error {
			if f.refuse == nil {
				return nil
			}
			return f.refuse(network, address, c)
		}}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real address from the check
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return models.Errorf(models.EFORBIDDEN, "more than %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return models.Errorf(models.EFORBIDDEN, "redirect to a %s: URL", req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// refusePrivate is a net.Dialer Control hook: it fails the connection when
// the resolved address is not a public unicast address.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	ip, err := dialledAddr(address)
	if err != nil {
		return err
	}
	if !publicAddr(ip) {
		return &models.Error{Code: models.EFORBIDDEN, Message: "refusing to connect to non-public address " + ip.String(), Err: errNonPublic}
	}
	return nil
}

// errNonPublic marks refusePrivate's refusals, which fetch completes with
// the fetcher's hint.
var errNonPublic = errors.New("private, loopback and reserved addresses are refused")

// withHint sets the text added to refusals of non-public addresses.
func (f *fetcher) withHint(hint string) *fetcher {
	f.hint = hint
	return f
}

// refuseMetadata is the Control hook under --allow-private: loopback and
// private networks are allowed, link-local and metadata addresses never.
func refuseMetadata(network, address string, _ syscall.RawConn) error {
	ip, err := dialledAddr(address)
	if err != nil {
		return err
	}
	if metadataAddr(ip) {
		return models.Errorf(models.EFORBIDDEN, "refusing to connect to link-local or metadata address %s (refused even with --allow-private)", ip)
	}
	return nil
}

// dialledAddr parses the host:port a dialer is about to connect to.
func dialledAddr(address string) (netip.Addr, error) {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return netip.Addr{}, models.Wrap(models.EFORBIDDEN, err, "bad address %q", address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, models.Wrap(models.EFORBIDDEN, err, "bad address %q", address)
	}
	return ip.Unmap().WithZone(""), nil
}

// nonPublic are ranges that no public web server lives on, besides those the
// netip methods cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this" network
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // old site-local
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001::/23"),      // IETF protocol assignments (Teredo among them)
}

// metadata are the addresses cloud providers serve instance metadata and
// credentials on, besides the link-local ranges (169.254.169.254 is one).
var metadata = []netip.Prefix{
	netip.MustParsePrefix("fd00:ec2::254/128"),  // AWS, over IPv6
	netip.MustParsePrefix("100.100.100.200/32"), // Alibaba Cloud
}

// embeddedIPv4 returns the IPv4 address an IPv6 address carries by a
// translation scheme, where a connection to it can end at that IPv4
// address: NAT64 (64:ff9b::/96, last 32 bits), 6to4 (2002::/16, bits 16-48)
// and the deprecated IPv4-compatible form (::/96, last 32 bits).
func embeddedIPv4(ip netip.Addr) (netip.Addr, bool) {
	if !ip.Is6() {
		return netip.Addr{}, false
	}
	b := ip.As16()
	switch {
	case nat64.Contains(ip), v4compat.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToFour.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	v4compat  = netip.MustParsePrefix("::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// publicAddr reports whether ip is a public unicast address, and the IPv4
// address inside it is one too when it carries one.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	if v4, ok := embeddedIPv4(ip); ok {
		return publicAddr(v4)
	}
	return true
}

// metadataAddr reports whether ip is link-local (169.254.0.0/16, fe80::/10,
// where cloud metadata services answer) or a known metadata address,
// directly or inside a NAT64, 6to4 or IPv4-compatible address.
func metadataAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() {
		return true
	}
	for _, p := range metadata {
		if p.Contains(ip) {
			return true
		}
	}
	if v4, ok := embeddedIPv4(ip); ok {
		return metadataAddr(v4)
	}
	return false
}

// fetch downloads rawURL. It accepts http and https URLs answering 200 with
// text/html or text/plain, at most maxBytes long.
func (f *fetcher) fetch(ctx context.Context, rawURL string) (fetchedPage, error) {
	resp, err := f.get(ctx, rawURL, http.Header{"Accept": {"text/html, text/plain;q=0.9"}})
	if err != nil {
		return fetchedPage{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fetchedPage{}, models.Errorf(models.EINVALID, "server answered %s", resp.Status)
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "text/html" && mt != "text/plain" && mt != "application/xhtml+xml" {
		return fetchedPage{}, models.Errorf(models.EINVALID, "content type %q is not text/html or text/plain", mt)
	}
	body, err := f.readBody(resp, "page")
	if err != nil {
		return fetchedPage{}, err
	}
	return fetchedPage{Body: body, HTML: mt != "text/plain", URL: resp.Request.URL.String(), Header: resp.Header}, nil
}

// get sends a GET for rawURL (http or https only) with header added to
// the usual ones, and returns the response whatever its status. A refusal
// of a non-public address carries the fetcher's hint.
func (f *fetcher) get(ctx context.Context, rawURL string, header http.Header) (*http.Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, models.Errorf(models.EINVALID, "not an http(s) URL")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, models.Wrap(models.EINVALID, err, "bad URL")
	}
	req.Header.Set("User-Agent", "dateline/1 (news timeline tool)")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var me *models.Error
		if errors.Is(err, errNonPublic) && errors.As(err, &me) && f.hint != "" {
			return nil, models.Errorf(models.EFORBIDDEN, "%s (%s)", me.Message, f.hint)
		}
		return nil, fetchError(err)
	}
	return resp, nil
}

// readBody reads a response body of at most maxBytes; what names the
// thing in the error of a longer one ("page", "feed").
func (f *fetcher) readBody(resp *http.Response, what string) ([]byte, error) {
	if resp.ContentLength > f.maxBytes {
		return nil, models.Errorf(models.ETOOLARGE, "%s of %d bytes is over the %d-byte limit", what, resp.ContentLength, f.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, fetchError(err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, models.Errorf(models.ETOOLARGE, "%s over the %d-byte limit", what, f.maxBytes)
	}
	return body, nil
}

// fetchError keeps the code of a refusal from the dialer or redirect check
// and names time-outs.
func fetchError(err error) error {
	var me *models.Error
	if errors.As(err, &me) {
		return me
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return models.Wrap(models.ETIMEOUT, err, "fetch timed out")
	}
	return models.Wrap(models.EINVALID, err, "fetch failed")
}

// isURL reports whether an ingest argument is a URL rather than a path.
func isURL(arg string) bool {
	low := strings.ToLower(arg)
	return strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")
}
