package handlers

import (
	"time"

	"github.com/gin-gonic/gin"
)

// accessLog writes one line per request to Options.AccessLog: method,
// path, status, duration, the real client address (as identify found
// it) and the bytes of the body sent. The query string is left out: it
// may carry search terms or, from a careless client, a token.
func (a *app) accessLog(c *gin.Context) {
	if a.opt.AccessLog == nil {
		c.Next()
		return
	}
	start := time.Now()
	c.Next()
	ip := "unknown"
	if cl := clientOf(c); cl.ip.IsValid() {
		ip = cl.ip.String()
	}
	a.opt.AccessLog.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path,
		"status", c.Writer.Status(), "duration", time.Since(start).Round(time.Microsecond),
		"ip", ip, "bytes", max(0, c.Writer.Size()))
}
