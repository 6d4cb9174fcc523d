package text

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"dateline/models"
)

// Decode turns the bytes of a text or HTML file into a string. Valid UTF-8
// passes unchanged (without a byte order mark); UTF-16 with a byte order
// mark is converted; any other bytes are read as Windows-1252, the superset
// of Latin-1 that old pages and pasted Windows text use. It fails with
// EINVALID for binary data: NUL bytes, or more than a few control characters.
func Decode(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		u, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", models.Wrap(models.EINVALID, err, "cannot read UTF-16 text")
		}
		b = u
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", models.Errorf(models.EINVALID, "binary data, not text (NUL bytes)")
	}
	if !utf8.Valid(b) {
		u, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", models.Wrap(models.EINVALID, err, "cannot read the text's encoding")
		}
		b = u
	}
	if tooManyControls(b) {
		return "", models.Errorf(models.EINVALID, "binary data, not text (control characters)")
	}
	return string(b), nil
}

// tooManyControls reports whether more than 1 in 100 characters (and more
// than 2 in all) are control characters other than tab, line feed, carriage
// return and form feed: text never has them, binary files do.
func tooManyControls(b []byte) bool {
	n, total := 0, 0
	for _, r := range string(b) {
		total++
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f') || r == 0x7F {
			n++
		}
	}
	return n > 2 && n*100 > total
}
