// Where a case's stories come from, on its page: the next poll with "Poll now", the case's news-search feeds in
// words, and, for a case with no stories, why not (no feeds, failing feeds, or nothing found yet).
import { csrfField, html, type SafeHtml } from './html.ts';
import { dateTime, plural } from './format.ts';
import type { CaseSourcesView, FeedProblemView } from '../app/pageViews.ts';

const STATE_WORDS = { healthy: 'fetched', failing: 'failing', paused: 'paused', new: 'not fetched yet' } as const;

/** The soonest poll in words; a time already passed is due (the scheduler or "Poll now" fetches it). */
function nextPoll(v: CaseSourcesView): SafeHtml {
  if (!v.nextPollAt) return html`No feed is polled.`;
  if (Date.parse(v.nextPollAt) <= Date.parse(v.now)) return html`Next poll: due now.`;
  return html`Next poll: <time datetime="${v.nextPollAt}">${dateTime(v.nextPollAt)}</time>.`;
}

/** "Next poll … [Poll now]": a form back to this page, which shows the poll's progress. */
export function pollLine(v: CaseSourcesView, csrf: string): SafeHtml {
  if (v.feeds === 0) return html``;
  return html`<form method="post" action="/feeds/poll" class="poll-line">${csrfField(csrf)}
<input type="hidden" name="back" value="/cases/${v.caseId}">
<span class="muted small">${nextPoll(v)}</span> <button type="submit" class="secondary small">Poll now</button></form>`;
}

/** The failing feeds with what happened; advice they all share is said once, after the list. */
function problemList(problems: FeedProblemView[]): SafeHtml {
  const shown = problems.slice(0, 5);
  const advice = [...new Set(shown.map((p) => p.advice))];
  const each = advice.length > 1;
  const item = (p: FeedProblemView) =>
    html`<li><strong>${p.name}:</strong> ${p.what}${each ? html` <span class="muted">${p.advice}</span>` : ''}</li>`;
  const more = problems.length - shown.length;
  const rest = more ? html`<li><a href="/feeds">${plural(more, 'more failing feed')}</a></li>` : '';
  return html`<ul class="problems">${shown.map(item)}${rest}</ul>
${each ? '' : html`<p>${advice[0]}</p>`}`;
}

/**
 * The case's news-search feeds, open when one fails: a failure is never hidden in a closed section. `explained`: the
 * page already lists the failures (an empty timeline says why), so the list stays closed rather than repeat them.
 */
export function searchFeedList(v: CaseSourcesView, explained = false): SafeHtml {
  if (v.searchFeeds.length === 0) return html``;
  const failing = v.searchFeeds.some((f) => f.state === 'failing');
  const open = failing && !explained;
  const item = (f: CaseSourcesView['searchFeeds'][number]) => html`<li><a href="/feeds/${f.id}">${f.name}</a>
<span class="feed-state state-${f.state}">${STATE_WORDS[f.state]}</span>
${f.what ? html`<span class="small">${f.what}</span>` : ''}</li>`;
  return html`<details class="search-feeds"${open ? html` open` : ''}>
<summary>${plural(v.searchFeeds.length, 'news-search feed')} for this case${failing ? ' (failing)' : ''}</summary>
<ul>${v.searchFeeds.map(item)}</ul></details>`;
}

const NO_FEEDS = html`<p><strong>No feeds yet, so there is nothing to search.</strong>
casewatch finds a case's stories in the news feeds you add.</p>
<p><a href="/feeds">Add a feed</a>, or import a starter list of legal and technology news feeds:</p>`;

/** Why a case has no stories, and what to do about it. */
export function emptyTimeline(v: CaseSourcesView, csrf: string): SafeHtml {
  if (v.feeds === 0) {
    return html`<div class="empty empty-state">${NO_FEEDS}
<form method="post" action="/feeds/starter" class="inline">${csrfField(csrf)}
<button type="submit">Import the starter feeds</button></form></div>`;
  }
  if (v.failing > 0 && v.healthy === 0) {
    const every = v.failing === 1 ? 'the only feed' : v.failing === 2 ? 'both feeds' : `all ${v.failing} feeds`;
    const some = `${v.failing} of ${v.feeds} feeds failed and none has been read yet`;
    const all = v.failing === v.feeds ? `${every} failed` : some;
    // The summary line adds to the list only when the list is cut short ("DNS lookup failed for 28 hosts").
    const summary = v.problems.length > 5 ? html` ${v.headline}.` : '';
    return html`<div class="empty empty-state tone-bad"><p><strong>No stories yet: ${all}.</strong>${summary}</p>
${problemList(v.problems)}<p><a href="/feeds">The feeds page</a> can retry one feed now.</p>${pollLine(v, csrf)}</div>`;
  }
  if (v.healthy === 0 && v.waiting > 0) {
    const waiting = `${plural(v.waiting, 'feed')} ${v.waiting === 1 ? 'is' : 'are'} waiting for the first poll.`;
    return html`<div class="empty empty-state">
<p><strong>No stories yet: the feeds have not been fetched.</strong> ${waiting}</p>
${pollLine(v, csrf)}</div>`;
  }
  const failing = `${plural(v.failing, 'feed')} of ${v.feeds} ${v.failing === 1 ? 'is' : 'are'} failing`;
  const also =
    v.failing > 0
      ? html`<p>${failing}, so stories there are missed: ${v.headline}.</p>
${problemList(v.problems)}`
      : '';
  const searched = `None of the ${v.storiesStored.toLocaleString('en')} stored stories matches this case`;
  return html`<div class="empty empty-state">
<p><strong>Nothing found yet.</strong> ${searched}; new stories are matched as the feeds bring them.</p>
${also}<p>If the case is known by other names, <a href="/cases/${v.caseId}/edit">add them as aliases</a>.</p>
${pollLine(v, csrf)}</div>`;
}
