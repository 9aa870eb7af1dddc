// The list of recent background jobs, and one job's page.
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import { absoluteTime } from '../format.ts';
import { jobActive, jobCounts, jobProgress, jobStateWord } from '../jobProgress.ts';
import type { JobProgressView } from '../../app/pageViews.ts';

const KIND_WORDS: Record<string, string> = { backfill: 'Match stored stories', import: 'Import feeds', poll: 'Poll feeds', articles: 'Read articles behind teasers' };

const subject = (j: JobProgressView) =>
  j.caseId === null ? '' : j.caseTitle ? html`<a href="/cases/${j.caseId}">${j.caseTitle}</a>` : html`case ${j.caseId} (removed)`;

export function jobsPage(p: { jobs: JobProgressView[] }): string {
  const active = p.jobs.some(jobActive);
  const body = html`<h1>Background jobs</h1>
<p class="muted">Work that runs while you use casewatch: matching a case against the stored stories, importing feeds, polling them. The newest first.</p>
${p.jobs.length === 0
  ? html`<p class="empty">No jobs yet. Saving a case starts one that fills its timeline from the stories already stored.</p>`
  : html`<div class="table-wrap"><table class="jobs">
<thead><tr><th scope="col">Job</th><th scope="col">For</th><th scope="col">State</th><th scope="col">Progress</th><th scope="col">Started</th></tr></thead>
<tbody>${p.jobs.map((j) => html`<tr class="job-${j.state}"><td><a href="/jobs/${j.id}">${KIND_WORDS[j.kind] ?? j.kind} #${j.id}</a></td><td>${subject(j)}</td><td>${jobStateWord(j)}</td><td>${j.phrase}${jobCounts(j) ? html` <span class="muted">(${jobCounts(j)})</span>` : ''}${j.error ? html` <span class="error-text">${j.error}</span>` : ''}</td><td>${absoluteTime(j.createdAt)}</td></tr>`)}</tbody>
</table></div>`}`;
  return layout({ title: 'Background jobs', nav: null, body, ...(active ? { refreshSeconds: 5 } : {}) });
}

export function jobPage(p: { job: JobProgressView; csrf: string }): string {
  const j = p.job;
  const body = html`<h1>${KIND_WORDS[j.kind] ?? j.kind} #${j.id}</h1>
${j.caseId !== null ? html`<p>For ${subject(j)}</p>` : ''}
${jobProgress(j, p.csrf)}
<p><a href="/jobs">All jobs</a></p>`;
  return layout({ title: `Job ${j.id}`, nav: null, body, ...(jobActive(j) ? { refreshSeconds: 2 } : {}) });
}
