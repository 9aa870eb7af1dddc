// The timeline as JSON (GET /api/cases/:id/timeline and /cases/:id/timeline.json), cached per database state.
import type { Request, Response } from 'express';
import type { AppContext } from '../app/context.ts';
import { sendCached, takesGzip } from './responseCache.ts';
import { REVIEW_LIMIT_API } from '../app/schemas.ts';
import { timelineForApi } from '../app/cases.ts';

export function sendTimelineJson(ctx: AppContext, req: Request, res: Response, caseId: number, q: { order: 'newest' | 'oldest'; page: number; perPage: number }): void {
  const build = () => JSON.stringify(timelineForApi(ctx, caseId, { ...q, reviewLimit: REVIEW_LIMIT_API }));
  sendCached(req, res, 'json', ctx.responses.get(ctx.db, `json:${caseId}:${q.order}:${q.page}:${q.perPage}`, build, { gzip: takesGzip(req) }));
}
