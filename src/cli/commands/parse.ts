import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join, dirname } from 'node:path';
import { parsePlan } from '../../core/plan/index.ts';
import { DocumentReadError, readDocument } from '../../server/readers/index.ts';

export const summary = 'parse a plan document (.docx/.doc/.pdf/.html/.txt) and print the structured plan';

export const usage = `Usage: yingshang parse FILE [--year N] [--format json|xlsx] [--out PATH] [--issues]

  FILE            plan document: .docx, .doc, .pdf (with a text layer), .html, .txt (UTF-8 or GBK)
  --year N        plan year for deadlines printed without a year (default: inferred from the document)
  --format F      json (default: the plan JSON on stdout) or xlsx (the 任务分解表)
  --out PATH      where to write the output (default for xlsx: FILE's base name + .xlsx)
  --issues        print the parser's issues on stderr

Exit codes: 0 success, 1 unreadable document, 2 bad arguments.
`;

interface Args {
  file?: string;
  year?: number;
  format: 'json' | 'xlsx';
  out?: string;
  issues: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { format: 'json', issues: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--year') {
      if (v === undefined || !/^\d{4}$/.test(v)) return '--year needs a four-digit year';
      a.year = Number(v);
      i++;
    } else if (k === '--format') {
      if (v !== 'json' && v !== 'xlsx') return '--format must be json or xlsx';
      a.format = v;
      i++;
    } else if (k === '--out') {
      if (!v) return '--out needs a path';
      a.out = v;
      i++;
    } else if (k === '--issues') a.issues = true;
    else if (k.startsWith('--')) return `unknown option ${k}`;
    else if (a.file) return `unexpected argument ${k}`;
    else a.file = k;
  }
  if (!a.file) return 'missing FILE';
  return a;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`yingshang parse: ${args}\n\n${usage}`);
    return 2;
  }
  let buf: Buffer;
  try {
    buf = await readFile(args.file!);
  } catch (err) {
    process.stderr.write(`yingshang parse: 无法读取文件 ${args.file}: ${(err as Error).message}\n`);
    return 1;
  }
  let text: string;
  try {
    ({ text } = await readDocument(buf, basename(args.file!)));
  } catch (err) {
    if (err instanceof DocumentReadError) {
      process.stderr.write(`yingshang parse: ${err.code}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { plan, issues } = parsePlan(text, { baseYear: args.year ?? null, source: basename(args.file!) });
  if (args.issues) for (const i of issues) process.stderr.write(`${i.code}${i.measureId ? ` [${i.measureId}]` : ''}: ${i.message}\n`);
  if (args.format === 'xlsx') {
    const { buildBreakdownWorkbook } = await import('../../server/exports/plan-breakdown-xlsx.ts');
    const out = args.out ?? join(dirname(args.file!), basename(args.file!, extname(args.file!)) + '.xlsx');
    await writeFile(out, await buildBreakdownWorkbook(plan));
    process.stderr.write(`wrote ${out} (${plan.measures.length} measures)\n`);
    return 0;
  }
  const json = JSON.stringify(plan, null, 2) + '\n';
  if (args.out) await writeFile(args.out, json);
  else await new Promise<void>((resolve) => process.stdout.write(json, () => resolve()));
  return 0;
}
