//go:build e2e

package main

import (
	"testing"

	"dateline/models/store/storetest"
)

// TestE2EOnPostgres runs the browser tests again with the server's
// database on PostgreSQL (skipped, saying so, without DATELINE_TEST_POSTGRES).
func TestE2EOnPostgres(t *testing.T) {
	for _, d := range storetest.Dialects() {
		if d != "postgres" {
			continue
		}
		t.Run(d, func(t *testing.T) {
			storetest.SkipWithoutPostgres(t)
			testDialect = d
			defer func() { testDialect = "sqlite" }()
			t.Run("StoryPageDrawsCharts", TestE2EStoryPageDrawsCharts)
			t.Run("EmbedSizesItselfInAForeignPage", TestE2EEmbedSizesItselfInAForeignPage)
			t.Run("CSVDownloadParses", TestE2ECSVDownloadParses)
			t.Run("CreateStoryInTheBrowser", TestE2ECreateStoryInTheBrowser)
		})
	}
}
