// bench.mjs times chrono-node's English casual parser (chrono.parse) on the
// texts `dateline bench` extracts, so the two are measured on the same input.
//
// Input: JSON lines {"text": "...", "published_at": "RFC3339"} from the file
// named by the last argument, or from stdin. Each text is parsed against its
// own publication time. After a warm-up (so V8 has compiled the hot code),
// the whole set is parsed --rounds times, stopping early once --max-seconds
// have passed after at least one full round. Node runs this on one thread,
// so the figures are for one core.
//
// Output: one JSON line with bytes and docs per round, rounds, seconds,
// mb_per_s, docs_per_s, dates (results found in one round), and the bytes
// and MB/s of the warm-up.
//
// Usage: node bench.mjs [--rounds 3] [--max-seconds 20] [--warmup-bytes 1000000] [file.jsonl]
import { readFileSync } from "node:fs";
import * as chrono from "chrono-node";

function options(argv) {
  const opt = { rounds: 3, maxSeconds: 20, warmupBytes: 1e6, file: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--rounds") opt.rounds = Number(argv[++i]);
    else if (a === "--max-seconds") opt.maxSeconds = Number(argv[++i]);
    else if (a === "--warmup-bytes") opt.warmupBytes = Number(argv[++i]);
    else if (a.startsWith("--")) throw new Error(`unknown flag ${a}`);
    else opt.file = a;
  }
  if (!(opt.rounds >= 1) || !(opt.maxSeconds > 0) || !(opt.warmupBytes >= 0)) {
    throw new Error("--rounds must be >= 1, --max-seconds > 0, --warmup-bytes >= 0");
  }
  return opt;
}

// readDocs parses the JSON lines; a line without text is an error, since the
// Go side always writes one.
function readDocs(file) {
  const docs = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const d = JSON.parse(line);
    const ref = new Date(d.published_at);
    if (typeof d.text !== "string" || Number.isNaN(ref.getTime())) {
      throw new Error("each line needs a text and an RFC3339 published_at");
    }
    docs.push({ text: d.text, ref, bytes: Buffer.byteLength(d.text, "utf8") });
  }
  return docs;
}

// parseAll runs chrono over every text once and returns the dates found.
function parseAll(docs) {
  let dates = 0;
  for (const d of docs) dates += chrono.parse(d.text, d.ref).length;
  return dates;
}

function main() {
  const opt = options(process.argv.slice(2));
  const docs = readDocs(opt.file);
  if (docs.length === 0) throw new Error("no texts on input");
  const bytes = docs.reduce((n, d) => n + d.bytes, 0);

  // Warm-up: parse texts, cycling through the set, until warmupBytes are
  // done. Its speed is reported too: it shows what a cold start costs.
  let warmupBytes = 0;
  const warmStart = process.hrtime.bigint();
  for (let i = 0; warmupBytes < opt.warmupBytes; i++) {
    const d = docs[i % docs.length];
    chrono.parse(d.text, d.ref);
    warmupBytes += d.bytes;
  }
  const warmSeconds = Number(process.hrtime.bigint() - warmStart) / 1e9;

  let rounds = 0;
  let dates = 0;
  const start = process.hrtime.bigint();
  let seconds = 0;
  while (rounds < opt.rounds) {
    const found = parseAll(docs);
    if (rounds === 0) dates = found;
    rounds++;
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (seconds >= opt.maxSeconds) break;
  }
  const out = {
    bytes,
    docs: docs.length,
    rounds,
    seconds,
    mb_per_s: (bytes * rounds) / 1e6 / seconds,
    docs_per_s: (docs.length * rounds) / seconds,
    dates,
    warmup_bytes: warmupBytes,
    warmup_mb_per_s: warmSeconds > 0 ? warmupBytes / 1e6 / warmSeconds : 0,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

try {
  main();
} catch (err) {
  process.stderr.write(`chrono bench: ${err.message}\n`);
  process.exit(1);
}
