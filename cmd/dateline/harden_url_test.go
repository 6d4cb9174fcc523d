package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dateline/models"
)

const articleHTML = `<html><head><title>Envoy in Moscow</title></head><body><article><h1>Envoy in Moscow</h1>
<p>The envoy arrived in Moscow on Wednesday for talks with the president, officials said.</p>
<p>"We had a useful conversation," the aide told reporters after the meeting ended.</p></article></body></html>`

// TestHardenURLRefusesPrivateAddresses asks ingest for addresses in every
// non-public range: each is refused before any connection is made.
func TestHardenURLRefusesPrivateAddresses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	for _, u := range []string{
		"http://127.0.0.1:9/x", "http://[::1]:9/x", "http://localhost:9/x", // loopback, also by name
		"http://10.1.2.3/x", "http://192.168.0.1/x", "http://172.16.5.4/x", "http://[fd00::1]/x", // private
		"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x", // link-local, cloud metadata
		"http://224.0.0.1/x", "http://[ff02::1]/x", // multicast
		"http://0.0.0.0/x", "http://100.64.0.1/x", "http://[::ffff:127.0.0.1]/x", // unspecified, CGNAT, mapped loopback
	} {
		start := time.Now()
		code, _, errs := cli(t, "", "ingest", "--db", db, u)
		if code != 1 || !strings.Contains(errs, "refusing to connect to non-public address") || !strings.Contains(errs, "--allow-private") {
			t.Errorf("%s: exit %d, stderr %q", u, code, errs)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: refusal took %s: a connection was tried", u, d)
		}
	}
}

// TestHardenURLRedirectToPrivate follows a redirect from an allowed server
// to a non-public one: the dialler's check runs on the redirect too.
func TestHardenURLRedirectToPrivate(t *testing.T) {
	private := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, articleHTML)
	}))
	defer private.Close()
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, articleHTML)
			return
		}
		http.Redirect(w, r, private.URL+"/secret", http.StatusFound)
	}))
	defer public.Close()
	f := newFetcher(5*time.Second, 1<<20, false)
	// Treat the "public" test server as public, everything else on this
	// machine as what it is.
	publicAddr := public.Listener.Addr().String()
	f.refuse = func(network, address string, c syscall.RawConn) error {
		if address == publicAddr {
			return nil
		}
		return refusePrivate(network, address, c)
	}
	ctx := context.Background()
	if p, err := f.fetch(ctx, public.URL+"/page"); err != nil || !p.HTML {
		t.Fatalf("the allowed server: %v", err)
	}
	_, err := f.fetch(ctx, public.URL+"/go")
	if err == nil || models.ErrorCode(err) != models.EFORBIDDEN || !strings.Contains(err.Error(), "non-public address 127.0.0.1") {
		t.Errorf("redirect to a private address: %v", err)
	}
}

// limitServer answers the URL ingest's limit cases.
func limitServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML)
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n == 0 {
			http.Redirect(w, r, "/ok", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/declared-big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", strconv.Itoa(5<<20))
		w.Write(bytes.Repeat([]byte("x"), 1024)) // the header alone is refused
	})
	mux.HandleFunc("/chunked-big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 300 && r.Context().Err() == nil; i++ {
			w.Write(bytes.Repeat([]byte("word "), 2000))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 100 && r.Context().Err() == nil; i++ {
			w.Write([]byte("drip "))
			w.(http.Flusher).Flush()
			time.Sleep(100 * time.Millisecond)
		}
	})
	for path, ct := range map[string]string{"/pdf": "application/pdf", "/json": "application/json", "/none": "", "/js": "text/javascript"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = []string{ct}
			fmt.Fprint(w, articleHTML)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestHardenURLLimits checks the size, time, redirect and content-type
// limits of URL ingest against a local server (with --allow-private).
func TestHardenURLLimits(t *testing.T) {
	srv := limitServer(t)
	t.Setenv("DATELINE_FETCH_TIMEOUT", "1s")
	db := filepath.Join(t.TempDir(), "d.db")
	tests := []struct {
		path string
		want string // "" for success
	}{
		{"/ok", ""},
		{"/hop/4", ""}, // five redirects are followed
		{"/hop/5", "more than 5 redirects"},
		{"/declared-big", "over the 1000000-byte limit"},
		{"/chunked-big", "over the 1000000-byte limit"},
		{"/slow-headers", "timed out"},
		{"/slow-body", "timed out"},
		{"/pdf", `content type "application/pdf" is not text/html or text/plain`},
		{"/json", `content type "application/json"`},
		{"/js", `content type "text/javascript"`},
		{"/none", `content type ""`},
	}
	for _, tc := range tests {
		start := time.Now()
		code, out, errs := cli(t, "", "ingest", "--db", db, "--allow-private", "--max-article-bytes", "1000000", srv.URL+tc.path)
		switch {
		case tc.want == "" && code != 0:
			t.Errorf("%s: exit %d\n%s%s", tc.path, code, out, errs)
		case tc.want != "" && (code != 1 || !strings.Contains(errs, srv.URL+tc.path+": ") || !strings.Contains(errs, tc.want)):
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.path, code, errs, tc.want)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %s with a 1 s fetch limit", tc.path, d)
		}
	}
}

// TestHardenURLEmbeddedIPv4 asks ingest for IPv6 addresses that carry a
// non-public IPv4 address (NAT64, IPv4-compatible, 6to4): each is refused
// before a connection, as the IPv4 address itself would be; ones carrying
// a public address stay allowed.
func TestHardenURLEmbeddedIPv4(t *testing.T) {
	for _, tc := range []struct {
		ip     string
		public bool
	}{
		{"64:ff9b::7f00:1", false},         // NAT64 of 127.0.0.1
		{"64:ff9b::a9fe:a9fe", false},      // NAT64 of 169.254.169.254
		{"64:ff9b::c0a8:1", false},         // NAT64 of 192.168.0.1
		{"::7f00:1", false},                // IPv4-compatible 127.0.0.1
		{"::a00:1", false},                 // IPv4-compatible 10.0.0.1
		{"2002:a00:1::1", false},           // 6to4 of 10.0.0.1
		{"2002:7f00:1::", false},           // 6to4 of 127.0.0.1
		{"64:ff9b::808:808", true},         // NAT64 of 8.8.8.8
		{"2002:808:808::1", true},          // 6to4 of 8.8.8.8
		{"2a00:1450:4001:81b::200e", true}, // a plain public IPv6 address
	} {
		if got := publicAddr(netip.MustParseAddr(tc.ip)); got != tc.public {
			t.Errorf("publicAddr(%s) = %v, want %v", tc.ip, got, tc.public)
		}
	}
	db := filepath.Join(t.TempDir(), "d.db")
	for _, u := range []string{"http://[64:ff9b::7f00:1]:9/x", "http://[::7f00:1]:9/x", "http://[2002:a00:1::1]:9/x"} {
		code, _, errs := cli(t, "", "ingest", "--db", db, u)
		if code != 1 || !strings.Contains(errs, "refusing to connect to non-public address") {
			t.Errorf("%s: exit %d, stderr %q", u, code, errs)
		}
	}
}

// TestHardenURLMetadataEvenWhenPrivateAllowed checks that --allow-private
// opens loopback and private networks but never link-local or cloud
// metadata addresses, given directly or reached by a redirect from an
// allowed server.
func TestHardenURLMetadataEvenWhenPrivateAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, articleHTML)
			return
		}
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/iam/", http.StatusFound)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "d.db")
	if code, _, errs := cli(t, "", "ingest", "--db", db, "--allow-private", srv.URL+"/page"); code != 0 {
		t.Fatalf("a loopback page with --allow-private: exit %d, %s", code, errs)
	}
	for _, u := range []string{srv.URL + "/meta", "http://169.254.169.254/latest/meta-data/",
		"http://[fe80::1]/x", "http://[64:ff9b::a9fe:a9fe]/x", "http://[fd00:ec2::254]/x", "http://100.100.100.200/x"} {
		start := time.Now()
		code, _, errs := cli(t, "", "ingest", "--db", db, "--allow-private", u)
		if code != 1 || !strings.Contains(errs, "link-local or metadata address") {
			t.Errorf("%s with --allow-private: exit %d, stderr %q", u, code, errs)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: refusal took %s: a connection was tried", u, d)
		}
	}
}
