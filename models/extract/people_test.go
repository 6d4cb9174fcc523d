package extract

import (
	"reflect"
	"testing"
)

func TestActorsIn(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. Special Envoy Steve Witkoff met Putin in Moscow.", []string{"Steve Witkoff", "Vladimir Putin", "Russia"}},
		{"Putin's aide Yuri Ushakov told journalists.", []string{"Yuri Ushakov"}},
		{"The Kremlin said the US president would call.", []string{"the Kremlin", "Donald Trump"}},
		{"Give us a chance, they told us.", nil},
		{"Trump's deadline for the Kremlin", []string{"Donald Trump", "the Kremlin"}},
		{"", nil},
		{"Zelenskyy and Zelensky", []string{"Volodymyr Zelensky"}},
	}
	for _, tt := range tests {
		if got := actorsIn(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("actorsIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonSlug(t *testing.T) {
	tests := map[string]string{
		"Volodymyr Zelenskyy":  "volodymyr-zelensky",
		"Trump":                "donald-trump",
		"Josh  Earnest":        "josh-earnest",
		"Recep Tayyip Erdoğan": "recep-tayyip-erdogan",
		"Kevin O'Brien":        "kevin-obrien",
		"":                     "",
	}
	for in, want := range tests {
		if got := PersonSlug(in); got != want {
			t.Errorf("PersonSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
