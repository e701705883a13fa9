import { maskIdNumber, maskPersonName, maskPhone } from '../../../core/enterprise/masking.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { enterprisePolicies } from './enterprises.permissions.ts';
import type { EnterpriseListRow, EnterpriseRow } from './enterprises.queries.ts';
import { industryName } from './enterprises.industry.ts';

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
const current = (from: string | null, to: string | null, today: string) => (from === null || from <= today) && (to === null || to >= today);

export function presentEnterpriseSummary(row: EnterpriseListRow) {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    regionId: row.region_id,
    regionName: row.region_name,
    industryCode: row.industry_code,
    industryName: industryName(row.industry_code),
    sizeClass: row.size_class,
    status: row.status,
    tags: row.tags,
    creditFlags: row.credit_flags as ('dishonest' | 'abnormal')[],
  };
}

export interface EnterpriseParts {
  figures: { year: number; employees: number | null; revenue: string | null; assets: string | null; source: string; as_of: string | null }[];
  tags: { id: string; tag: string; source: string; valid_from: string | null; valid_to: string | null }[];
  flags: { id: string; kind: 'dishonest' | 'abnormal'; source: string; note: string | null; since: string | null; until: string | null }[];
  contacts: { id: string; name: string; phone: string | null; title: string | null; is_primary: boolean }[];
}

/** The profile; personal fields masked unless `reveal` (the service decides and audits). */
export function presentEnterpriseDetail(row: EnterpriseRow, parts: EnterpriseParts, actor: Actor, options: { reveal: boolean; today: string }) {
  const { reveal, today } = options;
  const tags = parts.tags.map((t) => ({ id: t.id, tag: t.tag, validFrom: t.valid_from, validTo: t.valid_to, source: t.source, current: current(t.valid_from, t.valid_to, today) }));
  const flags = parts.flags.map((f) => ({ id: f.id, kind: f.kind, since: f.since, until: f.until, source: f.source, note: f.note, current: f.until === null || f.until >= today }));
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    regionId: row.region_id,
    regionName: row.region_name,
    industryCode: row.industry_code,
    industryName: industryName(row.industry_code),
    sizeClass: row.size_class,
    status: row.status,
    tags: tags.filter((t) => t.current).map((t) => t.tag),
    creditFlags: [...new Set(flags.filter((f) => f.current).map((f) => f.kind))],
    legalRepName: reveal ? row.legal_rep_name : maskPersonName(row.legal_rep_name),
    legalRepPhone: reveal ? row.legal_rep_phone : maskPhone(row.legal_rep_phone),
    legalRepIdNumber: reveal ? row.legal_rep_id_number : maskIdNumber(row.legal_rep_id_number),
    masked: !reveal,
    registrationAuthority: row.registration_authority,
    establishedOn: row.established_on_iso,
    registeredCapital: num(row.registered_capital),
    address: row.address,
    sizeRule: row.size_rule,
    figures: parts.figures.map((f) => ({ year: f.year, employees: f.employees, revenue: num(f.revenue), assets: num(f.assets), source: f.source, asOf: f.as_of ?? '' })),
    tagsDetail: tags,
    creditFlagsDetail: flags,
    contacts: parts.contacts.map((c) => ({
      id: c.id,
      name: reveal ? c.name : (maskPersonName(c.name) ?? ''),
      phone: reveal ? c.phone : maskPhone(c.phone),
      title: c.title,
      isPrimary: c.is_primary,
    })),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    policies: enterprisePolicies(actor, { id: row.id, regionPath: row.region_path }),
  };
}

/** What the audit log keeps of an enterprise (no personal data beyond what the record holds). */
export function enterpriseSnapshot(row: EnterpriseRow) {
  return {
    creditCode: row.credit_code,
    name: row.name,
    regionId: row.region_id,
    registrationAuthority: row.registration_authority,
    establishedOn: row.established_on_iso,
    registeredCapital: num(row.registered_capital),
    industryCode: row.industry_code,
    address: row.address,
    sizeClass: row.size_class,
    sizeRule: row.size_rule,
    status: row.status,
  };
}
