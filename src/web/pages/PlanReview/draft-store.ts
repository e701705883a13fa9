/**
 * Keeps the review page's unsaved edits in localStorage, per plan, until the server accepted them:
 * a reload, a closed tab or a failed save loses nothing that was typed.
 */
import type { PlanDraft } from './plan-draft.ts';

export interface StoredDraft {
  /** Server version the edits started from. */
  baseVersion: number;
  savedAt: string;
  draft: PlanDraft;
}

const PREFIX = 'yingshang.planDraft.';

export function loadStoredDraft(planId: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(PREFIX + planId);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft;
    if (!parsed || typeof parsed.baseVersion !== 'number' || !parsed.draft || !Array.isArray(parsed.draft.measures)) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** @returns false when the browser refused (storage full or disabled); the page then warns. */
export function storeDraft(planId: string, baseVersion: number, draft: PlanDraft): boolean {
  try {
    const value: StoredDraft = { baseVersion, savedAt: new Date().toISOString(), draft };
    localStorage.setItem(PREFIX + planId, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function clearStoredDraft(planId: string): void {
  try {
    localStorage.removeItem(PREFIX + planId);
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}
