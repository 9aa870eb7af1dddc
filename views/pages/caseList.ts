// The home page: every tracked case with its latest story, what is new since the last visit, and its activity.
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { absoluteTime, monthYear, plural, relativeTimeTag } from '../format.ts';

export interface CaseListItem {
  id: number;
  title: string;
  parties: string;
  entries: number;
  review: number;
  latestStoryAt: string | null;
  latestStage: string | null;
  /** Stories that joined the timeline since the previous visit (0 on a first visit). */
  newStories: number;
  /** Timeline stories per week, oldest first: [Monday 00:00 UTC (epoch ms), stories]. */
  weeks: [number, number][];
}

export type CaseSort = 'latest' | 'name' | 'stage' | 'new';

export const CASE_SORT_LABELS: Readonly<Record<CaseSort, string>> = {
  latest: 'Latest story',
  name: 'Name',
  stage: 'Stage',
  new: 'New since last visit',
};

export interface CaseListPageProps {
  cases: CaseListItem[];
  feedCount: number;
  sort: CaseSort;
  now: string;
  /** When this browser's previous visit ended; null on its first visit, when nothing is marked new. */
  lastVisit: string | null;
  /** The title of the case just deleted from its page, for a notice. */
  deleted?: string | null;
}

const WEEK = 604_800_000;
export const BARS = 12;

export interface Activity {
  bars: number[];
  weeksPerBar: number;
  /** The first bar's first day and the day after the last bar (ISO). */
  from: string;
  to: string;
}

/**
 * A case's activity in 12 bars over its own life, ending with the week of its latest story (not this week: news
 * that stopped months ago is still a shape, not flat zeros). A case whose stories span 12 weeks or less gets a bar a
 * week; a longer one spreads its whole life over the 12 bars, so that a filing years before the ruling still shows,
 * as the case page's coverage chart does.
 */
export function activityBars(weeks: readonly (readonly [number, number])[]): Activity | null {
  if (weeks.length === 0) return null;
  const first = weeks[0]![0];
  const last = weeks[weeks.length - 1]![0];
  const span = Math.round((last - first) / WEEK) + 1;
  const weeksPerBar = Math.max(1, Math.ceil(span / BARS));
  const bars = new Array<number>(BARS).fill(0);
  for (const [week, stories] of weeks) bars[BARS - 1 - Math.floor(Math.round((last - week) / WEEK) / weeksPerBar)]! += stories;
  const from = new Date(last - (BARS * weeksPerBar - 1) * WEEK).toISOString();
  return { bars, weeksPerBar, from, to: new Date(last + WEEK).toISOString() };
}

function activityRange(a: Activity): string {
  const from = monthYear(a.from);
  const to = monthYear(new Date(Date.parse(a.to) - 1).toISOString());
  return from === to ? from : `${from} – ${to}`;
}

export function sparkline(a: Activity): SafeHtml {
  const max = Math.max(1, ...a.bars);
  const [w, h, bar] = [96, 24, 8];
  const per = a.weeksPerBar === 1 ? 'week' : `${a.weeksPerBar} weeks`;
  const label = `Stories per ${per}, ${activityRange(a)}: ${a.bars.join(', ')}`;
  const rects = a.bars.map((v, i) => {
    if (v === 0) return '';
    const bh = Math.max(2, (v / max) * (h - 2));
    return html`<rect x="${i * bar}" y="${(h - 1 - bh).toFixed(1)}" width="${bar - 1}" height="${bh.toFixed(1)}"/>`;
  });
  return html`<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}"><title>${label}</title><line class="spark-base" x1="0" x2="${w}" y1="${h - 0.5}" y2="${h - 0.5}"/>${rects}</svg>`;
}

function activityCell(weeks: CaseListItem['weeks']): SafeHtml {
  const a = activityBars(weeks);
  if (!a) return html`<span class="muted">no stories yet</span>`;
  return html`${sparkline(a)}<span class="spark-range">${activityRange(a)}</span>`;
}

/** The line above the list: what changed since the previous visit, or why nothing is marked on a first one. */
function sinceLastVisit(p: CaseListPageProps): SafeHtml {
  if (p.lastVisit === null) {
    return html`<p class="since-visit">First visit from this browser: stories that arrive from now on are marked new on your next visit.</p>`;
  }
  const fresh = p.cases.filter((c) => c.newStories > 0).length;
  const when = absoluteTime(p.lastVisit);
  if (fresh === 0) return html`<p class="since-visit">No new stories since your last visit on ${when}.</p>`;
  const has = fresh === 1 ? 'has' : 'have';
  return html`<p class="since-visit has-new"><strong>${plural(fresh, 'case')} ${has} new stories</strong> since your last visit on ${when}.</p>`;
}

function sortLinks(current: CaseSort): SafeHtml {
  const links = (Object.keys(CASE_SORT_LABELS) as CaseSort[]).map((s) => {
    const href = s === 'latest' ? '/' : `/?sort=${s}`;
    return html`<a href="${href}"${s === current ? html` aria-current="true"` : ''}>${CASE_SORT_LABELS[s]}</a>`;
  });
  return html`<nav class="sort" aria-label="Sort the cases"><span class="muted">Sort by</span> ${links.map((l) => html`${l} `)}</nav>`;
}

function caseRow(c: CaseListItem, now: string): SafeHtml {
  const fresh = c.newStories
    ? html` <span class="new-count">${c.newStories} new<span class="visually-hidden"> ${c.newStories === 1 ? 'story' : 'stories'} since your last visit</span></span>`
    : '';
  const review = c.review ? html`<div class="badge">${plural(c.review, 'story', 'stories')} to review</div>` : '';
  const latest = c.latestStoryAt ? relativeTimeTag(c.latestStoryAt, now) : html`<span class="muted">none yet</span>`;
  return html`<tr${c.newStories ? html` class="has-new"` : ''}>
<td class="case-cell"><a href="/cases/${c.id}">${c.title}</a>${fresh}<div class="muted small">${c.parties}</div>${review}</td>
<td data-label="Stage">${c.latestStage ? html`<span class="stage">${c.latestStage}</span>` : html`<span class="muted">—</span>`}</td>
<td data-label="Latest story">${latest}</td>
<td data-label="Entries" class="num">${c.entries}</td>
<td data-label="Activity" class="activity">${activityCell(c.weeks)}</td>
</tr>`;
}

export function caseListPage(p: CaseListPageProps): string {
  const body = p.cases.length
    ? html`<div class="row"><h1>Cases</h1><a class="button" href="/cases/new">Add a case</a></div>
${sinceLastVisit(p)}
${sortLinks(p.sort)}
<table class="cases">
<thead><tr><th scope="col">Case</th><th scope="col">Stage</th><th scope="col">Latest story</th><th scope="col" class="num">Entries</th><th scope="col">Activity</th></tr></thead>
<tbody>
${p.cases.map((c) => caseRow(c, p.now))}
</tbody>
</table>`
    : html`<h1>No cases yet</h1>
<div class="empty">
<p>casewatch follows news about the legal cases you care about. Add a case with its parties (and their names in any script), and every story from your feeds that mentions them lands on the case's timeline, merged and explained.</p>
<ol>
<li><a href="/feeds">Add a few news feeds</a>${p.feedCount ? html` (you have ${plural(p.feedCount, 'feed')})` : ''}.</li>
<li><a href="/cases/new">Add a case to watch</a>: its timeline fills at once from the stories already stored.</li>
</ol>
<p>Want to look around first? Run <code>npm run demo</code> for an offline tour with sample feeds and example cases such as <em>ByteDance v. Tian Keyu</em>.</p>
</div>`;
  const notice = p.deleted ? html`<div class="alert ok" role="status">Deleted “${p.deleted}” with its timeline and decisions. Its stories stay stored.</div>` : '';
  return layout({ title: 'Cases', nav: 'cases', body: html`${notice}${body}` });
}
