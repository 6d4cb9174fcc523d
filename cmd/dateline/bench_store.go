package main

// benchStore measures ingest, export and page latency. IN PROGRESS: filled in
// once the store and the web layer land.
func benchStore(e *env, corpus []corpusArticle, scales string) ([]benchRow, error) {
	return nil, nil
}
