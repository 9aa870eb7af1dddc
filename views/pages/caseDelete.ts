// Deleting a case: what is lost and what stays, then one button (a POST with the CSRF token).
import { csrfField, html } from '../html.ts';
import { layout } from '../layout.ts';
import { plural } from '../format.ts';
import type { CaseDeleteView } from '../../app/pageViews.ts';

export function caseDeletePage(p: CaseDeleteView & { csrf: string }): string {
  const timeline = p.stories ? plural(p.stories, 'story', 'stories') : 'no stories yet';
  const review = p.review ? `, and ${plural(p.review, 'story', 'stories')} waiting for review` : '';
  const decisions = p.confirmed + p.rejected;
  const decided = decisions
    ? `${p.confirmed} confirmed and ${p.rejected} rejected, and what the matcher learned from them`
    : 'none made yet';
  const body = html`<p class="crumbs"><a href="/cases/${p.caseId}">← ${p.title}</a></p>
<h1>Delete “${p.title}”?</h1>
<div class="delete-box">
<p>Deleting the case removes, for good:</p>
<ul>
<li>its timeline: ${timeline}${review};</li>
<li>your decisions: ${decided};</li>
<li>its news-search feeds: ${p.searchFeeds.length ? p.searchFeeds.join(', ') : 'none'};</li>
<li>digest subscriptions to this case alone: ${p.subscriptions ? String(p.subscriptions) : 'none'}.</li>
</ul>
<p>The stories themselves stay stored: other cases and the story search still find them, and a case added again later
matches them again.</p>
<div class="toolbar">
<form method="post" action="/cases/${p.caseId}/delete">${csrfField(p.csrf)}
<button type="submit" class="danger-button">Delete the case</button></form>
<a href="/cases/${p.caseId}">Keep it</a>
</div>
</div>`;
  return layout({ title: `Delete ${p.title}`, nav: 'cases', body });
}
