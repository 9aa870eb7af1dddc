// The home page: every tracked case with its latest story and counts.
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import { plural, shortDate } from '../format.ts';

export interface CaseListItem {
  id: number;
  title: string;
  parties: string;
  entries: number;
  review: number;
  latestStoryAt: string | null;
  latestStage: string | null;
  thisWeek: number;
  weekly: number[];
}

export function sparkline(weekly: number[]) {
  const max = Math.max(1, ...weekly);
  const w = 60;
  const h = 16;
  const step = w / Math.max(1, weekly.length - 1);
  const points = weekly.map((v, i) => `${(i * step).toFixed(1)},${(h - (v / max) * (h - 2) - 1).toFixed(1)}`).join(' ');
  return html`<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="stories per week, last 12 weeks: ${weekly.join(', ')}"><polyline points="${points}" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`;
}

export function caseListPage(p: { cases: CaseListItem[]; feedCount: number }): string {
  const body = p.cases.length
    ? html`<div class="row"><h1>Cases</h1><a class="button" href="/cases/new">Add a case</a></div>
<table class="cases">
<thead><tr><th scope="col">Case</th><th scope="col">Stage</th><th scope="col">Latest story</th><th scope="col">Entries</th><th scope="col">This week</th><th scope="col">12 weeks</th></tr></thead>
<tbody>
${p.cases.map(
  (c) => html`<tr>
<td><a href="/cases/${c.id}">${c.title}</a><div class="muted">${c.parties}</div>${c.review ? html`<div class="badge">${plural(c.review, 'story', 'stories')} to review</div>` : ''}</td>
<td data-label="Stage">${c.latestStage ? html`<span class="stage">${c.latestStage}</span>` : '—'}</td>
<td data-label="Latest story">${shortDate(c.latestStoryAt)}</td>
<td data-label="Entries">${c.entries}</td>
<td data-label="This week">${c.thisWeek}</td>
<td data-label="12 weeks">${sparkline(c.weekly)}</td>
</tr>`,
)}
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
  return layout({ title: 'Cases', nav: 'cases', body });
}
