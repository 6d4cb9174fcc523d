package main

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestServeAllowedHostsDefault: bound to loopback, serve answers the
// loopback names with the real port (what the e2e tests and a browser on
// the laptop send) and refuses any other name, as a rebinding page sends.
func TestServeAllowedHostsDefault(t *testing.T) {
	s := startLive(t, "", nil)
	port := s.base[strings.LastIndexByte(s.base, ':'):]
	for host, want := range map[string]int{
		"127.0.0.1" + port: 200, "localhost" + port: 200, "[::1]" + port: 200, "attacker.example" + port: 403,
	} {
		req, err := http.NewRequest(http.MethodGet, s.base+"/api/stories", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
	if log := s.log.String(); !strings.Contains(log, "path=/api/stories status=403") || !strings.Contains(log, "ip=127.0.0.1") {
		t.Errorf("access log lacks the refused request: %s", log)
	}
}

func TestWebConfig(t *testing.T) {
	for _, tt := range []struct {
		addr  string
		env   map[string]string
		hosts []string
		log   bool
		err   string
	}{
		{addr: "127.0.0.1:8080", hosts: []string{"localhost", "127.0.0.1", "::1"}, log: true},
		{addr: "localhost:0", hosts: []string{"localhost", "127.0.0.1", "::1"}, log: true},
		{addr: "[::1]:8080", hosts: []string{"localhost", "127.0.0.1", "::1"}, log: true},
		{addr: ":8080", log: true},
		{addr: "0.0.0.0:8080", env: map[string]string{"DATELINE_ALLOWED_HOSTS": "news.example.org, www.example.org",
			"DATELINE_ACCESS_LOG": "off"}, hosts: []string{"news.example.org", "www.example.org"}},
		{addr: ":8080", env: map[string]string{"DATELINE_SECRET": "short"}, err: "DATELINE_SECRET"},
		{addr: ":8080", env: map[string]string{"DATELINE_ACCESS_LOG": "maybe"}, err: "DATELINE_ACCESS_LOG"},
	} {
		c := DefaultConfig()
		err := c.FromEnv(func(k string) string { return tt.env[k] })
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: err %v, want one naming %s", tt.env, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Web.allowedHosts(tt.addr); !slices.Equal(got, tt.hosts) || c.Web.AccessLog != tt.log {
			t.Errorf("%s %v: hosts %v log %v, want %v %v", tt.addr, tt.env, got, c.Web.AccessLog, tt.hosts, tt.log)
		}
	}
	c := DefaultConfig()
	c.FromEnv(func(k string) string {
		return map[string]string{"DATELINE_TRUSTED_PROXIES": "127.0.0.1 10.0.0.0/8,::1"}[k]
	})
	if !slices.Equal(c.Web.TrustedProxies, []string{"127.0.0.1", "10.0.0.0/8", "::1"}) {
		t.Errorf("trusted proxies %v", c.Web.TrustedProxies)
	}
}
