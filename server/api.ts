// The JSON API under /api (contract in docs/api.md).
import { Router, type Request } from 'express';
import { listCases } from '../db/cases.ts';
import { feedById } from '../db/feeds.ts';
import { listStories } from '../db/stories.ts';
import { subscriptionById } from '../db/subscriptions.ts';
import { toCaseView } from '../app/caseView.ts';
import { feedViewById, listFeedViews } from '../app/feedView.ts';
import { toStoryView } from '../app/storyView.ts';
import { toSubscriptionView } from '../app/subscriptionView.ts';
import type { AppContext } from '../app/context.ts';
import { AppError, notFound, parseOr400 } from '../app/errors.ts';
import { aliasInputSchema, emptyBodySchema, emptyQuerySchema, jobsQuerySchema, waitQuerySchema, casePreviewSchema, feedPatchSchema, opmlImportSchema, subscriptionInputSchema, caseInputSchema, casePatchSchema, decisionSchema, feedInputSchema, idSchema, storiesQuerySchema, timelineQuerySchema } from '../app/schemas.ts';
import { sendTimelineJson } from './timelineJson.ts';
import { createCase, decideStory, editCase, getCase, previewCase, removeCase, settled, undoDecisionOn, type SavedCase } from '../app/cases.ts';
import { cancelJob, getJob, listJobs, toJobView } from '../app/jobs.ts';
import { addAlias, aliasSuggestionsForCase, suggestAliasesForDraft } from '../app/aliasSuggestions.ts';
import { addFeed, exportOpml, feedWithArticles, importOpml, pauseFeed, removeFeed, setFullText, startPoll } from '../app/feeds.ts';
import { resumeById, runDigestsNow, subscribe, subscriptionsList, unsubscribeById } from '../app/subscriptions.ts';

/** A saved case as the API answers it: the case's fields, the backfill under `job`, its search feeds' fetch under `fetchJob`. */
const savedCaseJson = (saved: SavedCase) => ({
  ...saved.case,
  job: toJobView(saved.job),
  fetchJob: saved.fetchJob && toJobView(saved.fetchJob),
});

const id = (req: Request, name = 'id') => parseOr400(idSchema, req.params[name], 'path', name);

/** Only application/json bodies: a cross-site form can't send one without a CORS preflight. */
function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA', 'send the body as application/json');
}

/** Routes that take no query refuse one, so a typo ("?limt=5") is an error rather than silently ignored. */
const noQuery = (req: Request) => parseOr400(emptyQuerySchema, req.query, 'query');
/** Actions without parameters take no body, or an empty object. */
const noBody = (req: Request) => parseOr400(emptyBodySchema, req.body ?? {}, 'body');

export function apiRouter(ctx: AppContext): Router {
  const r = Router();
  // Every state change takes a JSON body: a cross-site page cannot send one without a CORS preflight.
  r.use((req, _res, next) => {
    if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') requireJson(req);
    next();
  });

  r.get('/health', (_req, res) => {
    res.json({ ok: true, version: ctx.version });
  });

  r.get('/cases', (req, res) => {
    noQuery(req);
    res.json({ cases: listCases(ctx.db).map(toCaseView) });
  });
  // The save answers at once with the case and the backfill that fills its timeline; ?wait=true answers after it.
  r.post('/cases', async (req, res) => {
    requireJson(req);
    const { wait } = parseOr400(waitQuerySchema, req.query, 'query');
    const body = parseOr400(caseInputSchema, req.body, 'case');
    const saved = createCase(ctx, body);
    res.status(201).json(savedCaseJson(wait ? await settled(ctx, saved) : saved));
  });
  // Live preview for the case form: how many stored stories the draft would match, best first.
  r.post('/cases/preview', async (req, res) => {
    requireJson(req);
    const body = parseOr400(casePreviewSchema, req.body, 'case');
    res.json(await previewCase(ctx, body.case, body.caseId ?? undefined));
  });
  // Spellings of the draft's parties that stored stories use and the draft lacks (the case form lists them).
  r.post('/cases/suggest-aliases', (req, res) => {
    requireJson(req);
    const body = parseOr400(casePreviewSchema, req.body, 'case');
    res.json(suggestAliasesForDraft(ctx, body.case, body.caseId ?? undefined));
  });
  r.get('/cases/:id/alias-suggestions', (req, res) => {
    const caseId = id(req);
    noQuery(req);
    res.json(aliasSuggestionsForCase(ctx, caseId));
  });
  r.post('/cases/:id/aliases', async (req, res) => {
    requireJson(req);
    const caseId = id(req);
    const { wait } = parseOr400(waitQuerySchema, req.query, 'query');
    const { party, alias } = parseOr400(aliasInputSchema, req.body, 'alias');
    const added = addAlias(ctx, caseId, party, alias);
    const job = added.job && wait ? await ctx.jobs.wait(added.job.id) : added.job;
    res.json({ ...added, ...(wait ? { case: getCase(ctx, caseId) } : {}), job: job && toJobView(job) });
  });
  r.get('/cases/:id', (req, res) => {
    res.json(getCase(ctx, id(req)));
  });
  r.patch('/cases/:id', async (req, res) => {
    requireJson(req);
    const caseId = id(req);
    const { wait } = parseOr400(waitQuerySchema, req.query, 'query');
    const patch = parseOr400(casePatchSchema, req.body, 'case');
    const saved = editCase(ctx, caseId, patch);
    res.json(savedCaseJson(wait ? await settled(ctx, saved) : saved));
  });
  r.delete('/cases/:id', (req, res) => {
    removeCase(ctx, id(req));
    res.status(204).end();
  });
  r.get('/cases/:id/timeline', (req, res) => {
    const caseId = id(req);
    const query = parseOr400(timelineQuerySchema, req.query, 'query');
    sendTimelineJson(ctx, req, res, caseId, query);
  });
  r.post('/cases/:id/stories/:storyId', (req, res) => {
    requireJson(req);
    const caseId = id(req);
    const storyId = id(req, 'storyId');
    const { decision } = parseOr400(decisionSchema, req.body, 'decision');
    if (decision === 'undo') res.json({ caseId, storyId, ...undoDecisionOn(ctx, caseId, storyId) });
    else res.json({ caseId, storyId, ...decideStory(ctx, caseId, storyId, decision) });
  });

  r.get('/feeds', (req, res) => {
    noQuery(req);
    res.json({ feeds: listFeedViews(ctx.db) });
  });
  r.post('/feeds', async (req, res) => {
    requireJson(req);
    const body = parseOr400(feedInputSchema, req.body, 'feed');
    res.status(201).json(await addFeed(ctx, body));
  });
  r.get('/feeds/export.opml', (req, res) => {
    noQuery(req);
    res.type('text/x-opml').attachment('casewatch-feeds.opml').send(exportOpml(ctx));
  });
  r.post('/feeds/import', async (req, res) => {
    requireJson(req);
    const { wait } = parseOr400(waitQuerySchema, req.query, 'query');
    const { opml } = parseOr400(opmlImportSchema, req.body, 'import');
    const report = importOpml(ctx, opml);
    const job = report.job && wait ? await ctx.jobs.wait(report.job.id) : report.job;
    res.json({ ...report, job: job && toJobView(job) });
  });
  r.get('/feeds/:id', (req, res) => {
    noQuery(req);
    res.json(feedWithArticles(ctx, id(req)));
  });
  r.patch('/feeds/:id', (req, res) => {
    requireJson(req);
    const feedId = id(req);
    const { paused, fullText } = parseOr400(feedPatchSchema, req.body, 'feed');
    if (!feedById(ctx.db, feedId)) throw notFound(`feed ${feedId}`);
    if (fullText !== undefined) setFullText(ctx, feedId, fullText);
    res.json(paused === undefined ? feedViewById(ctx.db, feedId) : pauseFeed(ctx, feedId, paused));
  });
  r.delete('/feeds/:id', (req, res) => {
    removeFeed(ctx, id(req));
    res.status(204).end();
  });

  // Starts "poll now" in the background (202 with the job); ?wait=true answers with the poll's counts when it ends.
  r.post('/poll', async (req, res) => {
    const { wait } = parseOr400(waitQuerySchema, req.query, 'query');
    noBody(req);
    const started = startPoll(ctx);
    if (!wait) {
      res.status(202).json({ job: toJobView(started) });
      return;
    }
    // A poll that failed as a whole (a bug, not a feed's error) says so in job.state and job.error.
    const job = await ctx.jobs.wait(started.id);
    res.json({ ...(job.result ?? {}), job: toJobView(job) });
  });

  r.get('/jobs', (req, res) => {
    const q = parseOr400(jobsQuerySchema, req.query, 'query');
    res.json({ jobs: listJobs(ctx, q).map(toJobView) });
  });
  r.get('/jobs/:id', (req, res) => {
    const jobId = id(req);
    noQuery(req);
    res.json(toJobView(getJob(ctx, jobId)));
  });
  r.post('/jobs/:id/cancel', (req, res) => {
    const jobId = id(req);
    noBody(req);
    res.json(toJobView(cancelJob(ctx, jobId)));
  });

  r.get('/stories', (req, res) => {
    const q = parseOr400(storiesQuerySchema, req.query, 'query');
    if (q.feedId !== undefined && !feedById(ctx.db, q.feedId)) throw notFound(`feed ${q.feedId}`);
    const stories = listStories(ctx.db, q);
    const last = stories.at(-1);
    // A full page may have more behind it: `next` is the cursor for ?before= (date and id, so equal dates page right).
    res.json({ stories: stories.map(toStoryView), next: last && stories.length === q.limit ? `${last.publishedAt.toISOString()}~${last.id}` : null });
  });

  r.get('/subscriptions', (req, res) => {
    noQuery(req);
    res.json({ subscriptions: subscriptionsList(ctx) });
  });
  r.post('/subscriptions', async (req, res) => {
    requireJson(req);
    const body = parseOr400(subscriptionInputSchema, req.body, 'subscription');
    res.status(201).json(await subscribe(ctx, body));
  });
  r.post('/subscriptions/:id/resume', (req, res) => {
    const subId = id(req);
    noBody(req);
    resumeById(ctx, subId);
    res.json(toSubscriptionView(subscriptionById(ctx.db, subId)!));
  });
  r.delete('/subscriptions/:id', (req, res) => {
    unsubscribeById(ctx, id(req));
    res.status(204).end();
  });
  r.post('/digests/run', async (req, res) => {
    noQuery(req);
    noBody(req);
    res.json(await runDigestsNow(ctx));
  });

  r.use((req) => {
    throw new AppError('NOT_FOUND', `no API route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  return r;
}
