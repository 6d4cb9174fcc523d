package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// loadFlags are the settings of one load test.
type loadFlags struct {
	base        *url.URL
	duration    time.Duration
	concurrency int
	maxRequests int
	paths       []string
}

// runLoadtest sends GET requests to a dateline server on this machine from
// several workers for a fixed time (or count) and reports, per path, the
// error rate and the p50/p90/p99 latencies. It only ever talks to loopback
// addresses: it is for measuring your own server, not anyone else's.
func runLoadtest(e *env) int {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	rawURL := fs.String("url", "http://"+e.cfg.Addr, "server to test; must be on this machine (127.0.0.1, ::1 or localhost)")
	var f loadFlags
	fs.DurationVar(&f.duration, "duration", 20*time.Second, "how long to send requests (at most 10m)")
	fs.IntVar(&f.concurrency, "concurrency", 8, "requests in flight at once (at most 256)")
	fs.IntVar(&f.maxRequests, "max-requests", 200000, "stop after this many requests")
	paths := fs.String("paths", "", "comma-separated paths to request (default: the first story's page and its events CSV)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline loadtest [--url http://127.0.0.1:8080] [--duration 20s] [--concurrency 8] [--paths /a,/b]")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	u, err := loopbackURL(*rawURL)
	if err == nil && (f.duration <= 0 || f.duration > 10*time.Minute || f.concurrency < 1 || f.concurrency > 256 || f.maxRequests < 1) {
		err = fmt.Errorf("want 0 < --duration <= 10m, 1 <= --concurrency <= 256 and --max-requests >= 1")
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline loadtest:", err)
		return 2
	}
	f.base = u
	client := loopbackClient(f.concurrency)
	if f.paths, err = loadPaths(e.ctx, client, u, *paths); err != nil {
		fmt.Fprintln(e.stderr, "dateline loadtest:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "load test: %s, %d workers, %s or %d requests, paths %s\n",
		u, f.concurrency, f.duration, f.maxRequests, strings.Join(f.paths, " "))
	stats := loadRun(e.ctx, client, f)
	if !printLoad(e.stdout, stats, f.paths) {
		return 1
	}
	return 0
}

// loopbackURL parses raw and accepts it only when its host is a loopback
// address or localhost.
func loopbackURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url %q: want http://127.0.0.1:PORT", raw)
	}
	if h := u.Hostname(); h != "localhost" {
		ip, err := netip.ParseAddr(h)
		if err != nil || !ip.Unmap().IsLoopback() {
			return nil, fmt.Errorf("--url %q: the load test only targets this machine (127.0.0.1, ::1 or localhost)", raw)
		}
	}
	u.Path, u.RawQuery = strings.TrimSuffix(u.Path, "/"), ""
	return u, nil
}

// loopbackClient is an HTTP client whose dialer refuses anything but a
// loopback address, so no redirect or name can point it elsewhere.
func loopbackClient(conns int) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !ap.Addr().Unmap().IsLoopback() {
			return fmt.Errorf("refusing to load-test %s: not a loopback address", address)
		}
		return nil
	}}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		Proxy: nil, DialContext: dialer.DialContext, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
	}}
}

// loadPaths returns the paths given, or the first story's page and its
// events CSV, found through the JSON API.
func loadPaths(ctx context.Context, client *http.Client, base *url.URL, given string) ([]string, error) {
	if given != "" {
		var out []string
		for _, p := range strings.Split(given, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, "/"+strings.TrimPrefix(p, "/"))
			}
		}
		return out, nil
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base.String()+"/api/stories", nil)
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("finding a story to test: %w", err)
	}
	defer resp.Body.Close()
	var list struct {
		Stories []struct {
			Slug string `json:"slug"`
		} `json:"stories"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || resp.StatusCode != 200 || len(list.Stories) == 0 {
		return nil, fmt.Errorf("finding a story to test: /api/stories answered %s with no stories; give --paths", resp.Status)
	}
	s := url.PathEscape(list.Stories[0].Slug)
	return []string{"/stories/" + s, "/export/events.csv?story=" + s}, nil
}

// loadStats are the outcomes of the requests to one path.
type loadStats struct {
	latencies []time.Duration
	errors    int
	bytes     int64
	firstErr  string
	elapsed   time.Duration
}

// loadRun sends requests round-robin over the paths from f.concurrency
// workers until the duration passes, f.maxRequests were sent or ctx ends.
func loadRun(ctx context.Context, client *http.Client, f loadFlags) map[string]*loadStats {
	ctx, cancel := context.WithTimeout(ctx, f.duration)
	defer cancel()
	var mu sync.Mutex
	stats := map[string]*loadStats{}
	for _, p := range f.paths {
		stats[p] = &loadStats{}
	}
	var next int
	var wg sync.WaitGroup
	began := time.Now()
	for range f.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mu.Lock()
				n := next
				next++
				mu.Unlock()
				if n >= f.maxRequests {
					return
				}
				p := f.paths[n%len(f.paths)]
				d, size, err := loadOne(ctx, client, f.base.String()+p)
				if ctx.Err() != nil && err != nil {
					return // cut off by the end of the run, not an error
				}
				mu.Lock()
				stats[p].add(d, size, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, s := range stats {
		s.elapsed = time.Since(began)
	}
	return stats
}

// loadOne sends one GET and reads the whole answer; any status but 200 is
// an error.
func loadOne(ctx context.Context, client *http.Client, u string) (time.Duration, int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	t := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(t), 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %s", resp.Status)
	}
	return d, n, err
}

func (s *loadStats) add(d time.Duration, size int64, err error) {
	s.latencies = append(s.latencies, d)
	s.bytes += size
	if err != nil {
		s.errors++
		if s.firstErr == "" {
			s.firstErr = err.Error()
		}
	}
}

// percentile returns the p-th percentile (0..100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// printLoad writes one line per path and a total; it reports whether no
// request failed.
func printLoad(w io.Writer, stats map[string]*loadStats, paths []string) bool {
	all := &loadStats{}
	fmt.Fprintf(w, "%-44s %8s %7s %8s %9s %9s %9s %9s %10s\n", "path", "requests", "errors", "req/s", "p50", "p90", "p99", "max", "avg bytes")
	for _, p := range append(append([]string{}, paths...), "total") {
		s := stats[p]
		if p == "total" {
			s = all
		} else {
			all.latencies = append(all.latencies, s.latencies...)
			all.errors, all.bytes, all.elapsed = all.errors+s.errors, all.bytes+s.bytes, s.elapsed
			if all.firstErr == "" {
				all.firstErr = s.firstErr
			}
		}
		lat := append([]time.Duration(nil), s.latencies...)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		n := len(lat)
		rate, avg := 0.0, int64(0)
		if n > 0 {
			rate, avg = float64(n)/s.elapsed.Seconds(), s.bytes/int64(n)
		}
		fmt.Fprintf(w, "%-44s %8d %6.2f%% %8.1f %9s %9s %9s %9s %10d\n", trimPath(p, 44), n, 100*float64(s.errors)/float64(max(n, 1)), rate,
			ms(percentile(lat, 50)), ms(percentile(lat, 90)), ms(percentile(lat, 99)), ms(percentile(lat, 100)), avg)
	}
	if all.errors > 0 {
		fmt.Fprintf(w, "first error: %s\n", all.firstErr)
	}
	return all.errors == 0 && len(all.latencies) > 0
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func trimPath(p string, n int) string {
	if len(p) > n {
		return p[:n-3] + "..."
	}
	return p
}
