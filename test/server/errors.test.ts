import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/server/errors.ts';
import { ROOT } from '../helpers/test-app.ts';

/** Codes documented as the first cell of a table row in docs/errors.md, with their status. */
function documentedCodes(): Map<string, number> {
  const codes = new Map<string, number>();
  for (const line of readFileSync(join(ROOT, 'docs/errors.md'), 'utf8').split('\n')) {
    const m = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*(\d{3})\s*\|/.exec(line);
    if (m) codes.set(m[1], Number(m[2]));
  }
  return codes;
}

describe('error catalog', () => {
  it('should document every code of src/server/errors.ts in docs/errors.md', () => {
    const documented = documentedCodes();
    expect(Object.keys(ERRORS).filter((code) => !documented.has(code))).toEqual([]);
  });

  it('should list in docs/errors.md only codes the catalog has, with the same status', () => {
    const catalog = ERRORS as Record<string, { status: number }>;
    const documented = [...documentedCodes()];
    expect(documented.filter(([code]) => !(code in catalog)).map(([code]) => code)).toEqual([]);
    expect(documented.filter(([code, status]) => catalog[code] && catalog[code].status !== status)).toEqual([]);
  });

  it('should give every code a 4xx/5xx status and a message, and report only 5xx', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.message.length, code).toBeGreaterThan(0);
      expect(e.reportable, code).toBe(e.status >= 500);
    }
  });
});
