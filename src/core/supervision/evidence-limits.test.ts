import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, megabytes } from './evidence-limits.ts';

describe('evidence limits', () => {
  it('should state the limit in megabytes as the form shows it', () => {
    expect(megabytes(EVIDENCE_MAX_BYTES)).toBe(10);
    expect(megabytes(1024 * 1024 - 1)).toBe(0);
    expect(EVIDENCE_MAX_FILES).toBe(10);
  });
});
