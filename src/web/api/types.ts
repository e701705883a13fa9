// Shapes of the HTTP API (docs/api-contract.md; /api/openapi.json is the authority).

export type Role = 'admin' | 'office' | 'leader' | 'unit' | 'enterprise';
export const ROLES: readonly Role[] = ['admin', 'office', 'leader', 'unit'];

/** What the caller may do with a record, decided by the server. */
export type Policies = Record<string, boolean | undefined>;

export interface Named {
  id: string;
  name: string;
}

export interface SystemInfo {
  name: string;
  version: string;
  demo: boolean;
  mode: 'pglite' | 'postgres';
  needsSetup: boolean;
  modules: string[];
  /** Enterprises may log in through the unified identity (OpenID Connect). */
  enterpriseSso: boolean;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unit: Named | null;
  region: Named | null;
  /** The enterprise an `enterprise` user acts for (from GET /api/v1/me). */
  enterprise?: { id: string; name: string; creditCode: string } | null;
  csrfToken?: string;
}

export interface LoginResponse {
  user: Me;
  csrfToken: string;
}

export interface ListResponse<T> {
  items: T[];
  total?: number;
  /** Collection-level actions such as `create`, when the server sends them. */
  policies?: Policies;
}

export type RegionKind = 'province' | 'city' | 'county' | 'district' | 'zone';
export const REGION_KINDS: readonly RegionKind[] = ['province', 'city', 'county', 'district', 'zone'];

export interface Region {
  id: string;
  name: string;
  code: string | null;
  kind: RegionKind;
  parentId: string | null;
  policies?: Policies;
}

export interface RegionInput {
  name: string;
  code?: string | null;
  kind: RegionKind;
  parentId: string | null;
}

export type UnitKind = 'department' | 'government' | 'zone' | 'enterprise' | 'other';
export const UNIT_KINDS: readonly UnitKind[] = ['department', 'government', 'zone', 'enterprise', 'other'];

export interface Unit {
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  regionId: string;
  regionName: string;
  aliases: string[];
  policies?: Policies;
}

export interface UnitInput {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  regionId: string;
  aliases: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  regionId: string | null;
  regionName: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  policies?: Policies;
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId?: string | null;
  regionId?: string | null;
}

export type UserUpdateInput = Partial<Pick<User, 'displayName' | 'role' | 'unitId' | 'regionId' | 'disabled'>> & {
  password?: string;
};

export type AuditSnapshot = Record<string, unknown> | null;

export interface AuditEntry {
  id: string | number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: AuditSnapshot;
  after: AuditSnapshot;
}

// A type alias, not an interface, so that it fits the client's query record.
export type PageQuery = {
  page?: number;
  pageSize?: number;
};
