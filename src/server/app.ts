import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { AppError, ERRORS, errorBody, type ErrorCode } from './errors.ts';
import { clientErrorOfDatabase } from './db/pg-errors.ts';
import type { AppDeps } from './http/fastify-types.ts';
import { ErrorBody } from './http/schemas.ts';
import { documentReaderFor } from './readers/document-pool.ts';
import { refuseOversizedBodies } from './http/oversized-body.ts';
import { createValidatorCompiler, refuseUnsafeText } from './http/validator-compiler.ts';
import { appealRoutes } from './modules/appeals/appeals.routes.ts';
import { open311Routes } from './modules/appeals/open311.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { registerAuthHooks } from './modules/auth/auth.hooks.ts';
import { oidcRoutes } from './modules/auth/auth.oidc.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { Me } from './modules/auth/auth.schemas.ts';
import { benchmarkRoutes } from './modules/benchmark/benchmark.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { registerEnterpriseGuard } from './modules/enterprises/enterprises.guard.ts';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes.ts';
import { indicatorRoutes } from './modules/indicators/indicators.routes.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { policyRoutes } from './modules/policies/policies.routes.ts';
import { rankingRoutes } from './modules/rankings/rankings.routes.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';
import { ensureSessionSecret, isDemoInstall } from './modules/settings/settings.service.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { unitRoutes } from './modules/units/units.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Browser features the app never uses, refused for it and anything it embeds. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'midi=()',
  'magnetometer=()',
  'gyroscope=()',
  'accelerometer=()',
  'display-capture=()',
].join(', ');

export interface BuildOptions {
  config: Config;
  database: Pick<DatabaseHandle, 'db' | 'kind'>;
  /** Injected clock (tests move time for idle timeouts and lockouts). */
  now?: () => Date;
  /** Where the log lines go instead of stdout (tests read them back). */
  logStream?: DestinationStream;
}

/** Builds the Fastify app over an open, migrated database. Never listens (main.ts does). */
export async function build({ config, database, now = () => new Date(), logStream }: BuildOptions): Promise<FastifyInstance> {
  // Asynchronous by default: log lines are buffered and written off the request path (flushed on close and exit).
  const destination = logStream ?? pino.destination({ dest: 1, sync: false });
  const app = Fastify({
    // One line per request, at its own level, instead of Fastify's two at info (see the onResponse hook below).
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.csrfToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
      stream: destination,
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(createValidatorCompiler());

  // Worker threads start with the first upload, not here.
  const documents = documentReaderFor(config, { warn: (obj, msg) => app.log.warn(obj, msg) });
  const deps: AppDeps = {
    db: database.db,
    config,
    sessionSecret: await ensureSessionSecret(database.db, config.sessionSecret),
    demo: await isDemoInstall(database.db),
    mode: database.kind,
    version: VERSION,
    now,
    lifecycle: { shuttingDown: false },
    documents,
  };
  app.decorate('deps', deps);
  // After in-flight requests finished (close waits for them), before the database closes.
  app.addHook('onClose', async () => documents.close());

  app.addSchema(ErrorBody);
  app.addSchema(Me);

  // HSTS and upgrade-insecure-requests only on an HTTPS install: on plain HTTP they make browsers refuse the site.
  await app.register(helmet, {
    global: true,
    strictTransportSecurity: config.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.https ? [] : null } },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '营商 Yingshang API', version: VERSION, description: 'Errors: see docs/errors.md' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ys_sid' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // API answers and downloads (evidence, attachments, exports) are personal: no browser or proxy keeps a copy.
    if (request.url.startsWith('/api/') || request.url === '/healthz' || request.url === '/readyz') reply.header('cache-control', 'no-store');
  });
  app.addHook('onRequest', refuseOversizedBodies(config.bodyLimitBytes));
  app.addHook('preValidation', refuseUnsafeText);
  if (config.requestLogLevel !== 'silent') {
    const level = config.requestLogLevel;
    app.addHook('onResponse', async (request, reply) => {
      request.log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    });
  }
  if (!logStream) app.addHook('onClose', async () => (destination as ReturnType<typeof pino.destination>).flushSync());

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { code, status, message, details } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else if (code === 'RECORD_IN_USE' || code === 'DB_VALUE_REFUSED') request.log.warn({ err: error, code }, 'database refused a value the edge let through');
    else request.log.info({ code, status }, 'request refused');
    return reply.code(status).send(errorBody(code, message, details));
  });

  registerAuthHooks(app);
  registerEnterpriseGuard(app);

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(regionRoutes);
  await app.register(unitRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(planRoutes);
  await app.register(benchmarkRoutes);
  await app.register(supervisionRoutes);
  await app.register(rankingRoutes);
  await app.register(dashboardRoutes);
  await app.register(ledgerRoutes);
  await app.register(appealRoutes);
  await app.register(open311Routes);
  await app.register(enterpriseRoutes);
  await app.register(policyRoutes);
  await app.register(indicatorRoutes);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await registerWeb(app, config.webDir ?? join(ROOT, 'dist/web'));
  return app;
}

function toErrorResponse(error: FastifyError | AppError): { code: ErrorCode; status: number; message?: string; details: unknown } {
  if (error instanceof AppError) return { code: error.code, status: error.status, message: error.message, details: error.details };
  const fe = error as FastifyError;
  const refused = clientErrorOfDatabase(error);
  if (refused) return { code: refused.code, status: ERRORS[refused.code].status, details: refused.details };
  if (fe.validation) {
    const details = fe.validation.map((v) => {
      const params = v.params as Record<string, unknown>;
      const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
      const path = [fe.validationContext, ...v.instancePath.split('/').filter(Boolean), ...(extra ? [extra] : [])].join('.');
      return { field: path, message: v.message ?? 'invalid', keyword: v.keyword };
    });
    return { code: 'VALIDATION', status: 400, details };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'INVALID_JSON', status: 400, details: null };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', status: 413, details: { limitBytes: null } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, details: null };
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', status, details: null };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', status, details: null };
  if (status === 429) return { code: 'RATE_LIMITED', status, details: null };
  if (status === 404) return { code: 'ROUTE_NOT_FOUND', status, details: null };
  if (status >= 400 && status < 500) return { code: 'VALIDATION', status: 400, message: `${ERRORS.VALIDATION.message}: ${fe.message}`, details: null };
  return { code: 'INTERNAL', status: 500, details: null };
}

const MISSING_WEB_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>营商 Yingshang</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto"><h1>营商 Yingshang</h1>
<p>网页界面尚未构建。请运行 <code>npm run build:web</code> 后刷新。</p>
<p>The web UI has not been built. Run <code>npm run build:web</code>, then reload.</p>
<p>API: <a href="/api/docs">/api/docs</a></p></body></html>`;

/** Serves the Vite build at `/`, falling back to index.html for client-side routes outside /api. */
async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && request.url !== '/api';
    if (!isPage) return reply.code(404).send(errorBody('ROUTE_NOT_FOUND'));
    if (!hasWeb) return reply.code(200).type('text/html; charset=utf-8').send(MISSING_WEB_PAGE);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
