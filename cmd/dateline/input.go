package main

import (
	"context"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"

	"dateline/models"
)

// readInput reads a named file, or stdin for "-", refusing more than the
// configured article size. It returns the file's modification time (zero
// for stdin). When ctx ends first it gives up on the read, which goes on in
// the background until the file answers: a stalled read must not keep
// Ctrl-C or SIGTERM from stopping the command.
func readInput(ctx context.Context, e *env, name string) ([]byte, time.Time, error) {
	var r io.Reader = e.stdin
	var c io.Closer
	var mtime time.Time
	if name != "-" {
		f, st, err := openRegular(name)
		if err != nil {
			return nil, time.Time{}, err
		}
		r, c, mtime = f, f, st.ModTime()
	}
	data, err := readAbandonable(ctx, r, c, e.cfg.MaxArticleBytes+1)
	if code := models.ErrorCode(err); code == models.ETIMEOUT {
		return nil, time.Time{}, models.Wrap(code, err, "%s", name)
	} else if err != nil {
		return nil, time.Time{}, models.Wrap(models.EINVALID, err, "%s: cannot read", name)
	}
	if int64(len(data)) > e.cfg.MaxArticleBytes {
		return nil, time.Time{}, models.Errorf(models.ETOOLARGE, "%s: larger than the %d-byte limit (--max-article-bytes, DATELINE_MAX_ARTICLE_BYTES)", name, e.cfg.MaxArticleBytes)
	}
	return data, mtime, nil
}

// openRegular opens name for reading if it is a regular file. It opens
// without blocking and checks the opened file, not the name: opening a FIFO
// for reading blocks until a writer comes, and a device or a FIFO may never
// end, so both are refused (EINVALID) before any read.
func openRegular(name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, models.Wrap(models.EINVALID, err, "cannot read")
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, models.Wrap(models.EINVALID, err, "cannot read")
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, models.Errorf(models.EINVALID, "%s: not a regular file (%s); to read a pipe, give - and redirect it to stdin", name, fileKind(st.Mode()))
	}
	return f, st, nil
}

// fileKind names the type of a file that is not a regular file.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// readAbandonable reads r to its end, at most limit bytes, closing c (if
// any) when done. It returns early with ETIMEOUT "interrupted" when ctx
// ends; the read then finishes on its own and its result is dropped.
func readAbandonable(ctx context.Context, r io.Reader, c io.Closer, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		if c != nil {
			defer c.Close()
		}
		data, err := io.ReadAll(io.LimitReader(r, limit))
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		return nil, models.Errorf(models.ETIMEOUT, "interrupted while reading")
	}
}
