// A case's timeline: header, coverage chart, entries grouped by day (paged), review queue with confirm/reject.
import type { Entry } from '../../core/timelineEntries.ts';
import { coverageChart, type WeekCount } from '../coverageChart.ts';
import { csrfField, html, trusted, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTime, hostOf, plural } from '../format.ts';
import { jobActive, jobProgress, type JobProgressView } from '../jobProgress.ts';

export interface TimelinePageProps {
  caseId: number;
  title: string;
  summary: string | null;
  court: string | null;
  caseNumber: string | null;
  parties: { name: string; role: string; aliases: string[] }[];
  keywords: string[];
  latestStage: string | null;
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
  weeks: WeekCount[];
  stageLabels: Record<string, string>;
  csrf: string;
  searchFeeds: { id: number; title: string | null; url: string; lastStatus: string | null; lastError: string | null }[];
  /** The case's backfill while it is queued or running, or when it did not finish (cancelled or failed). */
  job: JobProgressView | null;
}

const sourceOf = (e: { source: string | null; url: string | null }) => e.source || hostOf(e.url) || 'unknown source';

function storyLink(e: { title: string; url: string | null }): SafeHtml {
  const title = e.title || '(untitled story)';
  return e.url ? html`<a href="${e.url}" rel="noopener noreferrer" target="_blank">${title}</a>` : html`${title}`;
}

function stageTag(stage: string | null, labels: Record<string, string>): SafeHtml | string {
  return stage ? html`<span class="stage stage-${stage}">${labels[stage] ?? stage}</span>` : '';
}

function entryView(e: Entry, labels: Record<string, string>): SafeHtml {
  return html`<article class="entry" id="story-${e.storyId}" aria-labelledby="story-${e.storyId}-h">
<h4 id="story-${e.storyId}-h">${storyLink(e)}</h4>
<p class="meta"><span class="source">${sourceOf(e)}</span> · <time datetime="${e.publishedAt}">${dateTime(e.publishedAt)}</time>${e.stage ? html` · ${stageTag(e.stage, labels)}` : ''}${e.status === 'confirmed' ? html` · <span class="badge">confirmed</span>` : ''}</p>
${e.amounts.length || e.courts.length ? html`<p class="facts">${e.amounts.map((a) => html`<span class="amount">${a}</span> `)}${e.courts.map((c) => html`<span class="court">${c}</span> `)}</p>` : ''}
${e.summaryHtml ? html`<div class="summary">${trusted(e.summaryHtml)}</div>` : ''}
<p class="why"><strong>Why it matched:</strong> ${e.reasons.join('; ')}</p>
${e.duplicates.length ? html`<details class="also"><summary>First reported by ${sourceOf(e)}; also ${plural(e.duplicates.length, 'outlet')}</summary><ul>${e.duplicates.map((d) => html`<li>${storyLink(d)} (${sourceOf(d)}, <time datetime="${d.publishedAt}">${dateTime(d.publishedAt)}</time>)</li>`)}</ul></details>` : ''}
</article>`;
}

function reviewView(caseId: number, e: Entry, csrf: string): SafeHtml {
  return html`<li class="review-item" id="review-${e.storyId}">
<p>${storyLink(e)} <span class="muted">(${sourceOf(e)}, <time datetime="${e.publishedAt}">${dateTime(e.publishedAt)}</time>)</span></p>
<p class="why">${e.reasons.join('; ')}</p>
<form method="post" action="/cases/${caseId}/stories/${e.storyId}" class="inline">${csrfField(csrf)}<input type="hidden" name="decision" value="confirm"><button type="submit" aria-label="Confirm: ${e.title}">Confirm</button></form>
<form method="post" action="/cases/${caseId}/stories/${e.storyId}" class="inline">${csrfField(csrf)}<input type="hidden" name="decision" value="reject"><button type="submit" class="secondary" aria-label="Reject: ${e.title}">Reject</button></form>
</li>`;
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

export function caseTimelinePage(p: TimelinePageProps): string {
  const other = p.order === 'newest' ? 'oldest' : 'newest';
  const body = html`<header class="case-head">
<h1>${p.title}</h1>
${p.summary ? html`<p>${p.summary}</p>` : ''}
<ul class="parties">${p.parties.map((x) => html`<li><span class="role">${x.role}</span> ${x.name}${x.aliases.length ? html` <span class="muted">(${x.aliases.join(', ')})</span>` : ''}</li>`)}</ul>
${p.court || p.caseNumber ? html`<p class="muted">${p.court ?? ''}${p.court && p.caseNumber ? ' · ' : ''}${p.caseNumber ?? ''}</p>` : ''}
<p class="meta">${p.latestStage ? html`Latest stage: ${stageTag(p.latestStage, p.stageLabels)} · ` : ''}${plural(p.totalEntries, 'entry', 'entries')} from ${plural(p.totalStories, 'story', 'stories')} · ${plural(p.totalReview, 'story', 'stories')} to review${p.updatedAt ? html` · last story <time datetime="${p.updatedAt}">${dateTime(p.updatedAt)}</time>` : ''}</p>
<p class="actions"><a href="/cases/${p.caseId}/edit">Edit case</a> · <a href="/cases/${p.caseId}/feed.atom">Atom feed</a> · <a href="/cases/${p.caseId}/timeline.json">JSON</a> · <a href="/cases/${p.caseId}/export.md">Markdown</a> · <a href="/cases/${p.caseId}/export.csv">CSV</a></p>
${p.searchFeeds.length ? html`<details class="search-feeds"><summary>${plural(p.searchFeeds.length, 'news-search feed')} for this case</summary><ul>${p.searchFeeds.map((f) => html`<li><a href="/feeds/${f.id}">${f.title ?? f.url}</a>${f.lastError ? html` <span class="error-text">${f.lastError}</span>` : ''}</li>`)}</ul></details>` : ''}
</header>
${p.job ? backfillBox(p) : ''}
${coverageChart(p.weeks)}
${p.review.length ? html`<section class="review" aria-labelledby="review-h"><h2 id="review-h">To review</h2><p class="muted">These stories might belong to the case. Confirm to add one to the timeline; reject to hide it for good.</p>${p.totalReview > p.review.length ? html`<p class="muted">Showing ${p.review.length} of ${p.totalReview}. A queue this long usually means the case's names are too broad: add keywords or exclusions to narrow it.</p>` : ''}<ul>${p.review.map((e) => reviewView(p.caseId, e, p.csrf))}</ul></section>` : ''}
<section aria-labelledby="timeline-h">
<div class="row"><h2 id="timeline-h">Timeline</h2><a href="/cases/${p.caseId}?order=${other}">Show ${other} first</a></div>
${p.entries.length ? byDay(p.entries).map(([day, es]) => html`<section class="day" aria-label="${day}"><h3 class="day-h"><time datetime="${day}">${day}</time></h3>${es.map((e) => entryView(e, p.stageLabels))}</section>`) : p.job && jobActive(p.job) ? html`<p class="empty">Matching the stories already stored; the timeline fills in as they are matched.</p>` : html`<p class="empty">No stories yet. New stories appear here as the feeds are polled.</p>`}
${pager(p)}
</section>`;
  return layout({ title: p.title, nav: 'cases', body, feeds: [{ title: `${p.title} (casewatch)`, href: `/cases/${p.caseId}/feed.atom` }], ...(p.job && jobActive(p.job) ? { refreshSeconds: 3 } : {}) });
}
