/**
 * Plans (issue 3): parse, import, review, export, and the 对标 benchmark. Shapes follow the "Plans"
 * section of docs/api-contract.md; fields the agreement leaves open are read defensively.
 */
import { ApiError, api, getCsrfToken, request } from './client.ts';
import type { ListResponse } from './types.ts';

export * from './plans-types.ts';
import type {
  BenchmarkEntry,
  BuiltinMetricSynonym,
  BenchmarkGroup,
  MetricSynonymRow,
  ParsePreview,
  PlanDetail,
  PlanSaveInput,
  PlanStatus,
  PlanSummary,
  TargetOp,
  UnitResolutionItem,
  UnitSuggestion,
} from './plans-types.ts';

/** Extensions the readers accept; anything else is refused before uploading. */
export const PLAN_FILE_EXTENSIONS = ['.docx', '.doc', '.pdf', '.html', '.htm', '.txt'] as const;

export type UploadPhase = 'uploading' | 'parsing';

export interface UploadOptions {
  year?: number | null;
  sourceName?: string;
  onProgress?(phase: UploadPhase, percent: number): void;
  signal?: AbortSignal;
}

/**
 * Multipart upload with progress (fetch cannot report upload progress): the file, then the year.
 * The server's `{ error }` body becomes an `ApiError` as with every other call.
 */
function upload<T>(path: string, file: File, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = options.year ? `?year=${encodeURIComponent(String(options.year))}` : '';
    xhr.open('POST', `/api/v1${path}${query}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.('uploading', Math.round((e.loaded / e.total) * 100));
    };
    // Once the bytes are sent the server reads and parses the document.
    xhr.upload.onload = () => options.onProgress?.('parsing', 100);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          typeof error?.code === 'string' ? error.code : `HTTP_${xhr.status}`,
          typeof error?.message === 'string' ? error.message : xhr.statusText,
          error?.details,
        ),
      );
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    if (options.year) form.append('year', String(options.year));
    if (options.sourceName) form.append('sourceName', options.sourceName);
    // The file goes last so that fields before it are readable while streaming.
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toSuggestion(raw: Loose): UnitSuggestion | null {
  const unit = (raw.unit ?? {}) as Loose;
  const unitId = str(raw.unitId) ?? str(raw.id) ?? str(unit.id);
  if (!unitId) return null;
  return {
    unitId,
    name: str(raw.name) ?? str(raw.unitName) ?? str(unit.name),
    score: num(raw.score),
    reason: str(raw.reason) ?? undefined,
  };
}

/** Reads one resolve-units item whatever the exact field names the server chose. */
export function toResolution(raw: Loose): UnitResolutionItem {
  const match = raw.match && typeof raw.match === 'object' ? toSuggestion(raw.match as Loose) : null;
  const how = raw.match && typeof raw.match === 'object' ? str((raw.match as Loose).how) : null;
  return {
    printed: String(raw.printed ?? ''),
    match: match ? { unitId: match.unitId, name: match.name, how: how ?? undefined } : null,
    suggestions: Array.isArray(raw.suggestions)
      ? (raw.suggestions as Loose[]).map(toSuggestion).filter((s): s is UnitSuggestion => s !== null)
      : [],
  };
}

function toBenchmarkEntry(raw: Loose, groupUnit: string): BenchmarkEntry {
  const row = (raw.row ?? raw) as Loose;
  const plan = (row.plan ?? {}) as Loose;
  // `displayValue` is the value converted to the group's unit (24 小时 beside 1 天).
  const display = num(raw.displayValue);
  if (display !== null) {
    return {
      planId: str(row.planId) ?? str(plan.id),
      planTitle: str(row.planTitle) ?? str(plan.title),
      region: str(row.regionName) ?? str(row.region) ?? str(plan.regionName),
      metric: String(row.metric ?? ''),
      op: (row.op as TargetOp) ?? '=',
      value: display,
      unit: groupUnit || String(row.unit ?? ''),
      by: str(row.by),
      text: str(row.text),
      best: raw.best === true,
      rank: num(raw.rank),
    };
  }
  return {
    planId: str(row.planId) ?? str(plan.id),
    planTitle: str(row.planTitle) ?? str(plan.title),
    region: str(row.region) ?? str(row.regionName) ?? str(plan.regionName),
    metric: String(row.metric ?? ''),
    op: (row.op as TargetOp) ?? '=',
    value: num(raw.value) ?? num(row.value) ?? 0,
    unit: String(raw.unit ?? row.unit ?? ''),
    by: str(row.by),
    text: str(row.text),
    best: raw.best === true || row.best === true,
    rank: num(raw.rank) ?? num(row.rank),
  };
}

/** Reads the benchmark answer: `{ groups }` or `{ items }`, entries as `{ row, value, best }` or flat. */
export function toBenchmarkGroups(raw: unknown): BenchmarkGroup[] {
  const body = (raw ?? {}) as Loose;
  const groups = (Array.isArray(body.groups) ? body.groups : Array.isArray(body.items) ? body.items : []) as Loose[];
  return groups.map((g) => ({
    canonical: String(g.canonical ?? g.metric ?? ''),
    unit: String(g.unit ?? ''),
    direction: g.direction === 'lower' || g.direction === 'higher' ? g.direction : null,
    entries: (Array.isArray(g.entries) ? g.entries : Array.isArray(g.targets) ? g.targets : []).map((e) => toBenchmarkEntry(e as Loose, String(g.unit ?? ''))),
  }));
}

export const plansApi = {
  list: (query: { status?: PlanStatus; q?: string; page?: number; pageSize?: number }) =>
    api.get<ListResponse<PlanSummary>>('/plans', query),
  get: (id: string) => api.get<PlanDetail>(`/plans/${id}`),
  parseFile: (file: File, options: UploadOptions = {}) => upload<ParsePreview>('/plans/parse', file, options),
  parseText: (text: string, year?: number | null) => api.post<ParsePreview>('/plans/parse', { text, ...(year ? { year } : {}) }),
  createFromFile: (file: File, options: UploadOptions = {}) => upload<PlanDetail>('/plans', file, options),
  createFromText: (text: string, sourceName?: string, year?: number | null) =>
    api.post<PlanDetail>('/plans', { text, ...(sourceName ? { sourceName } : {}), ...(year ? { year } : {}) }),
  save: (id: string, body: PlanSaveInput) => request<PlanDetail>('PUT', `/plans/${id}`, { body }),
  remove: (id: string) => api.delete(`/plans/${id}`),
  resolveUnits: async (id: string): Promise<UnitResolutionItem[]> => {
    const res = await api.post<{ items?: Loose[] }>(`/plans/${id}/resolve-units`);
    return (res?.items ?? []).map(toResolution);
  },
  breakdownUrl: (id: string) => `/api/v1/plans/${id}/breakdown.xlsx`,
  jsonUrl: (id: string) => `/api/v1/plans/${id}/plan.json`,
};

export const benchmarkApi = {
  groups: async (metric?: string) => toBenchmarkGroups(await api.get<unknown>('/benchmark', { metric })),
  synonyms: () => api.get<ListResponse<MetricSynonymRow> & { builtin?: BuiltinMetricSynonym[] }>('/metric-synonyms'),
  addSynonym: (body: { canonical: string; variant: string }) => api.post<MetricSynonymRow>('/metric-synonyms', body),
  removeSynonym: (id: string) => api.delete(`/metric-synonyms/${id}`),
};
