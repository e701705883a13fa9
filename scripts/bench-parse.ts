/**
 * Parser throughput: parsePlan over the five seed plans repeated, beside a one-pass regex scan
 * (numbering markers, unit labels, deadlines and percentages) over the same text in the same run:
 * one global regex of the plan's key tokens, run once over each document per round.
 * Prints one JSON line: {"parseMBps", "regexScanMBps", "ratio", "seedParseMs"}.
 *   npm run -s bench:parse
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../src/core/plan/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seedDir = [join(root, 'test/fixtures/seeds'), join(root, '../shared/seeds'), join(root, 'test/fixtures/plans')].find((d) => existsSync(d))!;
const docs = readdirSync(seedDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(seedDir, f), 'utf8'));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d, 'utf8'), 0);

const SCAN =
  /^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))|(?:责任单位|牵头单位|配合单位)[:：]|\d{4}年|\d{1,2}\s*月底前|\d+(?:\.\d+)?\s*(?:%|个工作日)/gm;

function scan(text: string): number {
  let n = 0;
  SCAN.lastIndex = 0;
  while (SCAN.exec(text)) n++;
  return n;
}

// Warm up both paths so the JIT has compiled them.
for (let i = 0; i < 5; i++) for (const d of docs) (parsePlan(d, { baseYear: 2022 }), scan(d));

// Parse and scan rounds alternate, so that both see the same machine load (the team shares
// two cores); each side's time is summed separately.
let sink = 0;
const parse = { rounds: 0, ms: 0 };
const regex = { rounds: 0, ms: 0 };
const start = performance.now();
while (performance.now() - start < 2500 || parse.rounds < 3) {
  let t = performance.now();
  for (const d of docs) sink += parsePlan(d, { baseYear: 2022 }).plan.measures.length;
  parse.ms += performance.now() - t;
  parse.rounds++;
  // Scan rounds take microseconds: run enough of them per turn to be timed reliably.
  t = performance.now();
  for (let k = 0; k < 20; k++) for (const d of docs) sink += scan(d);
  regex.ms += performance.now() - t;
  regex.rounds += 20;
}

// The largest seed (about 26 KB), median of repeated runs.
const largest = docs.reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a));
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  sink += parsePlan(largest, { baseYear: 2022 }).plan.measures.length;
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);

const mb = bytes / 1024 / 1024;
const parseMBps = (mb * parse.rounds) / (parse.ms / 1000);
const regexScanMBps = (mb * regex.rounds) / (regex.ms / 1000);
const out = {
  parseMBps: Number(parseMBps.toFixed(2)),
  regexScanMBps: Number(regexScanMBps.toFixed(2)),
  ratio: Number((parseMBps / regexScanMBps).toFixed(3)),
  seedParseMs: Number(times[Math.floor(times.length / 2)].toFixed(2)),
};
if (sink < 0) console.error(sink);
console.log(JSON.stringify(out));
