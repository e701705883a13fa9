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
      if (i18n.language === 'en') return known ? t(key) : err.message || t('errors.generic');
      if (err.code === 'NETWORK') return t(key);
      return err.message || (known ? t(key) : t('errors.generic'));
    },
    [t, i18n],
  );
}

interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Field-level problems from a VALIDATION error, when the server names the fields. Accepts the
 * shapes a JSON-schema validator produces: `[{ field|path|instancePath, message }]`.
 */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  const issues: FieldIssue[] = [];
  for (const item of err.details as Array<Record<string, unknown>>) {
    if (!item || typeof item !== 'object') continue;
    const raw = item.field ?? item.path ?? item.instancePath ?? item.property;
    const field = typeof raw === 'string' ? raw.replace(/^[/.]/, '').split(/[/.]/)[0] : '';
    if (field && typeof item.message === 'string') issues.push({ field, message: item.message });
  }
  return issues;
}
