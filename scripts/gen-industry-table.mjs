// Regenerates src/core/enterprise/industry-table.ts from src/core/enterprise/data/gbt4754-2017.txt.
import { readFileSync, writeFileSync } from 'node:fs';
const dir = new URL('../src/core/enterprise/', import.meta.url);
const text = readFileSync(new URL('data/gbt4754-2017.txt', dir), 'utf8');
if (/[`\\]|\$\{/.test(text)) throw new Error('table text must not contain backticks, backslashes or ${');
writeFileSync(
  new URL('industry-table.ts', dir),
  `/**\n * The GB/T 4754-2017 code table as text (generated from data/gbt4754-2017.txt by scripts/gen-industry-table.mjs,\n * kept in TypeScript so core stays free of file I/O). Do not edit by hand.\n */\nexport const INDUSTRY_TABLE_TEXT = \`\n${text}\`;\n`,
);
