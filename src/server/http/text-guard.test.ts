import { describe, expect, it } from 'vitest';
import { cleanDocumentText, findUnsafeText, unsafeTextReason } from './text-guard.ts';

describe('text guard', () => {
  it('finds NUL and lone surrogates in values and keys, with the path', () => {
    expect(unsafeTextReason('ok 中文 😀')).toBeNull();
    expect(unsafeTextReason('a\u0000')).toBe('nul');
    expect(unsafeTextReason('\ud800x')).toBe('surrogate');
    expect(unsafeTextReason('x\udfff')).toBe('surrogate');
    expect(findUnsafeText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({ path: '/a/1/c', reason: 'nul' });
    expect(findUnsafeText({ ['k\ud800']: 1 })).toEqual({ path: '/k?', reason: 'surrogate' });
    expect(findUnsafeText(Buffer.from([0, 1]))).toBeNull();
  });

  it('cleans document text and counts what it changed', () => {
    expect(cleanDocumentText('a\u0000b\u0000\ud800c😀')).toEqual({ text: 'ab\ufffdc😀', nulRemoved: 2, surrogatesReplaced: 1 });
    expect(cleanDocumentText('fine')).toEqual({ text: 'fine', nulRemoved: 0, surrogatesReplaced: 0 });
  });
});
