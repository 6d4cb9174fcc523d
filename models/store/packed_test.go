package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// packGo writes what dialect.packedText makes in SQL, for the tests.
func packGo(fields ...string) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)) + ":" + f)
	}
	return b.String()
}

func TestUnpackText(t *testing.T) {
	for _, tc := range []struct {
		packed string
		want   []string // nil: an error
	}{
		{"3:abc0:5:hello", []string{"abc", "", "hello"}},
		{"4:1:2:3:é:", []string{"1:2:", "é:"}},
		{"0:0:", []string{"", ""}},
		// failures
		{"3:ab", nil},
		{"x:abc0:", nil},
		{"3:abc", nil},            // too few fields
		{"3:abc0:0:0:", nil},      // too many
		{"-1:a0:", nil},           // negative length
		{"abc", nil},              // no colon
		{"99999999999999:a", nil}, // a length past the end
	} {
		got := make([]string, 2)
		if tc.want != nil {
			got = make([]string, len(tc.want))
		} else if strings.Count(tc.packed, ":") >= 3 {
			got = make([]string, 3)
		}
		ptrs := make([]*string, len(got))
		for i := range got {
			ptrs[i] = &got[i]
		}
		err := unpackText(tc.packed, ptrs...)
		if tc.want == nil {
			if err == nil {
				t.Errorf("unpackText(%q) = %q, want an error", tc.packed, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("unpackText(%q) = %q, %v; want %q", tc.packed, got, err, tc.want)
		}
	}
}

// TestPackedTextInSQL packs texts in the database, NULL and awkward ones
// among them, and unpacks them in Go.
func TestPackedTextInSQL(t *testing.T) {
	st := openTest(t)
	texts := []any{"Putin: \"12:34\"", "", "Zelenskyy’s “envoy” — ünïcödé 🇺🇦", "3:abc", nil, "line\nbreak\ttab"}
	var packed string
	err := st.rdb.WithContext(context.Background()).
		Raw(`SELECT `+st.d.packedText("CAST(? AS TEXT)", "CAST(? AS TEXT)", "CAST(? AS TEXT)", "CAST(? AS TEXT)", "CAST(? AS TEXT)", "CAST(? AS TEXT)"),
			texts[0], texts[0], texts[1], texts[1], texts[2], texts[2], texts[3], texts[3], texts[4], texts[4], texts[5], texts[5]).
		Row().Scan(&packed)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(texts))
	ptrs := make([]*string, len(got))
	for i := range got {
		ptrs[i] = &got[i]
	}
	if err := unpackText(packed, ptrs...); err != nil {
		t.Fatal(err)
	}
	for i, want := range texts {
		if w, _ := want.(string); got[i] != w {
			t.Errorf("field %d: %q, want %q", i, got[i], w)
		}
	}
}

func FuzzUnpackText(f *testing.F) {
	f.Add("a:b", "", "3:x")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var x, y, z string
		if err := unpackText(packGo(a, b, c), &x, &y, &z); err != nil || x != a || y != b || z != c {
			t.Errorf("round trip of %q %q %q: %q %q %q, %v", a, b, c, x, y, z, err)
		}
		_ = unpackText(a+b+c, &x, &y) // any input: an error or fields, never a panic
	})
}
