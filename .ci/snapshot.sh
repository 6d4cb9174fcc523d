#!/usr/bin/env bash
# snapshot.sh OUT writes the extraction of the comparison corpus to OUT, one
# JSON line per text: 600 generated articles (as plain text and as pages),
# the PolNeAR dev and test texts (plain) when ../shared/eval is there, and
# the samples in data/samples (as pages, with their manifest's times). Two
# snapshots taken before and after a change should be byte-identical unless
# the change means to alter the output: `make snapshot SNAP=/tmp/before.jsonl`,
# change, `make snapshot SNAP=/tmp/after.jsonl`, `make snapshot-diff`.
set -euo pipefail
out=${1:?usage: snapshot.sh OUT}
bin=${DATELINE_BIN:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$bin" ]; then
  bin=$work/dateline
  (cd "$root" && go build -tags sqlite_fts5 -o "$bin" ./cmd/dateline)
fi
"$bin" bench --articles 600 --write-corpus "$work/gen" >/dev/null
polnear=$root/../shared/eval/quotes/polnear
python3 - "$work" "$root/data/samples" "$polnear" <<'PY'
import json, os, sys
work, samples, polnear = sys.argv[1:4]
def emit(f, id, text, **kw):
    f.write(json.dumps(dict(id=id, text=text, **kw), ensure_ascii=False) + "\n")
gen = sorted(os.listdir(os.path.join(work, "gen")))
with open(os.path.join(work, "plain.jsonl"), "w") as plain, open(os.path.join(work, "pages.jsonl"), "w") as pages:
    for name in gen:
        text = open(os.path.join(work, "gen", name), encoding="utf-8").read()
        emit(plain, "gen/" + name, text, fetched_at="2025-08-10T12:00:00Z")
        emit(pages, "gen/" + name, text, fetched_at="2025-08-10T12:00:00Z")
    for split in ("dev", "gold"):
        path = os.path.join(polnear, split + ".jsonl")
        if not os.path.exists(path):
            print("snapshot: no " + path + "; PolNeAR texts left out", file=sys.stderr)
            continue
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            emit(plain, "polnear/" + d["id"], d["text"], fetched_at="2016-11-01T12:00:00Z")
    manifest = json.load(open(os.path.join(samples, "manifest.json")))
    for f in manifest["files"]:
        if f.get("format") == "html":
            continue  # read as HTML below, one file at a time
        text = open(os.path.join(samples, f["file"]), encoding="utf-8").read()
        emit(pages, "samples/" + f["file"], text, fetched_at=f["fetched_at"])
PY
{
  "$bin" extract --jsonl --plain < "$work/plain.jsonl"
  "$bin" extract --jsonl < "$work/pages.jsonl"
  python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    if f.get("format") == "html":
        print(sys.argv[2] + "/" + f["file"], f["fetched_at"])
' "$root/data/samples/manifest.json" "$root/data/samples" | while read -r file at; do
    "$bin" extract --fetched-at "$at" "$file" | tr -d '\n'; echo
  done
} > "$out"
echo "snapshot: $(wc -l < "$out") lines in $out" >&2
