#!/usr/bin/env python3
"""eval-quotes.py [--split test|dev|train] [--bin PATH]: score dateline's quotes on
PolNeAR (../shared/eval) twice, with the benchmark's own scorer:

  as run.py   each quote's start/end, as ../shared/eval/run.py scores them;
  by context  a partial quote scored through its context clause, as PolNeAR
              annotates content clauses, not quoted fragments: the fragments of one
              clause with one speaker are one answer, the clause's span.

Everything else (extraction, the scorer, the speaker rule) is run.py's."""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "..", "shared", "eval")
sys.path.insert(0, EVAL)
import run  # noqa: E402  (the reviewers' runner: build and extract as they do)

def answers(art, by_context):
    out, seen = [], set()
    for q in art.get("quotes") or []:
        m = q.get("speaker_mention") or {}
        spk = m.get("text") or q.get("speaker")
        s, e = q.get("start"), q.get("end")
        ctx = q.get("context") or {}
        if by_context and q.get("kind") == "partial" and ctx:
            s, e = ctx.get("start"), ctx.get("end")
            if (s, e, spk) in seen:
                continue
            seen.add((s, e, spk))
        out.append({"start": s, "end": e, "speaker": spk})
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--bin")
    a = ap.parse_args()
    gold = os.path.join(EVAL, "quotes", "polnear", {"test": "gold.jsonl", "dev": "dev.jsonl", "train": "train.jsonl"}[a.split])
    if not os.path.exists(gold):
        sys.exit(f"eval-quotes: no {gold} (the benchmarks live in ../shared/eval)")
    score = os.path.join(EVAL, "quotes", "score.py")
    with tempfile.TemporaryDirectory() as tmp:
        binary = a.bin or run.build(tmp)
        docs = [{"id": d["id"], "text": d["text"]} for d in map(json.loads, open(gold, encoding="utf-8"))]
        out = run.extract(binary, docs)
        for view, by_context in (("as run.py", False), ("by context", True)):
            path = os.path.join(tmp, "sys.jsonl")
            with open(path, "w") as f:
                for i, art in out.items():
                    f.write(json.dumps({"id": i, "quotes": answers(art, by_context)}) + "\n")
            for flags, name in (([], "all attributions"), (["--speech-only"], "speech-only view")):
                print(f"\n== {a.split}, {view}, {name}", flush=True)
                subprocess.run([sys.executable, score, gold, path, "--errors", "0"] + flags, check=True)

if __name__ == "__main__":
    main()
