// Package data holds what dateline embeds besides code: lexicons used by
// extraction (reporting verbs, titles, known actors) and the sample articles
// loaded into an empty database on first run. The default database file
// (data/dateline.db) also lives in this folder but is never committed.
package data

import (
	"embed"
	"io/fs"
)

//go:embed lexicon samples
var files embed.FS

// Lexicons returns the language data folder (data/lexicon: one folder per
// language) as a file system.
func Lexicons() fs.FS {
	sub, err := fs.Sub(files, "lexicon")
	if err != nil {
		panic(err) // the folder is embedded at build time; this cannot fail
	}
	return sub
}

// Samples returns the sample articles folder (data/samples) as a file system.
func Samples() fs.FS {
	sub, err := fs.Sub(files, "samples")
	if err != nil {
		panic(err) // the folder is embedded at build time; this cannot fail
	}
	return sub
}
