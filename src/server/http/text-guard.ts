/**
 * Text PostgreSQL (and JSON storage) would refuse: NUL (U+0000) and lone UTF-16 surrogates.
 * The request edge refuses them (400 naming the field); text read from uploaded or pasted
 * documents is cleaned instead, and the caller says so in its issues list.
 */

/** Why a string is refused, or null when it is safe to store. */
export function unsafeTextReason(value: string): 'nul' | 'surrogate' | null {
  if (value.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return null;
}

export interface UnsafeText {
  /** JSON-pointer-like path below the root, e.g. `/items/0/name` (or `/<key>` for a bad key). */
  path: string;
  reason: 'nul' | 'surrogate';
}

const MAX_DEPTH = 64;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** The first string (value or object key) under `value` that would be refused; walks arrays and plain objects. */
export function findUnsafeText(value: unknown, path = '', depth = 0): UnsafeText | null {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? { path, reason } : null;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeText(value[i], `${path}/${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const keyReason = unsafeTextReason(key);
    if (keyReason) return { path: `${path}/${safeKey(key)}`, reason: keyReason };
    const hit = findUnsafeText(item, `${path}/${key}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** Message for a refused string (zh-CN, names the character class, never echoes it). */
export function unsafeTextMessage(reason: 'nul' | 'surrogate'): string {
  return reason === 'nul' ? '含有不允许的空字符（U+0000）' : '含有无效的 Unicode 字符（孤立的代理项）';
}

/** A key made printable for an error path: the bad characters become `?`. */
function safeKey(key: string): string {
  return key.replace(/\u0000/g, '?').replace(LONE_SURROGATES, '?');
}

export interface CleanedText {
  text: string;
  /** How many NUL characters were dropped. */
  nulRemoved: number;
  /** How many lone surrogates became U+FFFD. */
  surrogatesReplaced: number;
}

/**
 * Text read from a document (Word, PDF, pasted from Word) made storable: NUL dropped, lone
 * surrogates replaced by U+FFFD, with the counts so the caller can tell the user.
 */
export function cleanDocumentText(text: string): CleanedText {
  let nulRemoved = 0;
  let out = text;
  if (out.includes('\u0000')) {
    const before = out.length;
    out = out.replace(/\u0000/g, '');
    nulRemoved = before - out.length;
  }
  let surrogatesReplaced = 0;
  if (LONE_SURROGATE.test(out)) {
    out = out.replace(LONE_SURROGATES, () => {
      surrogatesReplaced++;
      return '\ufffd';
    });
  }
  return { text: out, nulRemoved, surrogatesReplaced };
}
