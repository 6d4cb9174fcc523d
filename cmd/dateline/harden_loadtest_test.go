package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestLoadtestCommand runs a one-second load test against a local server
// and checks it refuses any host that is not this machine.
func TestLoadtestCommand(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/stories":
			w.Write([]byte(`{"stories":[{"slug":"talks"}]}`))
		case "/stories/talks", "/export/events.csv":
			w.Write([]byte("ok"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	code, out, errs := cli(t, "", "loadtest", "--url", srv.URL, "--duration", "1s", "--concurrency", "2", "--max-requests", "50")
	if code != 0 || !strings.Contains(out, "/stories/talks") || !strings.Contains(out, "/export/events.csv?story=talks") ||
		!strings.Contains(out, "\ntotal ") || strings.Fields(out[strings.Index(out, "\ntotal "):])[1] != "50" {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = cli(t, "", "loadtest", "--url", srv.URL, "--duration", "1s", "--paths", "/missing", "--max-requests", "5")
	if code != 1 || !strings.Contains(out, "100.00%") || !strings.Contains(out, "first error: status 404") {
		t.Errorf("errors not counted: exit %d\n%s", code, out)
	}
	for _, u := range []string{"http://93.184.216.34/", "http://example.com/", "http://10.0.0.1:8080", "ftp://127.0.0.1/"} {
		if code, _, errs := cli(t, "", "loadtest", "--url", u, "--duration", "1s"); code != 2 || !strings.Contains(errs, "--url") {
			t.Errorf("%s: exit %d %s", u, code, errs)
		}
	}
}
