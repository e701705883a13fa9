import type { AppDeps } from '../../http/fastify-types.ts';
import { hasAdmin } from '../auth/auth.queries.ts';
import { pingDatabase } from './system.queries.ts';

/** Modules the web shell may show; later issues append theirs. */
export const MODULES = ['regions', 'units', 'users', 'audit'];

export async function databaseReachable(deps: AppDeps, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([pingDatabase(deps.db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function systemInfo(deps: AppDeps) {
  return {
    name: '营商',
    version: deps.version,
    demo: deps.demo,
    mode: deps.mode,
    needsSetup: !(await hasAdmin(deps.db)),
    modules: MODULES,
    /** Enterprises may log in through the unified identity (OpenID Connect). */
    enterpriseSso: deps.config.oidc !== null,
  };
}
