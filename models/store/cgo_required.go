//go:build !cgo

package store

// This file is compiled only when cgo is off (CGO_ENABLED=0, or no C
// compiler found), and fails on purpose: the SQLite driver is C, and
// without cgo the build would otherwise stop at a puzzling "undefined:
// sqlite3.ErrCorrupt". The compiler sorts errors by file name, so this one
// comes first and says what to do.
var _ = dateline_needs_cgo_for_SQLite__build_with_CGO_ENABLED_1_and_a_C_compiler_such_as_gcc
