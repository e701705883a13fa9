import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/**
 * Turns a failed call into a sentence for the user. The server writes its messages in Chinese and
 * they can be more specific than our catalogue (a field name, a wait time), so Chinese shows them as
 * sent; English maps the error code through i18n and falls back to the server's words.
 */
export function useErrorMessage(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) return t('errors.generic');
      const key = `errors.${err.code}`;
      const known = i18n.exists(key);
      const english = i18n.language === 'en';
      let text: string;
      if (english) text = known ? t(key) : err.message || t('errors.generic');
      else if (err.code === 'NETWORK') text = t(key);
      else text = err.message || (known ? t(key) : t('errors.generic'));
      return `${text}${detailSuffix(err, english, t)}`;
    },
    [t, i18n],
  );
}

/** The specifics some errors carry in `details`: password rules broken, time left in a lockout. */
function detailSuffix(err: ApiError, english: boolean, t: (key: string, options?: Record<string, unknown>) => string): string {
  const details = (err.details ?? {}) as { problems?: unknown; retryAfterSeconds?: unknown };
  if (typeof details.retryAfterSeconds === 'number' && details.retryAfterSeconds > 0) {
    return t('errors.retryAfter', { minutes: Math.max(1, Math.ceil(details.retryAfterSeconds / 60)) });
  }
  // The server states its password problems in Chinese; their reason codes name them in English.
  if (!english && Array.isArray(details.problems) && details.problems.length > 0) {
    return `：${details.problems.filter((p) => typeof p === 'string').join('；')}`;
  }
  const reasons = (err.details as { reasons?: unknown } | null)?.reasons;
  if (english && Array.isArray(reasons) && reasons.length > 0) {
    return `: ${reasons.filter((r): r is string => typeof r === 'string').map((r) => t(`password.reason.${r}`)).join('; ')}`;
  }
  // Unmatched lead units (SUP_UNRESOLVED_UNITS): the Chinese message names them already.
  const items = (err.details as { items?: unknown } | null)?.items;
  if (english && Array.isArray(items) && items.length > 0) {
    const named = (items as { number?: unknown; printed?: unknown }[]).slice(0, 12).map((i) => (typeof i.printed === 'string' ? `${String(i.number)} “${i.printed}”` : `${String(i.number)} (${t('ux.publish.noLead')})`));
    return `: ${named.join('; ')}${items.length > 12 ? ' …' : ''}`;
  }
  return '';
}

const REQUEST_PARTS = new Set(['body', 'querystring', 'query', 'params', 'headers']);

interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Field-level problems from a VALIDATION error, when the server names the fields. Accepts the
 * shapes a JSON-schema validator produces: `[{ field|path|instancePath, message }]`, e.g.
 * `{ field: 'body.name', message: 'must NOT have fewer than 1 characters' }` -> `name`.
 */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  const issues: FieldIssue[] = [];
  for (const item of err.details as Array<Record<string, unknown>>) {
    if (!item || typeof item !== 'object') continue;
    const raw = item.field ?? item.path ?? item.instancePath ?? item.property;
    // "body.name", "/name" or "name": the form field is the first segment after the request part.
    const segments = typeof raw === 'string' ? raw.split(/[/.]/).filter(Boolean) : [];
    if (REQUEST_PARTS.has(segments[0])) segments.shift();
    const field = segments[0] ?? '';
    if (field && typeof item.message === 'string') issues.push({ field, message: item.message });
  }
  return issues;
}
