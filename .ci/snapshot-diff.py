#!/usr/bin/env python3
"""snapshot-diff.py BASE NEW: what changed between two snapshots (see
snapshot.sh), as counts and one short line per event, quote, person or time
expression gained or lost, so a golden diff reads as what the change did."""
import json, sys

def items(art):
    for e in art.get("events") or []:
        yield "event", f'{e.get("kind")} {e.get("date")} {e.get("actors") or []} | {e.get("summary", "")[:90]}'
    for q in art.get("quotes") or []:
        yield "quote", f'{q.get("kind")} {q.get("speaker") or "-"} <{q.get("cue")}> | {q.get("text", "")[:80]}'
    for p in art.get("people") or []:
        yield "person", f'{p.get("name")} ({p.get("kind")})'
    for t in art.get("timexes") or []:
        yield "timex", f'{t.get("text")} = {t.get("value")} @{t.get("start")}'

def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        key = json.dumps(d.get("id"))
        if key == "null" or key in out:
            key = f"{key}#{len(out)}"
        out[key] = d
    return out

def main(base, new, limit=int(sys.argv[3]) if len(sys.argv) > 3 else 60):
    a, b = load(base), load(new)
    counts, lines, texts = {}, [], 0
    for key in sorted(set(a) | set(b)):
        if a.get(key) == b.get(key):
            continue
        texts += 1
        old = [i for art in (a.get(key) or {}).get("articles", []) for i in items(art)]
        cur = [i for art in (b.get(key) or {}).get("articles", []) for i in items(art)]
        for sign, xs, ys in (("-", old, cur), ("+", cur, old)):
            rest = list(ys)
            for x in xs:
                if x in rest:
                    rest.remove(x)
                    continue
                counts[(x[0], sign)] = counts.get((x[0], sign), 0) + 1
                lines.append(f"{sign} {key[:50]}: {x[0]} {x[1]}")
    if texts == 0:
        print(f"snapshot: identical ({len(b)} texts)")
        return 0
    summary = ", ".join(f"{k} {s}{n}" for (k, s), n in sorted(counts.items()))
    print(f"snapshot: {texts} of {len(b)} texts differ; {summary or 'only other fields'}")
    for l in lines[:limit]:
        print(l)
    if len(lines) > limit:
        print(f"... and {len(lines) - limit} more lines")
    return 1

sys.exit(main(sys.argv[1], sys.argv[2]))
