import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { DocumentReader } from '../readers/document-pool.ts';
import type { Actor } from '../modules/auth/auth.actor.ts';

/** What services need from the process, handed to route plugins through `app.deps`. */
export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  /** Key for hashing session tokens; shared by every process on the same database. */
  sessionSecret: string;
  demo: boolean;
  mode: 'pglite' | 'postgres';
  version: string;
  now: () => Date;
  lifecycle: { shuttingDown: boolean };
  /** Uploaded documents and spreadsheets are read through this (the worker pool; closed with the app). */
  documents: DocumentReader;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
