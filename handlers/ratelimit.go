package handlers

import (
	"container/list"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// limiterIdle is how long an unused bucket is kept, and limiterBuckets
// how many are kept at most: a flood from many addresses (an IPv6 range
// is cheap) evicts the least recently used instead of growing the map.
const (
	limiterIdle    = 10 * time.Minute
	limiterBuckets = 10_000
)

// limiter is a token bucket per client for the write routes: burst
// requests at once, then one every interval. Buckets sit in a list, most
// recently used first, so the idle and the oldest are dropped from its end
// without scanning the map.
type limiter struct {
	mu       sync.Mutex
	burst    float64
	interval time.Duration
	max      int
	now      func() time.Time
	buckets  map[string]*list.Element // of *bucket
	order    *list.List
}

type bucket struct {
	key    string
	tokens float64
	last   time.Time
}

func newLimiter(burst int, interval time.Duration, max int, now func() time.Time) *limiter {
	return &limiter{burst: float64(burst), interval: interval, max: max, now: now,
		buckets: map[string]*list.Element{}, order: list.New()}
}

// allow takes a token for key, reporting false when there is none.
func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.evict(now)
	el, ok := l.buckets[key]
	if !ok {
		el = l.order.PushFront(&bucket{key: key, tokens: l.burst, last: now})
		l.buckets[key] = el
	}
	l.order.MoveToFront(el)
	b := el.Value.(*bucket)
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()/l.interval.Seconds())
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// evict drops the buckets idle past limiterIdle, then the least recently
// used until there is room for one more.
func (l *limiter) evict(now time.Time) {
	for back := l.order.Back(); back != nil; back = l.order.Back() {
		b := back.Value.(*bucket)
		if now.Sub(b.last) <= limiterIdle && l.order.Len() < l.max {
			return
		}
		l.order.Remove(back)
		delete(l.buckets, b.key)
	}
}

// limit answers 429 to a client over its budget. The client is the real
// one a trusted proxy names, so clients behind a proxy do not share one
// bucket, and an IPv6 client's bucket is its /64.
func (l *limiter) limit(c *gin.Context) {
	if !l.allow(clientOf(c).rateKey()) {
		c.Header("Retry-After", "2")
		c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "too many requests; slow down", "code": "rate_limited"})
		return
	}
	c.Next()
}
