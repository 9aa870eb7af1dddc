// The timeline as JSON (GET /api/cases/:id/timeline and /cases/:id/timeline.json), cached per database state.
import type { Response } from 'express';
import type { AppContext } from './context.ts';
import { REVIEW_LIMIT_API } from './schemas.ts';
import { timelineForApi } from './services/cases.ts';

export function sendTimelineJson(ctx: AppContext, res: Response, caseId: number, q: { order: 'newest' | 'oldest'; page: number; perPage: number }): void {
  const sent = ctx.responses.get(ctx.db, `json:${caseId}:${q.order}:${q.page}:${q.perPage}`, () => JSON.stringify(timelineForApi(ctx, caseId, { ...q, reviewLimit: REVIEW_LIMIT_API })));
  res.set('ETag', sent.etag).type('json').send(sent.body);
}
