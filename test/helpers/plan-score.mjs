#!/usr/bin/env node
// Copied from the project's shared tools (shared/tools/plan-score.mjs) so the seed-vs-gold tests run from a clean clone.
// Scores parsed plans against hand-made gold answers (format: ../plan-format/).
//
//   node plan-score.mjs GOLD.json PRED.json
//   node plan-score.mjs --gold DIR --docs DIR --run 'CMD {file} {year}'
//
// With --run, each gold file's `source` document is looked up in --docs, the command is run with
// {file} replaced by its path and {year} by the gold baseYear, and its stdout is read as the plan.
// Prints per-document figures and a micro-averaged table; the last line is `score: X` (0..1).
// Only node's standard library is used.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { execSync } from 'node:child_process';

const WEIGHTS = { measures: 0.25, units: 0.25, deadlines: 0.15, targets: 0.35 };

const fold = (s) => String(s ?? '').replace(/\s+/g, '');
const normUnit = (u) =>
  fold(u)
    .replace(/[〔（(［\[]/g, '(')
    .replace(/[〕）)］\]]/g, ')')
    .replace(/^(责任单位|牵头单位|配合单位)[:：]?/, '');
const normId = (id) => fold(id).replace(/[()（）.、]/g, (c) => (c === '.' ? '.' : ''));
const normTargetUnit = (u) => fold(u).replace(/^个(?=工作日|月|小时)/, '').replace('％', '%');

function bigrams(s) {
  const t = fold(s);
  const out = new Map();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}
function dice(a, b) {
  const A = bigrams(a), B = bigrams(b);
  let inter = 0, na = 0, nb = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [g, v] of A) inter += Math.min(v, B.get(g) ?? 0);
  return na + nb === 0 ? 1 : (2 * inter) / (na + nb);
}

// Count true positives between two multisets of keys.
function overlap(goldKeys, predKeys) {
  const pool = new Map();
  for (const k of predKeys) pool.set(k, (pool.get(k) ?? 0) + 1);
  let tp = 0;
  for (const k of goldKeys) {
    const n = pool.get(k) ?? 0;
    if (n > 0) { tp++; pool.set(k, n - 1); }
  }
  return { tp, fp: predKeys.length - tp, fn: goldKeys.length - tp };
}

// Pair gold measures with predicted ones: first by id, then by text similarity (>= 0.5).
function alignMeasures(gold, pred) {
  const pairs = [];
  const usedPred = new Set();
  const byId = new Map();
  pred.forEach((m, i) => {
    const k = normId(m.id);
    if (!byId.has(k)) byId.set(k, []);
    byId.get(k).push(i);
  });
  const unmatched = [];
  for (const g of gold) {
    const cands = (byId.get(normId(g.id)) ?? []).filter((i) => !usedPred.has(i));
    const best = cands.find((i) => dice(g.text, pred[i].text) >= 0.5);
    if (best !== undefined) { usedPred.add(best); pairs.push([g, pred[best]]); } else unmatched.push(g);
  }
  for (const g of unmatched) {
    let best = -1, bestScore = 0.5;
    pred.forEach((m, i) => {
      if (usedPred.has(i)) return;
      const s = dice(g.text, m.text);
      if (s >= bestScore) { best = i; bestScore = s; }
    });
    if (best >= 0) { usedPred.add(best); pairs.push([g, pred[best]]); }
  }
  return { pairs, tp: pairs.length, fp: pred.length - pairs.length, fn: gold.length - pairs.length };
}

const zero = () => ({ tp: 0, fp: 0, fn: 0 });
const add = (a, b) => { a.tp += b.tp; a.fp += b.fp; a.fn += b.fn; return a; };
const f1 = ({ tp, fp, fn }) => (tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn));
const prf = (c) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1(c).toFixed(3)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
};

export function scorePlan(gold, pred) {
  const gm = gold.measures ?? [], pm = Array.isArray(pred?.measures) ? pred.measures : [];
  const { pairs, ...measures } = alignMeasures(gm, pm);
  const units = zero(), roles = zero(), deadlines = zero(), targets = zero();
  for (const [g, p] of pairs) {
    const gl = (g.leadUnits ?? []).map(normUnit), gc = (g.cooperatingUnits ?? []).map(normUnit);
    const pl = (p.leadUnits ?? []).map(normUnit), pc = (p.cooperatingUnits ?? []).map(normUnit);
    add(units, overlap([...gl, ...gc], [...pl, ...pc]));
    add(roles, overlap([...gl.map((u) => 'L' + u), ...gc.map((u) => 'C' + u)], [...pl.map((u) => 'L' + u), ...pc.map((u) => 'C' + u)]));
    const dk = (d) => d?.date ?? 'text:' + fold(d?.text);
    add(deadlines, overlap((g.deadlines ?? []).map(dk), (p.deadlines ?? []).map(dk)));
    const tk = (t) => {
      const unit = normTargetUnit(t?.unit), value = Number(t?.value);
      const op = unit === '%' && value === 100 ? '>=' : t?.op;
      return `${op}|${value}|${unit}`;
    };
    add(targets, overlap((g.targets ?? []).map(tk), (p.targets ?? []).map(tk)));
  }
  // Measures the predictor missed lose their units, deadlines and targets too.
  const matchedGold = new Set(pairs.map(([g]) => g));
  for (const g of gm) {
    if (matchedGold.has(g)) continue;
    const n = (g.leadUnits ?? []).length + (g.cooperatingUnits ?? []).length;
    units.fn += n; roles.fn += n;
    deadlines.fn += (g.deadlines ?? []).length;
    targets.fn += (g.targets ?? []).length;
  }
  const matchedPred = new Set(pairs.map(([, p]) => p));
  for (const p of pm) {
    if (matchedPred.has(p)) continue;
    const n = (p.leadUnits ?? []).length + (p.cooperatingUnits ?? []).length;
    units.fp += n; roles.fp += n;
    deadlines.fp += (p.deadlines ?? []).length;
    targets.fp += (p.targets ?? []).length;
  }
  const fields = ['title', 'issuer', 'region', 'issuedOn', 'baseYear'];
  const fieldHits = fields.filter((k) => fold(gold[k]) === fold(pred?.[k])).length;
  return { measures, units, roles, deadlines, targets, fieldHits, fieldCount: fields.length };
}

export function overall(s) {
  return (
    WEIGHTS.measures * f1(s.measures) +
    WEIGHTS.units * f1(s.units) +
    WEIGHTS.deadlines * f1(s.deadlines) +
    WEIGHTS.targets * f1(s.targets)
  );
}

function report(name, s) {
  console.log(`## ${name}`);
  console.log(`  measures  ${prf(s.measures)}`);
  console.log(`  units     ${prf(s.units)}`);
  console.log(`  roles     ${prf(s.roles)}`);
  console.log(`  deadlines ${prf(s.deadlines)}`);
  console.log(`  targets   ${prf(s.targets)}`);
  console.log(`  fields    ${s.fieldHits}/${s.fieldCount}`);
  console.log(`  score     ${overall(s).toFixed(3)}`);
}

function main(argv) {
  const opt = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) opt[argv[i].slice(2)] = argv[++i];
    else rest.push(argv[i]);
  }
  const runs = [];
  if (opt.gold) {
    for (const f of readdirSync(opt.gold).filter((f) => f.endsWith('.json')).sort()) {
      const gold = JSON.parse(readFileSync(join(opt.gold, f), 'utf8'));
      let pred = null;
      if (opt.run) {
        const doc = join(opt.docs ?? '.', gold.source ?? basename(f, '.json') + '.txt');
        const cmd = opt.run.replaceAll('{file}', JSON.stringify(doc)).replaceAll('{year}', String(gold.baseYear ?? ''));
        try {
          pred = JSON.parse(execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }));
        } catch (e) {
          console.log(`## ${f}: the command failed or printed no JSON: ${String(e.message).split('\n')[0]}`);
        }
      } else if (opt.pred) {
        try { pred = JSON.parse(readFileSync(join(opt.pred, f), 'utf8')); } catch { pred = null; }
      }
      runs.push([f, gold, pred]);
    }
  } else if (rest.length === 2) {
    runs.push([rest[1], JSON.parse(readFileSync(rest[0], 'utf8')), JSON.parse(readFileSync(rest[1], 'utf8'))]);
  } else {
    console.error('usage: plan-score.mjs GOLD.json PRED.json | --gold DIR (--pred DIR | --docs DIR --run CMD)');
    process.exit(2);
  }
  const total = { measures: zero(), units: zero(), roles: zero(), deadlines: zero(), targets: zero(), fieldHits: 0, fieldCount: 0 };
  for (const [name, gold, pred] of runs) {
    const s = scorePlan(gold, pred ?? { measures: [] });
    report(name, s);
    for (const k of ['measures', 'units', 'roles', 'deadlines', 'targets']) add(total[k], s[k]);
    total.fieldHits += s.fieldHits;
    total.fieldCount += s.fieldCount;
  }
  if (runs.length > 1) report('all (micro-averaged)', total);
  console.log(`score: ${overall(total).toFixed(3)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
