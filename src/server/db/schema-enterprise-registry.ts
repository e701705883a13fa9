import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Tables the registry adds beyond the foundation (migration 2026_12_03_0300). `Database` extends {@link EnterpriseRegistryTables}. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
export type RequestStatus = 'pending' | 'accepted' | 'rejected';

/** 联系人 / 经办人 of an enterprise; personal data, masked for roles that do not need it. */
export interface EnterpriseContactTable {
  id: Generated<string>;
  enterprise_id: string;
  name: string;
  phone: string | null;
  title: string | null;
  is_primary: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
}

/** An enterprise's request to correct its record (from the portal), reviewed by the office. */
export interface EnterpriseCorrectionRequestTable {
  id: Generated<string>;
  enterprise_id: string;
  requested_by: string | null;
  /** `{ field: { from, to } }` over the editable fields. */
  changes: Json;
  note: string | null;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Generated<Date>;
}

/** Self sign-up of an enterprise's 经办人 with its code and name; the office confirms before an account exists. */
export interface EnterpriseSignupRequestTable {
  id: Generated<string>;
  credit_code: string;
  enterprise_name: string;
  enterprise_id: string | null;
  region_id: string | null;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Generated<Date>;
}

/** A user's identity at an OpenID Connect provider (the province's unified identity), by issuer and subject. */
export interface UserOidcIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface EnterpriseRegistryTables {
  enterprise_contacts: EnterpriseContactTable;
  enterprise_correction_requests: EnterpriseCorrectionRequestTable;
  enterprise_signup_requests: EnterpriseSignupRequestTable;
  user_oidc_identities: UserOidcIdentityTable;
}

export type EnterpriseContact = Selectable<EnterpriseContactTable>;
export type NewEnterpriseContact = Insertable<EnterpriseContactTable>;
export type EnterpriseCorrectionRequest = Selectable<EnterpriseCorrectionRequestTable>;
export type EnterpriseSignupRequest = Selectable<EnterpriseSignupRequestTable>;
