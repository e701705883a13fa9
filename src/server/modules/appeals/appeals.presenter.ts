import { isUnsatisfied, type AppealClock } from '../../../core/appeals/index.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { appealPolicies, canManageAppeal, canSeeContact, type AppealScopeFacts } from './appeals.permissions.ts';
import type { AppealFullRow } from './appeals.queries.ts';

export const appealFacts = (a: AppealFullRow): AppealScopeFacts => ({
  regionPath: a.region_path,
  unitId: a.unit_id,
  coUnitIds: a.co_unit_ids ?? [],
  enterpriseId: a.enterprise_id,
  handlerId: a.handler_id,
  confidential: a.confidential,
  status: a.status,
  reopenCount: a.reopen_count,
  unsatisfied: isUnsatisfied({ rating: a.rating, satisfied: a.satisfied }),
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentAppeal(a: AppealFullRow, actor: Actor, clocks: readonly AppealClock[]) {
  const facts = appealFacts(a);
  const contactVisible = canSeeContact(actor, facts);
  const staff = actor.role !== 'enterprise';
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    description: a.description,
    status: a.status,
    channel: a.channel,
    category: { id: a.category_id, code: a.category_code, name: a.category_name, limits: { signDays: a.sign_days, replyDays: a.reply_days, resolveDays: a.resolve_days } },
    region: { id: a.region_id, name: a.region_name },
    enterprise: {
      id: a.enterprise_id,
      name: a.enterprise_name,
      contactName: contactVisible ? a.contact_name : null,
      contactPhone: contactVisible ? a.contact_phone : null,
      contactHidden: !contactVisible,
    },
    unit: a.unit_id ? { id: a.unit_id, name: a.unit_name } : null,
    coUnitIds: a.co_unit_ids ?? [],
    location: a.location,
    lat: a.lat,
    lng: a.lng,
    isPublic: a.is_public,
    confidential: a.confidential,
    attachments: ((a.attachments as { name: string; size: number; contentType: string }[] | null) ?? []).map((f, index) => ({ index, name: f.name, size: f.size, contentType: f.contentType })),
    receivedAt: iso(a.received_at),
    dispatchedAt: iso(a.dispatched_at),
    signedAt: iso(a.signed_at),
    repliedAt: iso(a.replied_at),
    callbackAt: iso(a.callback_at),
    ratedAt: iso(a.rated_at),
    closedAt: iso(a.closed_at),
    reply: a.reply,
    solved: a.solved,
    satisfied: a.satisfied,
    rating: a.rating,
    ratingComment: a.rating_comment,
    reopenCount: a.reopen_count,
    extensionDays: a.extension_days,
    rectifyDue: a.rectify_due,
    exclusion: staff ? a.exclusion : null,
    exclusionNote: staff ? a.exclusion_note : null,
    mergedInto: a.merged_into,
    duplicateOf: staff ? a.duplicate_of : null,
    clusterId: staff ? a.cluster_id : null,
    clocks,
    policies: appealPolicies(actor, facts),
    canManage: canManageAppeal(actor, facts),
  };
}

export function presentEvent(e: { id: string; kind: string; at: Date; actor_name: string; actor_role: string; unit_id: string | null; note: string; detail: unknown; internal: boolean }) {
  return { id: e.id, kind: e.kind, at: new Date(e.at).toISOString(), actorName: e.actor_name, actorRole: e.actor_role, unitId: e.unit_id, note: e.note, detail: e.detail ?? null, internal: e.internal };
}
