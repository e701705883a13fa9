import type { AuditSnapshot } from '../../api/types.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Field-by-field comparison of an audit row's before and after, changed fields first. */
export function diffSnapshots(before: AuditSnapshot, after: AuditSnapshot): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const rows = [...fields].map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) };
  });
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed));
}

/** How a snapshot value reads in the table. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
