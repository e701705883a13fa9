import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { Burden, BurdenQuery, Dashboard, DashboardQuery, DrillList, DrillQuery, ReviewInbox } from './dashboard.schemas.ts';
import { getBurden, getDashboard, getDrillTasks, getReviewInbox } from './dashboard.service.ts';

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['supervision'];

  app.get<{ Querystring: Static<typeof DashboardQuery> }>(
    '/api/v1/dashboard',
    { schema: { tags, summary: '督查看板 aggregates over the tasks in scope', querystring: DashboardQuery, response: { 200: Dashboard, ...errorResponses } } },
    async (request) => getDashboard(app.deps.db, requireActor(request), request.query, app.deps.now()),
  );

  app.get<{ Querystring: Static<typeof DrillQuery> }>(
    '/api/v1/dashboard/tasks',
    { schema: { tags, summary: 'Tasks behind a dashboard chart element', querystring: DrillQuery, response: { 200: DrillList, ...errorResponses } } },
    async (request) => getDrillTasks(app.deps.db, requireActor(request), request.query, app.deps.now()),
  );

  app.get<{ Querystring: Static<typeof BurdenQuery> }>(
    '/api/v1/burden',
    {
      schema: {
        tags,
        summary: 'Reporting-burden meter: per unit and month, reports and fields asked, reports filed, median fill seconds (default: last six months)',
        querystring: BurdenQuery,
        response: { 200: Burden, ...errorResponses },
      },
    },
    async (request) => getBurden(app.deps.db, requireActor(request), request.query, app.deps.now()),
  );

  app.get(
    '/api/v1/review-inbox',
    {
      schema: {
        tags,
        summary: 'Office review inbox beside GET /reviews: pending extension/transfer requests and tasks ready to close (accepted final report)',
        response: { 200: ReviewInbox, ...errorResponses },
      },
    },
    async (request) => getReviewInbox(app.deps.db, requireActor(request)),
  );
}
