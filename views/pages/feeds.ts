// The feeds page (a health summary, one line per feed, add and import forms) and one feed's own page.
import type { FeedHealth, HealthSummary } from '../../core/feedHealth.ts';
import type { FeedView } from '../../app/feedView.ts';
import type { StoryView } from '../../app/storyView.ts';
import { csrfField, html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { jobActive, jobProgress } from '../jobProgress.ts';
import type { JobProgressView } from '../../app/pageViews.ts';
import { dateTime, hostOf, plural, relativeTime, relativeTimeTag } from '../format.ts';

// Feeds imported before htmlUrl was checked may still hold a `javascript:` or `data:` link: never render one.
const isWebUrl = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

/** A feed with its health in words (state and last problem), as the pages show it. */
export type FeedRowView = FeedView & FeedHealth;

const feedName = (f: FeedView) => f.title || f.url;

/** A distance in words, with the absolute time as its tooltip (both in the reader's locale once the script runs). */
const when = (iso: string | null, now: string) => (iso ? relativeTimeTag(iso, now) : html`<span class="muted">—</span>`);

function nextFetch(f: FeedRowView, now: string): SafeHtml {
  if (f.paused) return html`<span class="muted">paused</span>`;
  // The poller picks up anything already due on its next round.
  if (f.nextFetchAt && f.nextFetchAt <= now) return html`<span title="${dateTime(f.nextFetchAt)}">due now</span>`;
  return when(f.nextFetchAt, now);
}

function failures(f: FeedRowView, now: string): string {
  const n = f.consecutiveFailures;
  const streak = n <= 1 ? 'Failed on the last try' : `Failed the last ${n} tries in a row`;
  if (f.paused) return `${streak}.`;
  const next = f.nextFetchAt && f.nextFetchAt > now ? relativeTime(f.nextFetchAt, now) : 'on the next poll';
  return `${streak}; next try ${next}.`;
}

/** The failure's words and what to do, then the stored message for a bug report or a search. */
function problemDetails(f: FeedRowView, now: string): SafeHtml {
  const p = f.problem!;
  return html`<p>${p.what} ${p.advice}</p><p class="muted small">${failures(f, now)} Technical detail: ${f.lastError}</p>`;
}

/** One short line per state; a failure's reason opens on demand so the row stays one line. */
function statusCell(f: FeedRowView, now: string): SafeHtml {
  if (f.state === 'failing' && f.problem) {
    const summary = html`<span class="bad">Failing</span> <span class="muted">· ${f.problem.short}</span>`;
    const body = html`<div class="pop-body">${problemDetails(f, now)}</div>`;
    return html`<details class="pop problem"><summary>${summary}</summary>${body}</details>`;
  }
  if (f.state === 'paused') return html`<span class="badge">Paused</span>`;
  if (f.state === 'new') return html`<span class="muted">Not fetched yet</span>`;
  const skipped = f.lastSkipped ? `; ${plural(f.lastSkipped, 'empty item')} skipped` : '';
  return html`<span class="good" title="Last fetch worked${skipped}">OK</span>`;
}

const listOfHosts = (list: string[]) =>
  list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;

function healthBox(h: HealthSummary): SafeHtml {
  const tone = h.failing ? 'tone-bad' : h.healthy === h.total ? 'tone-good' : 'tone-neutral';
  const groups = h.groups.map(
    (g) => html`<li><strong>${g.label}</strong> <span class="muted">(${listOfHosts(g.hosts)})</span>: ${g.advice}</li>`,
  );
  const advice = h.offline
    ? html`<p>Check this computer's internet connection. casewatch keeps trying every feed on its own, so nothing \
needs doing here.</p>`
    : h.groups.length
      ? html`<details><summary>What to do</summary><ul>${groups}</ul></details>`
      : h.waiting
        ? html`<p class="muted">New feeds show their health here once they have been fetched.</p>`
        : '';
  const headline = html`<p class="headline">${h.headline}.</p>`;
  return html`<section class="health ${tone}" aria-label="Feed health">${headline}${advice}</section>`;
}

export interface FeedsPageProps {
  feeds: FeedRowView[];
  health: HealthSummary;
  /** The time the page is rendered at (ISO), for "5 min ago" and "due now". */
  now: string;
  error?: string | null;
  url?: string;
  notice?: string | null;
  importError?: string | null;
  opml?: string;
  csrf: string;
  /** A poll or an import's first fetch, while it runs (or when it just ended). */
  job?: JobProgressView | null;
}

function starterForm(csrf: string): SafeHtml {
  return html`<form method="post" action="/feeds/starter" class="inline">${csrfField(csrf)}\
<button type="submit">Import the starter feeds</button></form>`;
}

function addForm(p: FeedsPageProps): SafeHtml {
  const invalid = p.error ? html` aria-invalid="true" aria-describedby="feed-url-error"` : '';
  return html`<form method="post" action="/feeds" class="add-feed">
${csrfField(p.csrf)}
<label for="feed-url">Feed or site URL</label>
<div class="row"><input id="feed-url" name="url" type="url" value="${p.url ?? ''}" required maxlength="2000" \
placeholder="https://example.com/rss.xml"${invalid}><button type="submit">Add feed</button></div>
${p.error ? html`<p class="error" id="feed-url-error">${p.error}</p>` : ''}
</form>`;
}

function importForm(p: FeedsPageProps): SafeHtml {
  const invalid = p.importError ? html` aria-invalid="true" aria-describedby="opml-error"` : '';
  return html`<form method="post" action="/feeds/import">
${csrfField(p.csrf)}
<label for="opml">Paste an OPML file (Feedly, Inoreader and most readers export one)</label>
<textarea id="opml" name="opml" rows="4"${invalid}>${p.opml ?? ''}</textarea>
${p.importError ? html`<p class="error" id="opml-error">${p.importError}</p>` : ''}
<div class="toolbar"><button type="submit">Import</button> <a href="/feeds/export.opml">Export all feeds as OPML</a></div>
</form>`;
}

/** The starter list is offered while there is no feed at all, or only the news searches of cases. */
function ownFeeds(p: FeedsPageProps, own: FeedRowView[]): SafeHtml {
  if (p.feeds.length === 0) {
    return html`<div class="empty"><p>No feeds yet. Add the RSS, Atom or JSON feed of a news site above (a site's home page \
works too when it advertises its feed), import an OPML file from your reader, or start with a list of public legal, \
business and technology news feeds in English and Chinese:</p>
${starterForm(p.csrf)}</div>`;
  }
  if (own.length === 0) {
    const starter = starterForm(p.csrf);
    return html`<p class="muted">No news sites of your own yet, only the news searches of your cases. ${starter}</p>`;
  }
  const heading = html`<h2>Your feeds <span class="muted count">${own.length}</span></h2>`;
  return html`${heading}${feedTable(own, p.csrf, p.now, 'Your feeds')}`;
}

export function feedsPage(p: FeedsPageProps): string {
  const own = p.feeds.filter((f) => f.caseId === null);
  const search = p.feeds.filter((f) => f.caseId !== null);
  const searches = html`<h2>News searches of your cases <span class="muted count">${search.length}</span></h2>
<p class="muted">Added for each case from its parties' names; they change with the case and go with it.</p>
${feedTable(search, p.csrf, p.now, 'News searches of your cases')}`;
  const body = html`<h1>Feeds</h1>
${p.notice ? html`<div class="alert ok" role="status">${p.notice}</div>` : ''}
${p.job ? jobProgress(p.job, p.csrf) : ''}
${p.feeds.length ? healthBox(p.health) : ''}
${p.feeds.length && !(p.job && jobActive(p.job)) ? pollNowForm(p.csrf) : ''}
${addForm(p)}
${ownFeeds(p, own)}
${search.length ? searches : ''}
<h2>Import and export</h2>
${importForm(p)}`;
  return layout({ title: 'Feeds', nav: 'feeds', body, ...(p.job && jobActive(p.job) ? { refreshSeconds: 3 } : {}) });
}

function pollNowForm(csrf: string): SafeHtml {
  return html`<form method="post" action="/feeds/poll" class="inline">${csrfField(csrf)}<button type="submit" class="secondary">Poll every feed now</button></form>`;
}

/** Retry, pause and remove; `back` says where the form returns to (the list or the feed's own page). */
function actionForms(f: FeedView, csrf: string, back: 'list' | 'feed', buttonClass: string): SafeHtml {
  const fields = html`${csrfField(csrf)}<input type="hidden" name="back" value="${back}">`;
  const paused = html`<input type="hidden" name="paused" value="${f.paused ? 'false' : 'true'}">`;
  return html`<form method="post" action="/feeds/${f.id}/retry">${fields}\
<button type="submit" class="${buttonClass}">Retry now</button></form>
<form method="post" action="/feeds/${f.id}/pause">${fields}${paused}\
<button type="submit" class="${buttonClass}">${f.paused ? 'Resume' : 'Pause'}</button></form>
<form method="post" action="/feeds/${f.id}/delete">${fields}\
<button type="submit" class="${buttonClass} danger">Remove</button></form>`;
}

function feedRow(f: FeedRowView, csrf: string, now: string): SafeHtml {
  const summary = html`<summary>Actions<span class="visually-hidden"> for ${feedName(f)}</span></summary>`;
  const menu = html`<details class="pop menu">${summary}\
<div class="pop-body">${actionForms(f, csrf, 'list', 'menu-item')}</div></details>`;
  return html`<tr class="state-${f.state}">
<td class="feed-name"><a href="/feeds/${f.id}" title="${f.url}">${feedName(f)}</a> \
<span class="muted small">${hostOf(f.url)}</span></td>
<td class="status">${statusCell(f, now)}</td>
<td data-label="Fetched">${when(f.lastFetchedAt, now)}</td>
<td data-label="Next">${nextFetch(f, now)}</td>
<td data-label="Stories" class="num">${f.storyCount}</td>
<td class="actions">${menu}</td>
</tr>`;
}

/** Fixed column widths: a long title or URL is cut with an ellipsis instead of widening the table. */
function feedTable(feeds: FeedRowView[], csrf: string, now: string, caption: string): SafeHtml {
  return html`<table class="feeds"><caption class="visually-hidden">${caption}</caption>
<colgroup><col><col class="c-status"><col class="c-time"><col class="c-time"><col class="c-num">\
<col class="c-actions"></colgroup>
<thead><tr><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Fetched</th><th scope="col">Next</th>\
<th scope="col" class="num">Stories</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
${feeds.map((f) => feedRow(f, csrf, now))}
</tbody></table>`;
}

export function storyList(stories: StoryView[]): SafeHtml {
  return html`<ol class="stories">${stories.map(
    (s) => html`<li>${s.url ? html`<a href="${s.url}" rel="noopener noreferrer" target="_blank">${s.title}</a>` : s.title} <span class="muted">${s.source ?? ''} · <time datetime="${s.publishedAt}">${dateTime(s.publishedAt)}</time></span><p class="small">${s.summary.slice(0, 280)}${s.summary.length > 280 ? '…' : ''}</p></li>`,
  )}</ol>`;
}

/** What the article job did for the feed's stories (jobs/articles). */
export interface FeedArticlesView {
  fetched: number;
  failed: number;
  skipped: number;
  reasons: { state: 'failed' | 'skipped'; reason: string; count: number }[];
}

const FULL_TEXT_CHOICES = [
  ['auto', 'For teasers a case may need (auto)'],
  ['always', 'For every new story'],
  ['never', 'Never'],
] as const;

/** The full-text setting as a select in its own CSRF-protected form. */
function fullTextForm(f: FeedView, csrf: string): SafeHtml {
  const options = FULL_TEXT_CHOICES.map(([value, label]) => html`<option value="${value}"${f.fullText === value ? html` selected` : ''}>${label}</option>`);
  return html`<form method="post" action="/feeds/${f.id}/full-text" class="row">${csrfField(csrf)}<input type="hidden" name="back" value="feed"><label for="full-text">Read the article behind a story</label> <select id="full-text" name="fullText">${options}</select> <button type="submit" class="secondary">Save</button></form>`;
}

function articlesBox(a: FeedArticlesView): SafeHtml {
  const reasons = a.reasons.length
    ? html`<ul class="small">${a.reasons.map((r) => html`<li>${r.state === 'failed' ? 'Failed' : 'Skipped'} (${r.count}): ${r.reason}</li>`)}</ul>`
    : '';
  return html`<dl class="feed-facts"><div><dt>Articles read</dt><dd>${a.fetched}</dd></div><div><dt>Failed</dt><dd>${a.failed}</dd></div><div><dt>Skipped</dt><dd>${a.skipped}</dd></div></dl>${reasons}<p class="muted small">A failed article never marks the feed as failing: its stories stay as the feed gave them.</p>`;
}

export interface FeedDetailProps {
  feed: FeedRowView;
  articles: FeedArticlesView;
  stories: StoryView[];
  /** The case a news-search feed belongs to. */
  ofCase: { id: number; title: string } | null;
  now: string;
  csrf: string;
}

export function feedDetailPage(p: FeedDetailProps): string {
  const f = p.feed;
  const status = f.state === 'failing' ? html`<span class="bad">Failing</span>` : statusCell(f, p.now);
  const back = p.ofCase
    ? html`<a href="/cases/${p.ofCase.id}">← ${p.ofCase.title}</a>`
    : html`<a href="/feeds">← All feeds</a>`;
  const site = isWebUrl(f.siteUrl) ? html` · <a href="${f.siteUrl}" rel="noopener noreferrer">site</a>` : '';
  const ofCase = p.ofCase
    ? html`<p class="muted">A news search for the case <a href="/cases/${p.ofCase.id}">${p.ofCase.title}</a>, made from its \
parties' names. It changes with the case and goes with it; removed, it comes back when the case's names are edited.</p>`
    : '';
  const problem = f.problem
    ? html`<div class="problem-box"><p><strong>${f.state === 'failing' ? 'Why it fails' : 'Last problem'}:</strong> \
${f.problem.what}</p><p>${f.problem.advice}</p>\
<p class="muted small">${failures(f, p.now)} Technical detail: ${f.lastError}</p></div>`
    : '';
  const body = html`<p class="crumbs">${back}</p>
<h1>${feedName(f)}</h1>
<p class="feed-url"><span class="muted">Address:</span> <code>${f.url}</code>${site}</p>
${ofCase}
<div class="toolbar" role="group" aria-label="Feed actions">${actionForms(f, p.csrf, 'feed', 'secondary')}</div>
<dl class="feed-facts">
<div><dt>Status</dt><dd>${status}</dd></div>
<div><dt>Last fetched</dt><dd>${when(f.lastFetchedAt, p.now)}</dd></div>
<div><dt>Next fetch</dt><dd>${nextFetch(f, p.now)}</dd></div>
<div><dt>Stories</dt><dd>${f.storyCount}</dd></div>
</dl>
${problem}
<h2>Articles behind the stories</h2>
${fullTextForm(f, p.csrf)}
${articlesBox(p.articles)}
<h2>Recent stories</h2>
${p.stories.length ? storyList(p.stories) : html`<p class="empty">No stories from this feed yet.</p>`}`;
  return layout({ title: feedName(f), nav: 'feeds', body });
}

export function storiesPage(p: { q: string; stories: StoryView[] }): string {
  const body = html`<h1>Stories</h1>
<form method="get" action="/stories" role="search"><label for="q">Search stored stories (any language)</label><div class="row"><input id="q" name="q" value="${p.q}" maxlength="200"><button type="submit">Search</button></div></form>
${p.stories.length ? storyList(p.stories) : html`<p class="empty">${p.q ? 'No stories match.' : 'No stories stored yet.'}</p>`}`;
  return layout({ title: 'Stories', nav: 'stories', body });
}
