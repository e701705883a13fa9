import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';

/** Stores the enterprise's own payee account (收款账户); the audit keeps only the last four digits. */
export async function setPayeeAccount(db: Kysely<Database>, actor: Actor, body: { bankName: string; accountName: string; accountNo: string }, now: Date) {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) throw new AppError('FORBIDDEN');
  const enterpriseId = actor.enterpriseId;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('payee_accounts')
      .values({ enterprise_id: enterpriseId, bank_name: body.bankName, account_name: body.accountName, account_no: body.accountNo, updated_at: now })
      .onConflict((oc) => oc.column('enterprise_id').doUpdateSet({ bank_name: body.bankName, account_name: body.accountName, account_no: body.accountNo, updated_at: now }))
      .execute();
    await recordAudit(trx, { actor: { id: actor.id, name: actor.username }, action: 'payee_account.set', entity: 'enterprise', entityId: enterpriseId, after: { bankName: body.bankName, accountNo: `****${body.accountNo.slice(-4)}` }, at: now });
  });
  return { bankName: body.bankName, accountName: body.accountName, accountNo: `****${body.accountNo.slice(-4)}` };
}

/** The caller enterprise's payee account on file, masked (the portal shows it before the one-tap confirmation). */
export async function getPayeeAccount(db: Kysely<Database>, actor: Actor) {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) throw new AppError('FORBIDDEN');
  const row = await db.selectFrom('payee_accounts').select(['bank_name', 'account_name', 'account_no', 'updated_at']).where('enterprise_id', '=', actor.enterpriseId).executeTakeFirst();
  return { account: row ? { bankName: row.bank_name, accountName: row.account_name, accountNo: `****${row.account_no.slice(-4)}`, updatedAt: row.updated_at.toISOString() } : null };
}
