// Use cases for tracked cases: create with backfill, edit with re-match, remove, decide, timeline.
import { groupEntries, type Entry } from '../../core/timelineEntries.ts';
import { caseById, deleteCase, insertCase, toDefinition, updateCase, type CaseInput, type CaseView } from '../../db/cases.ts';
import { decideMatch, timelineRows, type Decision } from '../../db/matches.ts';
import { inTransaction } from '../../db/openDb.ts';
import { backfillCase, previewMatches, type PreviewResult } from '../../jobs/matchStories.ts';
import type { AppContext } from '../context.ts';
import { syncSearchFeeds } from './feeds.ts';
import { AppError, notFound } from '../errors.ts';

export interface Timeline {
  case: CaseView;
  entries: Entry[];
  review: Entry[];
}

/** Creates the case and fills its timeline from the stories already stored, in one transaction. */
export function createCase(ctx: AppContext, input: CaseInput): CaseView {
  const now = ctx.now();
  const created = inTransaction(ctx.db, () => {
    const c = insertCase(ctx.db, input, now);
    backfillCase(ctx.db, toDefinition(c), now);
    syncSearchFeeds(ctx, toDefinition(c));
    return c;
  });
  ctx.log.info({ caseId: created.id }, 'case created');
  return created;
}

/** Edits the case and re-matches it; confirmed and rejected stories keep the user's decision. */
export function editCase(ctx: AppContext, id: number, patch: Partial<CaseInput>): CaseView {
  const now = ctx.now();
  const updated = inTransaction(ctx.db, () => {
    const c = updateCase(ctx.db, id, patch, now);
    if (c) {
      backfillCase(ctx.db, toDefinition(c), now);
      syncSearchFeeds(ctx, toDefinition(c));
    }
    return c;
  });
  if (!updated) throw notFound(`case ${id}`);
  return updated;
}

export function removeCase(ctx: AppContext, id: number): void {
  if (!deleteCase(ctx.db, id)) throw notFound(`case ${id}`);
}

export function getCase(ctx: AppContext, id: number): CaseView {
  const c = caseById(ctx.db, id);
  if (!c) throw notFound(`case ${id}`);
  return c;
}

export function caseTimeline(ctx: AppContext, id: number, order: 'newest' | 'oldest' = 'newest'): Timeline {
  const c = getCase(ctx, id);
  return { case: c, ...groupEntries(timelineRows(ctx.db, id), order) };
}

/** The timeline as the API returns it: the plain-text summary only (the sanitized HTML is for pages and feeds). */
export function timelineForApi(ctx: AppContext, id: number, order: 'newest' | 'oldest' = 'newest') {
  const t = caseTimeline(ctx, id, order);
  const strip = ({ summaryHtml: _html, ...e }: Entry) => e;
  return { case: t.case, entries: t.entries.map(strip), review: t.review.map(strip) };
}

export function decideStory(ctx: AppContext, caseId: number, storyId: number, decision: Decision): { status: string } {
  getCase(ctx, caseId);
  const row = decideMatch(ctx.db, caseId, storyId, decision, ctx.now());
  if (!row) throw new AppError('NOT_FOUND', `story ${storyId} is not on the timeline or review queue of case ${caseId}`);
  return { status: row.status };
}

/** What a case being written would match among stored stories, before it is saved (excluding rejected ones when editing). */
export function previewCase(ctx: AppContext, input: CaseInput, caseId?: number): PreviewResult {
  return previewMatches(ctx.db, { id: caseId ?? 0, title: input.title, summary: input.summary ?? null, parties: input.parties.map((p) => ({ ...p, aliases: p.aliases ?? [] })), keywords: input.keywords ?? [], exclude: input.exclude ?? [] });
}
