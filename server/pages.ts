// Server-rendered HTML pages and their form posts.
import { Router, type Request, type Response } from 'express';
import { feedHealth, summarizeFeedHealth } from '../core/feedHealth.ts';
import { STAGE_LABELS } from '../core/timeline/stage.ts';
import { caseAtom, caseCsv, caseMarkdown } from '../views/caseFeeds.ts';
import { weeklyCountsFrom } from '../views/coverageChart.ts';
import { caseById } from '../db/cases.ts';
import { countFeeds } from '../db/feeds.ts';
import { listStories, storyById } from '../db/stories.ts';
import { feedViewById, listFeedViews } from '../app/feedView.ts';
import { toStoryView } from '../app/storyView.ts';
import { storyPage } from '../views/pages/story.ts';
import { caseFormPage, emptyCaseForm, type AliasSuggestionsView } from '../views/pages/caseForm.ts';
import { caseListPage } from '../views/pages/caseList.ts';
import { caseTimelinePage, type DecisionNoticeView } from '../views/pages/caseTimeline.ts';
import { caseDeletePage } from '../views/pages/caseDelete.ts';
import { jobActive } from '../views/jobProgress.ts';
import { caseFirstAt } from '../db/caseGlance.ts';
import { feedDetailPage, feedsPage, storiesPage, type FeedsPageProps } from '../views/pages/feeds.ts';
import { formValuesFromBody, formValuesFromCase, parseCaseForm, withAddedAlias } from './caseForm.ts';
import type { AppContext } from '../app/context.ts';
import { CSRF_SLOT, sendCached, takesGzip } from './responseCache.ts';
import { sendTimelineJson } from './timelineJson.ts';
import { AppError, notFound, parseOr400 } from '../app/errors.ts';
import { toAppError } from './errors.ts';
import { caseListItems } from './caseList.ts';
import { takeVisit } from './lastVisit.ts';
import { caseListQuerySchema, emptyQuerySchema, aliasAddedQuerySchema, aliasInputSchema, pauseFormSchema, fullTextFormSchema, pollFormSchema, buttonFormSchema, opmlImportSchema, decisionSchema, feedInputSchema, feedsPageQuerySchema, idSchema, storiesQuerySchema, timelinePageQuerySchema, timelineQuerySchema } from '../app/schemas.ts';
import { caseRejections, caseTimeline, createCase, decideStory, decisionNoticeOf, editCase, getCase, previewCase, removeCase, undoDecisionOn, type Timeline } from '../app/cases.ts';
import { caseGlanceView, caseRemovalSummary, caseSourcesView } from '../app/casePage.ts';
import { cancelJob, caseBackfillShown, feedsJobShown, getJob, listJobs, startBackfill, toJobProgress } from '../app/jobs.ts';
import { jobPage, jobsPage } from '../views/pages/jobs.ts';
import { addAlias, aliasSuggestionsForCase, suggestAliasesForDraft, type AliasSuggestions } from '../app/aliasSuggestions.ts';
import { addFeed, exportOpml, importOpml, importStarterFeeds, startPoll, pauseFeed, removeFeed, retryFeed, setFullText, type ImportReport } from '../app/feeds.ts';
import { feedArticleCounts } from '../db/articles.ts';

const id = (req: Request, name = 'id') => parseOr400(idSchema, req.params[name], 'path', name);
const ENTRIES_PER_PAGE = 100;
/** Review stories shown on the page, in its order; a queue longer than this asks for a narrower case. */
const REVIEW_ON_PAGE = 200;
const ATOM_ENTRIES = 200;
/** How long a saved form waits for its backfill before showing the case with a progress bar instead. */
const FORM_WAIT_MS = 1500;
const body = (req: Request): Record<string, unknown> => (req.body && typeof req.body === 'object' ? req.body : {});

export function pagesRouter(ctx: AppContext): Router {
  const r = Router();
  /** Waits for a saved case's backfill, at most FORM_WAIT_MS. */
  const shortWait = (jobId: number) => Promise.race([ctx.jobs.wait(jobId), new Promise((r) => setTimeout(r, FORM_WAIT_MS))]);
  const feedInfo = (t: Timeline) => ({ caseId: t.case.id, title: t.case.title, summary: t.case.summary, baseUrl: ctx.config.baseUrl, updatedAt: t.case.updatedAt });

  r.get('/', (req, res) => {
    const { sort, deleted } = parseOr400(caseListQuerySchema, req.query, 'query');
    const now = ctx.now();
    const since = takeVisit(req, res, now, ctx.config.baseUrl.startsWith('https:'));
    const cases = caseListItems(ctx, sort, since);
    res.type('html').send(caseListPage({ cases, feedCount: countFeeds(ctx.db), sort, now: now.toISOString(), lastVisit: since?.toISOString() ?? null, deleted: deleted ?? null }));
  });

  /** A case page; `csrf` is the visitor's token, or the cache's slot for it. */
  type Order = 'newest' | 'oldest';
  const timelinePageHtml = (caseId: number, order: Order, page: number, csrf: string, notice: DecisionNoticeView | null = null) => {
    const t = caseTimeline(ctx, caseId, { order, page, perPage: ENTRIES_PER_PAGE, reviewLimit: REVIEW_ON_PAGE, clampPage: true });
    const feedsJob = feedsJobShown(ctx);
    return caseTimelinePage({
      caseId: t.case.id,
      title: t.case.title,
      summary: t.case.summary,
      keywords: t.case.keywords,
      entries: t.entries,
      totalEntries: t.totalEntries,
      totalStories: t.totalStories,
      page: t.page,
      pageCount: t.pageCount,
      review: t.review,
      totalReview: t.totalReview,
      order,
      updatedAt: t.latestAt?.toISOString() ?? null,
      firstAt: caseFirstAt(ctx.db, t.case.id)?.toISOString() ?? null,
      weeks: weeklyCountsFrom(t.weeks),
      stageLabels: STAGE_LABELS,
      glance: caseGlanceView(ctx, t.case, { order, page: t.page, perPage: ENTRIES_PER_PAGE, totalEntries: t.totalEntries,
        latestStage: t.latestStage }),
      sources: caseSourcesView(ctx, t.case.id, t.totalEntries === 0),
      job: caseBackfillShown(ctx, t.case.id),
      feedsJob: feedsJob && jobActive(feedsJob) ? feedsJob : null,
      notice,
      csrf,
    });
  };

  r.get('/cases/new', (_req, res) => {
    res.type('html').send(caseFormPage({ csrf: res.locals.csrf,  mode: { kind: 'new' }, values: emptyCaseForm(), errors: {} }));
  });
  r.post('/cases', async (req, res) => {
    const added = withAddedAlias(formValuesFromBody(body(req)), body(req).add_alias);
    const values = added ?? formValuesFromBody(body(req));
    const parsed = parseCaseForm(values);
    if (!parsed.ok) {
      res.status(400).type('html').send(caseFormPage({ csrf: res.locals.csrf,  mode: { kind: 'new' }, values, errors: parsed.errors, message: 'Please fix the fields marked below.' }));
      return;
    }
    if (body(req).action === 'preview' || added) {
      const suggestions = draftSuggestions(suggestAliasesForDraft(ctx, parsed.body), parsed.rows);
      res.type('html').send(caseFormPage({ csrf: res.locals.csrf,  mode: { kind: 'new' }, values, errors: {}, preview: await previewCase(ctx, parsed.body), suggestions }));
      return;
    }
    const { case: c, job } = createCase(ctx, parsed.body);
    // Most backfills take well under a second: the new case then opens with its timeline; a longer one opens
    // with its progress bar.
    await shortWait(job.id);
    res.redirect(303, `/cases/${c.id}`);
  });

  r.get('/cases/:id', (req, res) => {
    const caseId = id(req);
    const { order, page, decided, story } = parseOr400(timelinePageQuerySchema, req.query, 'query');
    // Right after a decision the page names it and offers Undo: built for this one response, not cached.
    const noticeOf = decided && story ? decisionNoticeOf(ctx, caseId, story) : null;
    if (decided && story && noticeOf) {
      const notice = { decided, storyId: story, ...noticeOf };
      res.type('html').send(timelinePageHtml(caseId, order, page, res.locals.csrf as string, notice));
      return;
    }
    // The most visited page: built once per database state, with the visitor's CSRF token filled in.
    const sent = ctx.responses.get(ctx.db, `page:${caseId}:${order}:${page}`, () => timelinePageHtml(caseId, order, page, CSRF_SLOT), { csrf: () => res.locals.csrf as string, gzip: takesGzip(req) });
    sendCached(req, res, 'html', sent);
  });
  r.get('/cases/:id/delete', (req, res) => {
    parseOr400(emptyQuerySchema, req.query, 'query');
    res.type('html').send(caseDeletePage({ ...caseRemovalSummary(ctx, id(req)), csrf: res.locals.csrf as string }));
  });
  r.post('/cases/:id/delete', (req, res) => {
    parseOr400(buttonFormSchema, body(req), 'form');
    const c = getCase(ctx, id(req));
    removeCase(ctx, c.id);
    res.redirect(303, `/?${new URLSearchParams({ deleted: c.title })}`);
  });
  r.get('/cases/:id/timeline.json', (req, res) => {
    const query = parseOr400(timelineQuerySchema, req.query, 'query');
    sendTimelineJson(ctx, req, res, id(req), query);
  });
  r.get('/cases/:id/feed.atom', (req, res) => {
    const t = caseTimeline(ctx, id(req), { perPage: ATOM_ENTRIES, reviewLimit: 0 });
    res.type('application/atom+xml; charset=utf-8').send(caseAtom(feedInfo(t), t.entries));
  });
  r.get('/cases/:id/export.md', (req, res) => {
    const t = caseTimeline(ctx, id(req), { reviewLimit: 0 });
    res.type('text/markdown; charset=utf-8').attachment(`case-${t.case.id}.md`).send(caseMarkdown(feedInfo(t), t.entries, caseRejections(ctx, t.case.id)));
  });
  r.get('/cases/:id/export.csv', (req, res) => {
    const t = caseTimeline(ctx, id(req), { reviewLimit: 0 });
    res.type('text/csv; charset=utf-8').attachment(`case-${t.case.id}.csv`).send('\ufeff' + caseCsv(t.entries, caseRejections(ctx, t.case.id)));
  });
  r.get('/cases/:id/edit', (req, res) => {
    const c = getCase(ctx, id(req));
    const query = parseOr400(aliasAddedQuerySchema, req.query, 'query');
    const suggestions = aliasSuggestionsForCase(ctx, c.id).suggestions.map((s) => ({ ...s, row: s.party }));
    res.type('html').send(caseFormPage({ csrf: res.locals.csrf,  mode: { kind: 'edit', caseId: c.id }, values: formValuesFromCase(c), errors: {}, suggestions: { items: suggestions, via: 'saved' }, notice: aliasNotice(c, query) }));
  });
  r.post('/cases/:id/edit', async (req, res) => {
    const caseId = id(req);
    getCase(ctx, caseId);
    const added = withAddedAlias(formValuesFromBody(body(req)), body(req).add_alias);
    const values = added ?? formValuesFromBody(body(req));
    const parsed = parseCaseForm(values);
    if (!parsed.ok) {
      res.status(400).type('html').send(caseFormPage({ csrf: res.locals.csrf,  mode: { kind: 'edit', caseId }, values, errors: parsed.errors, message: 'Please fix the fields marked below.' }));
      return;
    }
    if (body(req).action === 'preview' || added) {
      const suggestions = draftSuggestions(suggestAliasesForDraft(ctx, parsed.body, caseId), parsed.rows);
      res.type('html').send(caseFormPage({ csrf: res.locals.csrf,  mode: { kind: 'edit', caseId }, values, errors: {}, preview: await previewCase(ctx, parsed.body, caseId), suggestions }));
      return;
    }
    const { job } = editCase(ctx, caseId, parsed.body);
    await shortWait(job.id);
    res.redirect(303, `/cases/${caseId}`);
  });
  // The Add of a suggestion on the edit page without JavaScript: adds the alias, re-matches, and goes back.
  r.post('/cases/:id/aliases', (req, res) => {
    const caseId = id(req);
    const { party, alias } = parseOr400(aliasInputSchema, body(req), 'alias');
    const { added } = addAlias(ctx, caseId, party, alias);
    res.redirect(303, `/cases/${caseId}/edit?${new URLSearchParams({ alias, party: String(party), status: added ? 'added' : 'unchanged' })}`);
  });
  r.post('/cases/:id/rematch', (req, res) => {
    const caseId = id(req);
    getCase(ctx, caseId);
    startBackfill(ctx, caseId);
    res.redirect(303, `/cases/${caseId}`);
  });
  r.get('/jobs', (req, res) => {
    parseOr400(emptyQuerySchema, req.query, 'query');
    res.type('html').send(jobsPage({ jobs: listJobs(ctx, { limit: 100 }).map((j) => toJobProgress(ctx, j)) }));
  });
  r.get('/jobs/:id', (req, res) => {
    const job = getJob(ctx, id(req));
    res.type('html').send(jobPage({ job: toJobProgress(ctx, job), csrf: res.locals.csrf }));
  });
  r.post('/jobs/:id/cancel', (req, res) => {
    const job = cancelJob(ctx, id(req));
    // Back to what the user was looking at: the case whose backfill it is, or the job.
    res.redirect(303, body(req).back === 'job' || job.caseId === null ? `/jobs/${job.id}` : `/cases/${job.caseId}`);
  });
  r.post('/cases/:id/stories/:storyId', (req, res) => {
    const caseId = id(req);
    const storyId = id(req, 'storyId');
    const { decision } = parseOr400(decisionSchema, body(req), 'decision');
    // Back to the case, which says what happened and offers Undo; the story's place on the page is the anchor.
    const query = new URLSearchParams({ decided: decision, story: String(storyId) });
    const back = (anchor: string) => `/cases/${caseId}?${query}${anchor}`;
    if (decision === 'undo') {
      const { status } = undoDecisionOn(ctx, caseId, storyId);
      res.redirect(303, back(status === 'review' ? `#review-${storyId}` : `#story-${storyId}`));
      return;
    }
    decideStory(ctx, caseId, storyId, decision);
    res.redirect(303, back(decision === 'confirm' ? `#story-${storyId}` : ''));
  });

  const feedRows = () => listFeedViews(ctx.db).map((f) => ({ ...f, ...feedHealth(f) }));
  const feedsPageHtml = (res: Response, extra: Partial<FeedsPageProps> = {}) => {
    const feeds = feedRows();
    const health = summarizeFeedHealth(feeds);
    return feedsPage({ csrf: res.locals.csrf, feeds, health, now: ctx.now().toISOString(), job: feedsJobShown(ctx), ...extra });
  };
  /** Where a feed's action form goes back to: its own page, or the list (the form's hidden `back`). */
  const backTo = (req: Request, feedId: number) => (body(req).back === 'feed' ? `/feeds/${feedId}` : '/feeds');

  r.get('/feeds', (req, res) => {
    const q = parseOr400(feedsPageQuerySchema, req.query, 'query');
    const counts = { added: q.added ?? 0, existing: q.existing ?? 0, skipped: q.skipped ?? 0 };
    const notice = q.added === undefined ? null : importNotice(counts);
    res.type('html').send(feedsPageHtml(res, { notice }));
  });
  r.post('/feeds', async (req, res) => {
    const raw = { url: typeof body(req).url === 'string' ? String(body(req).url).trim() : '' };
    try {
      const input = parseOr400(feedInputSchema, raw, 'feed');
      await addFeed(ctx, input);
      res.redirect(303, '/feeds');
    } catch (err) {
      const e = toAppError(err);
      if (!e) throw err;
      res.status(e.code === 'CONFLICT' ? 409 : 400).type('html').send(feedsPageHtml(res, { error: e.message, url: raw.url }));
    }
  });
  r.get('/feeds/export.opml', (_req, res) => {
    res.type('text/x-opml').attachment('casewatch-feeds.opml').send(exportOpml(ctx));
  });
  // Success redirects to the list (post/redirect/get): a reload then shows the feeds and imports nothing twice.
  const afterImport = (res: Response, r: ImportReport) => {
    const counts = { added: String(r.added), existing: String(r.existing), skipped: String(r.invalid.length) };
    res.redirect(303, `/feeds?${new URLSearchParams(counts)}`);
  };
  r.post('/feeds/import', (req, res) => {
    const text = typeof body(req).opml === 'string' ? String(body(req).opml) : '';
    try {
      afterImport(res, importOpml(ctx, parseOr400(opmlImportSchema, { opml: text }, 'import').opml));
    } catch (err) {
      const e = toAppError(err);
      if (!e) throw err;
      res.status(400).type('html').send(feedsPageHtml(res, { importError: e.message, opml: text.slice(0, 200_000) }));
    }
  });
  r.post('/feeds/poll', (req, res) => {
    // A case page's "Poll now" goes back to the case, which shows the poll's progress; only such a path is taken.
    const { back } = parseOr400(pollFormSchema, body(req), 'form');
    startPoll(ctx);
    res.redirect(303, back ?? '/feeds');
  });
  r.post('/feeds/starter', (_req, res) => {
    afterImport(res, importStarterFeeds(ctx));
  });
  r.post('/feeds/:id/pause', (req, res) => {
    const feedId = id(req);
    const { paused } = parseOr400(pauseFormSchema, body(req), 'form');
    pauseFeed(ctx, feedId, paused === 'true');
    res.redirect(303, backTo(req, feedId));
  });
  r.post('/feeds/:id/full-text', (req, res) => {
    const feedId = id(req);
    const { fullText } = parseOr400(fullTextFormSchema, body(req), 'form');
    setFullText(ctx, feedId, fullText);
    res.redirect(303, backTo(req, feedId));
  });
  r.get('/feeds/:id', (req, res) => {
    const found = feedViewById(ctx.db, id(req));
    if (!found) throw notFound('feed');
    const feed = { ...found, ...feedHealth(found) };
    const c = feed.caseId === null ? null : caseById(ctx.db, feed.caseId);
    const stories = listStories(ctx.db, { feedId: feed.id, limit: 50 }).map(toStoryView);
    const ofCase = c && { id: c.id, title: c.title };
    const articles = feedArticleCounts(ctx.db, feed.id);
    res.type('html').send(feedDetailPage({ feed, articles, stories, ofCase, now: ctx.now().toISOString(), csrf: res.locals.csrf }));
  });
  r.post('/feeds/:id/retry', async (req, res) => {
    const feedId = id(req);
    await retryFeed(ctx, feedId);
    res.redirect(303, backTo(req, feedId));
  });
  r.post('/feeds/:id/delete', (req, res) => {
    const feedId = id(req);
    const caseId = feedViewById(ctx.db, feedId)?.caseId ?? null;
    removeFeed(ctx, feedId);
    // From the feed's own page there is no page left to return to: a case's search feed goes back to its case.
    res.redirect(303, body(req).back === 'feed' && caseId !== null ? `/cases/${caseId}` : '/feeds');
  });

  r.get('/stories', (req, res) => {
    const q = parseOr400(storiesQuerySchema, req.query, 'query');
    res.type('html').send(storiesPage({ q: q.q ?? '', stories: listStories(ctx.db, q).map(toStoryView) }));
  });

  r.get('/stories/:id', (req, res) => {
    parseOr400(emptyQuerySchema, req.query, 'query');
    const s = storyById(ctx.db, id(req));
    if (!s) throw notFound('story');
    const { id: storyId, title, url, source, summary, articleText, articleState, articleReason, publisherUrl, publisherName } = s;
    const view = { id: storyId, title, url, source, summary, articleText, articleState, articleReason, publisherUrl, publisherName, publishedAt: s.publishedAt.toISOString() };
    res.type('html').send(storyPage(view));
  });

  r.use((req) => {
    throw new AppError('NOT_FOUND', `page ${req.path} not found`);
  });
  return r;
}

/** Suggestions for what the form holds, each with the form row of its party. */
function draftSuggestions(found: AliasSuggestions, rows: number[]): AliasSuggestionsView {
  return { items: found.suggestions.map((s) => ({ ...s, row: rows[s.party] ?? s.party })), via: 'draft' };
}

/** The status line after an alias was added from a suggestion; only for an alias the party really has. */
function aliasNotice(c: { parties: { name: string; aliases: string[] }[] }, q: { alias?: string; party?: number; status?: string }): string | null {
  const party = q.party === undefined ? undefined : c.parties[q.party];
  if (!party || !q.alias || !q.status) return null;
  if (q.status === 'unchanged') return `${party.name} already has the alias “${q.alias}”; nothing changed.`;
  if (!party.aliases.includes(q.alias)) return null;
  return `Added “${q.alias}” to the aliases of ${party.name}; the case was matched again against the stored stories.`;
}

function importNotice(r: { added: number; existing: number; skipped: number }): string {
  const existing = r.existing ? `; ${r.existing} already there` : '';
  const skipped = r.skipped ? `; ${r.skipped} skipped (not http(s) URLs)` : '';
  const next = r.added ? ' Each shows its health below once it has been fetched.' : '';
  return `Imported ${r.added} feed${r.added === 1 ? '' : 's'}${existing}${skipped}.${next}`;
}
