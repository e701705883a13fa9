import type { ListResponse, Policies } from '../api/types.ts';

/** Whether the server allowed `action` on a record. Absent means no. */
export function can(policies: Policies | undefined, action: string): boolean {
  return policies?.[action] === true;
}

/**
 * Whether to offer "create" on a list. Collection policies decide when the server sends them;
 * without them the button shows (the page is only in the menu for roles that manage it) and the
 * server's answer is final.
 */
export function canCreate(list: ListResponse<unknown> | undefined): boolean {
  return list?.policies ? can(list.policies, 'create') : true;
}
