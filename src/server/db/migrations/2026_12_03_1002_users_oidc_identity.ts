import { sql, type Kysely } from 'kysely';

/**
 * An account may be bound to one identity of an OpenID Connect provider (the province's unified identity): the
 * issuer and the subject it asserts. Enterprise 经办人 who log in that way have no usable password.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column oidc_issuer text, add column oidc_subject text`.execute(db);
  await sql`alter table users add constraint users_oidc_identity_key unique (oidc_issuer, oidc_subject)`.execute(db);
  await sql`alter table users add constraint users_oidc_identity_pair check ((oidc_issuer is null) = (oidc_subject is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column oidc_issuer, drop column oidc_subject`.execute(db);
}
