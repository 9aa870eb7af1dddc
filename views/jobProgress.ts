// A background job's progress as a page shows it: phrase, counts, a progress bar, and Cancel while it runs.
import { csrfField, html, type SafeHtml } from './html.ts';
import { absoluteTime } from './format.ts';
import type { JobProgressView } from '../app/pageViews.ts';

export const jobActive = (j: { state: string }) => j.state === 'queued' || j.state === 'running';

const count = (n: number) => n.toLocaleString('en');

/** "41,200 of 243,140" (or just the phrase while the total is not known yet). */
export function jobCounts(j: JobProgressView): string {
  return j.total === null ? '' : `${count(j.done)} of ${count(j.total)}`;
}

const STATE_WORDS: Record<JobProgressView['state'], string> = {
  queued: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
export const jobStateWord = (j: JobProgressView) => (j.cancelRequested && jobActive(j) ? 'Cancelling' : STATE_WORDS[j.state]);

/**
 * The progress box. The page's script follows `data-job` (the job in the API) and reloads the page when the
 * job ends; without JavaScript the page refreshes itself (`layout`'s `refreshSeconds`).
 */
export function jobProgress(j: JobProgressView, csrf: string): SafeHtml {
  const active = jobActive(j);
  const pct = j.total ? Math.floor((j.done / j.total) * 100) : null;
  return html`<section class="job job-${j.state}" aria-labelledby="job-${j.id}-h" ${active ? html`data-job="/api/jobs/${j.id}"` : ''}>
<p id="job-${j.id}-h"><strong data-job-phrase>${j.phrase || STATE_WORDS[j.state]}</strong> <span data-job-counts>${jobCounts(j)}</span></p>
${active ? html`<progress data-job-bar max="${j.total ?? 1}" ${j.total === null ? '' : html`value="${j.done}"`} aria-labelledby="job-${j.id}-h">${pct === null ? '' : `${pct}%`}</progress>` : ''}
${j.error ? html`<p class="error-text">${j.error}</p>` : ''}
${active && !j.cancelRequested ? html`<form method="post" action="/jobs/${j.id}/cancel" class="inline">${csrfField(csrf)}<button type="submit" class="secondary">Cancel</button></form>` : ''}
${active ? html`<p class="muted">The page updates itself when this ends. <a href="/jobs/${j.id}">Details</a></p>` : html`<p class="muted">${jobStateWord(j)}${j.finishedAt ? html` ${absoluteTime(j.finishedAt)}` : ''} · <a href="/jobs/${j.id}">Details</a></p>`}
</section>`;
}
