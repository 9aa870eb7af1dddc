// A case's timeline: header, the case at a glance, coverage chart, review queue with confirm/reject (and Undo),
// entries grouped by day (paged); a case without stories says why.
import type { Entry } from '../../core/timelineEntries.ts';
import { caseGlance } from '../caseGlance.ts';
import { emptyTimeline, pollLine, searchFeedList } from '../caseSources.ts';
import { coverageChart, type WeekCount } from '../coverageChart.ts';
import { csrfField, html, trusted, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTime, hostOf, plural } from '../format.ts';
import { jobActive, jobProgress } from '../jobProgress.ts';
import type { CaseGlanceView, CaseSourcesView, JobProgressView } from '../../app/pageViews.ts';

export interface TimelinePageProps {
  caseId: number;
  title: string;
  summary: string | null;
  keywords: string[];
  /** This page's entries; `totalEntries` counts them all. */
  entries: Entry[];
  totalEntries: number;
  totalStories: number;
  page: number;
  pageCount: number;
  /** The review stories shown (the first ones in the page's order); `totalReview` counts the whole queue. */
  review: Entry[];
  totalReview: number;
  order: 'newest' | 'oldest';
  updatedAt: string | null;
  /** The first timeline story's date: with `updatedAt`, the span the coverage chart covers. */
  firstAt: string | null;
  weeks: WeekCount[];
  stageLabels: Record<string, string>;
  csrf: string;
  glance: CaseGlanceView;
  sources: CaseSourcesView;
  /** The case's backfill while it is queued or running, or when it did not finish (cancelled or failed). */
  job: JobProgressView | null;
  /** A poll or a first fetch of feeds while it runs: it brings this case's stories too. */
  feedsJob: JobProgressView | null;
  /** What the user just decided (or undid), from the page's query. */
  notice: DecisionNoticeView | null;
}

export interface DecisionNoticeView {
  decided: 'confirm' | 'reject' | 'undo';
  storyId: number;
  title: string;
  /** The story's status now. */
  status: 'auto' | 'review' | 'confirmed' | 'rejected';
  /** Undo can still reverse the decision. */
  undoable: boolean;
  /** Copies of the same article a rejection also rejected (Undo restores them too). */
  twins: number;
}

const sourceOf = (e: { source: string | null; url: string | null }) => e.source || hostOf(e.url) || 'unknown source';

function storyLink(e: { title: string; url: string | null }): SafeHtml {
  const title = e.title || '(untitled story)';
  return e.url ? html`<a href="${e.url}" rel="noopener noreferrer" target="_blank">${title}</a>` : html`${title}`;
}

function stageTag(stage: string | null, labels: Record<string, string>): SafeHtml | string {
  return stage ? html`<span class="stage stage-${stage}">${labels[stage] ?? stage}</span>` : '';
}

/** The feed gave only a teaser: sentences of the article read behind it, as plain text, and the way to the rest. */
function articleExcerptView(storyId: number, excerpt: string): SafeHtml {
  return html`<blockquote class="article-excerpt"><p><span class="badge from-article">from the article</span> ${excerpt}</p><p class="small"><a href="/stories/${storyId}">Read the whole text as casewatch stored it</a></p></blockquote>`;
}

function entryView(e: Entry, labels: Record<string, string>): SafeHtml {
  return html`<article class="entry" id="story-${e.storyId}" aria-labelledby="story-${e.storyId}-h">
<h4 id="story-${e.storyId}-h">${storyLink(e)}</h4>
<p class="meta"><span class="source">${sourceOf(e)}</span> · <time datetime="${e.publishedAt}">${dateTime(e.publishedAt)}</time>${e.stage ? html` · ${stageTag(e.stage, labels)}` : ''}${e.status === 'confirmed' ? html` · <span class="badge">confirmed</span>` : ''}</p>
${e.amounts.length || e.courts.length ? html`<p class="facts">${e.amounts.map((a) => html`<span class="amount">${a}</span> `)}${e.courts.map((c) => html`<span class="court">${c}</span> `)}</p>` : ''}
${e.summaryHtml ? html`<div class="summary">${trusted(e.summaryHtml)}</div>` : ''}
${e.articleExcerpt ? articleExcerptView(e.storyId, e.articleExcerpt) : ''}
<p class="why"><strong>Why it matched:</strong> ${e.reasons.join('; ')}</p>
${e.duplicates.length ? html`<details class="also"><summary>First reported by ${sourceOf(e)}; also ${plural(e.duplicates.length, 'outlet')}</summary><ul>${e.duplicates.map((d) => html`<li>${storyLink(d)} (${sourceOf(d)}, <time datetime="${d.publishedAt}">${dateTime(d.publishedAt)}</time>)</li>`)}</ul></details>` : ''}
</article>`;
}

function reviewView(caseId: number, e: Entry, csrf: string): SafeHtml {
  return html`<li class="review-item" id="review-${e.storyId}">
<p>${storyLink(e)} <span class="muted">(${sourceOf(e)}, <time datetime="${e.publishedAt}">${dateTime(e.publishedAt)}</time>)</span></p>
${e.articleExcerpt ? articleExcerptView(e.storyId, e.articleExcerpt) : ''}
<p class="why">${e.reasons.join('; ')}</p>
<form method="post" action="/cases/${caseId}/stories/${e.storyId}" class="inline">${csrfField(csrf)}<input type="hidden" name="decision" value="confirm"><button type="submit" aria-label="Confirm: ${e.title}">Confirm</button></form>
<form method="post" action="/cases/${caseId}/stories/${e.storyId}" class="inline">${csrfField(csrf)}<input type="hidden" name="decision" value="reject"><button type="submit" class="secondary" aria-label="Reject: ${e.title}">Reject</button></form>
</li>`;
}

/**
 * What the decision did, with Undo. A notice that no longer describes the story (undone since, decided again) says
 * nothing: the query that asks for it is only a pointer.
 */
function decisionNotice(p: TimelinePageProps): SafeHtml | string {
  const n = p.notice;
  if (!n) return '';
  const title = `“${n.title || '(untitled story)'}”`;
  const twins = n.twins ? `, with ${plural(n.twins, 'copy', 'copies')} of the same article` : '';
  const words =
    n.decided === 'confirm' && n.status === 'confirmed' ? `Confirmed ${title}. It is on the timeline, marked confirmed.`
    : n.decided === 'reject' && n.status === 'rejected' ? `Rejected ${title}. It is hidden from this case${twins}.`
    : n.decided === 'undo' && n.status === 'review' ? `Undone: ${title} is back in the review queue.`
    : n.decided === 'undo' && n.status !== 'rejected' ? `Undone: ${title} is back on the timeline.`
    : null;
  if (!words) return '';
  const label = `Undo: ${n.decided === 'confirm' ? 'confirm' : 'reject'} ${n.title}`;
  const button = html`<button type="submit" class="secondary small" aria-label="${label}">Undo</button>`;
  const fields = html`${csrfField(p.csrf)}<input type="hidden" name="decision" value="undo">${button}`;
  const action = `/cases/${p.caseId}/stories/${n.storyId}`;
  const undoable = n.decided !== 'undo' && n.undoable;
  const undo = undoable ? html` <form method="post" action="${action}" class="inline">${fields}</form>` : '';
  return html`<div class="notice" role="status"><p>${words}${undo}</p></div>`;
}

/** The backfill's progress; one that did not finish says so and offers to match again. */
function backfillBox(p: TimelinePageProps): SafeHtml {
  const j = p.job!;
  if (jobActive(j)) return jobProgress(j, p.csrf);
  return html`<section class="job job-${j.state}" aria-labelledby="rematch-h"><p id="rematch-h"><strong>The timeline may be incomplete.</strong> ${j.state === 'failed' ? html`Matching the stored stories failed: ${j.error ?? 'no reason recorded'}.` : html`${j.phrase}.`}</p>
<form method="post" action="/cases/${p.caseId}/rematch" class="inline">${csrfField(p.csrf)}<button type="submit">Match stored stories again</button></form> <a href="/jobs/${j.id}">Details</a></section>`;
}

function byDay(entries: Entry[]): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const day = e.publishedAt.slice(0, 10);
    groups.set(day, [...(groups.get(day) ?? []), e]);
  }
  return [...groups];
}

function pager(p: TimelinePageProps): SafeHtml | string {
  if (p.pageCount <= 1) return '';
  const link = (page: number, label: string, rel: string) => html`<a href="/cases/${p.caseId}?order=${p.order}&amp;page=${page}" rel="${rel}">${label}</a>`;
  return html`<nav class="pager" aria-label="Timeline pages">${p.page > 1 ? link(p.page - 1, '← Previous', 'prev') : ''} <span>Page ${p.page} of ${p.pageCount}</span> ${p.page < p.pageCount ? link(p.page + 1, 'Next →', 'next') : ''}</nav>`;
}

const MATCHING = html`<p class="empty">Matching the stories already stored; the timeline fills in as they are matched.</p>`;

/** Why the timeline has nothing to show yet. */
function noEntries(p: TimelinePageProps): SafeHtml {
  if (p.job && jobActive(p.job)) return MATCHING;
  const waiting = plural(p.totalReview, 'story waits', 'stories wait');
  if (p.totalReview > 0) return html`<p class="empty">Nothing on the timeline yet: ${waiting} for your review above.</p>`;
  return emptyTimeline(p.sources, p.csrf);
}

/** "12 entries from 15 stories · 2 stories to review · last story …", or that there are none yet. */
function caseMeta(p: TimelinePageProps): SafeHtml {
  if (!p.totalEntries && !p.totalReview) return html`<p class="meta">No stories yet</p>`;
  const counts = `${plural(p.totalEntries, 'entry', 'entries')} from ${plural(p.totalStories, 'story', 'stories')}`;
  const last = p.updatedAt ? html` · last story <time datetime="${p.updatedAt}">${dateTime(p.updatedAt)}</time>` : '';
  return html`<p class="meta">${counts} · ${plural(p.totalReview, 'story', 'stories')} to review${last}</p>`;
}

function caseActions(p: TimelinePageProps): SafeHtml {
  const at = `/cases/${p.caseId}`;
  return html`<p class="actions"><a href="${at}/edit">Edit case</a> · <a href="${at}/feed.atom">Atom feed</a>
· <a href="${at}/timeline.json">JSON</a> · <a href="${at}/export.md">Markdown</a> · <a href="${at}/export.csv">CSV</a>
· <a class="danger-link" href="${at}/delete">Delete case</a></p>`;
}

const REVIEW_INTRO = html`<p class="muted">These stories might belong to the case. Confirm to add one to the timeline;
reject to hide it from this case. Either can be undone.</p>`;

function reviewSection(p: TimelinePageProps): SafeHtml | string {
  if (!p.review.length) return '';
  const long = p.totalReview > p.review.length
    ? html`<p class="muted">Showing ${p.review.length} of ${p.totalReview}. A queue this long usually means the case's
names are too broad: add keywords or exclusions to narrow it.</p>`
    : '';
  return html`<section class="review" aria-labelledby="review-h"><h2 id="review-h">To review</h2>${REVIEW_INTRO}${long}
<ul>${p.review.map((e) => reviewView(p.caseId, e, p.csrf))}</ul></section>`;
}

function days(p: TimelinePageProps): SafeHtml[] {
  return byDay(p.entries).map(([day, es]) => html`<section class="day" aria-label="${day}">
<h3 class="day-h"><time datetime="${day}">${day}</time></h3>${es.map((e) => entryView(e, p.stageLabels))}</section>`);
}

export function caseTimelinePage(p: TimelinePageProps): string {
  const other = p.order === 'newest' ? 'oldest' : 'newest';
  const active = Boolean((p.job && jobActive(p.job)) || (p.feedsJob && jobActive(p.feedsJob)));
  // An empty timeline says why in its place, with the next poll and "Poll now" (see noEntries).
  const empty = p.entries.length === 0 && p.totalReview === 0 && !(p.job && jobActive(p.job));
  const order = p.entries.length ? html`<a href="/cases/${p.caseId}?order=${other}">Show ${other} first</a>` : '';
  const body = html`${decisionNotice(p)}<header class="case-head">
<h1>${p.title}</h1>
${p.summary ? html`<p>${p.summary}</p>` : ''}
${caseMeta(p)}
${caseActions(p)}
${empty ? '' : pollLine(p.sources, p.csrf)}
${searchFeedList(p.sources, empty)}
</header>
${caseGlance(p.glance)}
${p.job ? backfillBox(p) : ''}
${p.feedsJob && jobActive(p.feedsJob) ? jobProgress(p.feedsJob, p.csrf) : ''}
${coverageChart(p.weeks, p.firstAt, p.updatedAt)}
${reviewSection(p)}
<section aria-labelledby="timeline-h">
<div class="row"><h2 id="timeline-h">Timeline</h2>${order}</div>
${p.entries.length ? days(p) : noEntries(p)}
${pager(p)}
</section>`;
  const feeds = [{ title: `${p.title} (casewatch)`, href: `/cases/${p.caseId}/feed.atom` }];
  return layout({ title: p.title, nav: 'cases', body, feeds, ...(active ? { refreshSeconds: 3 } : {}) });
}
