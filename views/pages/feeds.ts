// The feeds page (health of every feed, add form) and one feed's recent stories.
import type { FeedView } from '../../db/feeds.ts';
import type { StoryView } from '../../db/stories.ts';
import { csrfField, html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTime } from '../format.ts';

// Feeds imported before htmlUrl was checked may still hold a `javascript:` or `data:` link: never render one.
const isWebUrl = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

function health(f: FeedView): SafeHtml {
  if (f.paused) return html`<span class="badge">paused</span>${f.lastError ? html` <span class="error-text">${f.lastError}</span>` : ''}`;
  if (f.lastStatus === null) return html`<span class="muted">not fetched yet</span>`;
  if (f.lastStatus === 'error') return html`<span class="bad">failing</span> <span class="error-text">${f.lastError}</span> <span class="muted">(${f.consecutiveFailures} in a row)</span>`;
  return html`<span class="good">ok</span>${f.lastSkipped ? html` <span class="muted">(${f.lastSkipped} empty item${f.lastSkipped === 1 ? '' : 's'} skipped)</span>` : ''}`;
}

export interface FeedsPageProps {
  feeds: FeedView[];
  error?: string | null;
  url?: string;
  notice?: string | null;
  importError?: string | null;
  opml?: string;
  csrf: string;
}

export function feedsPage(p: FeedsPageProps): string {
  const own = p.feeds.filter((f) => f.caseId === null);
  const search = p.feeds.filter((f) => f.caseId !== null);
  const body = html`<h1>Feeds</h1>
${p.notice ? html`<div class="alert ok" role="status">${p.notice}</div>` : ''}
<form method="post" action="/feeds" class="add-feed">
${csrfField(p.csrf)}
<label for="feed-url">Feed or site URL</label>
<div class="row"><input id="feed-url" name="url" type="url" value="${p.url ?? ''}" required maxlength="2000" placeholder="https://example.com/rss.xml"${p.error ? html` aria-invalid="true" aria-describedby="feed-url-error"` : ''}><button type="submit">Add feed</button></div>
${p.error ? html`<p class="error" id="feed-url-error">${p.error}</p>` : ''}
</form>
${own.length ? feedTable(own, p.csrf) : html`<div class="empty"><p>No feeds yet. Add the RSS, Atom or JSON feed of a news site above (a site's home page works too when it advertises its feed), import an OPML file from your reader, or start with a list of public legal, business and technology news feeds in English and Chinese:</p>
<form method="post" action="/feeds/starter">${csrfField(p.csrf)}<button type="submit">Import the starter feeds</button></form></div>`}
${search.length ? html`<h2>News-search feeds of your cases</h2><p class="muted">Added for each case from its parties' names; they change with the case and go with it.</p>${feedTable(search, p.csrf)}` : ''}
<h2>Import and export</h2>
<form method="post" action="/feeds/import">
${csrfField(p.csrf)}
<label for="opml">Paste an OPML file (Feedly, Inoreader and most readers export one)</label>
<textarea id="opml" name="opml" rows="4"${p.importError ? html` aria-invalid="true" aria-describedby="opml-error"` : ''}>${p.opml ?? ''}</textarea>
${p.importError ? html`<p class="error" id="opml-error">${p.importError}</p>` : ''}
<button type="submit">Import</button> <a href="/feeds/export.opml">Export all feeds as OPML</a>
</form>`;
  return layout({ title: 'Feeds', nav: 'feeds', body });
}

function feedTable(feeds: FeedView[], csrf: string): SafeHtml {
  return html`<table class="feeds"><thead><tr><th scope="col">Feed</th><th scope="col">Health</th><th scope="col">Last fetched</th><th scope="col">Next</th><th scope="col">Stories</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
${feeds.map(
  (f) => html`<tr>
<td><a href="/feeds/${f.id}">${f.title || f.url}</a><div class="muted small">${f.url}</div></td>
<td data-label="Health">${health(f)}</td>
<td data-label="Last fetched">${dateTime(f.lastFetchedAt)}</td>
<td data-label="Next">${dateTime(f.nextFetchAt)}</td>
<td data-label="Stories">${f.storyCount}</td>
<td><form method="post" action="/feeds/${f.id}/retry" class="inline">${csrfField(csrf)}<button type="submit" class="secondary">Retry now</button></form>
<form method="post" action="/feeds/${f.id}/pause" class="inline">${csrfField(csrf)}<input type="hidden" name="paused" value="${f.paused ? 'false' : 'true'}"><button type="submit" class="secondary">${f.paused ? 'Resume' : 'Pause'}</button></form>
<form method="post" action="/feeds/${f.id}/delete" class="inline">${csrfField(csrf)}<button type="submit" class="secondary">Remove</button></form></td>
</tr>`,
)}
</tbody></table>`;
}

export function storyList(stories: StoryView[]): SafeHtml {
  return html`<ol class="stories">${stories.map(
    (s) => html`<li>${s.url ? html`<a href="${s.url}" rel="noopener noreferrer" target="_blank">${s.title}</a>` : s.title} <span class="muted">${s.source ?? ''} · <time datetime="${s.publishedAt}">${dateTime(s.publishedAt)}</time></span><p class="small">${s.summary.slice(0, 280)}${s.summary.length > 280 ? '…' : ''}</p></li>`,
  )}</ol>`;
}

export function feedDetailPage(p: { feed: FeedView; stories: StoryView[] }): string {
  const f = p.feed;
  const body = html`<h1>${f.title || f.url}</h1>
<p class="muted">${f.url}${isWebUrl(f.siteUrl) ? html` · <a href="${f.siteUrl}" rel="noopener noreferrer">site</a>` : ''}</p>
<p>Status: ${health(f)} · last fetched ${dateTime(f.lastFetchedAt)} · next ${dateTime(f.nextFetchAt)} · ${f.storyCount} stories</p>
<h2>Recent stories</h2>
${p.stories.length ? storyList(p.stories) : html`<p class="empty">No stories from this feed yet.</p>`}`;
  return layout({ title: f.title || f.url, nav: 'feeds', body });
}

export function storiesPage(p: { q: string; stories: StoryView[] }): string {
  const body = html`<h1>Stories</h1>
<form method="get" action="/stories" role="search"><label for="q">Search stored stories (any language)</label><div class="row"><input id="q" name="q" value="${p.q}" maxlength="200"><button type="submit">Search</button></div></form>
${p.stories.length ? storyList(p.stories) : html`<p class="empty">${p.q ? 'No stories match.' : 'No stories stored yet.'}</p>`}`;
  return layout({ title: 'Stories', nav: 'stories', body });
}
