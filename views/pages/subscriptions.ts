// The subscriptions page (list, add form, outbox) and the confirm/unsubscribe pages.
import type { SubscriptionView } from '../../db/subscriptions.ts';
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTime } from '../format.ts';

export interface SubscriptionsPageProps {
  subscriptions: (SubscriptionView & { caseTitle: string })[];
  cases: { id: number; title: string }[];
  outbox: { name: string; writtenAt: string }[] | null;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  notice?: string | null;
}

function status(s: SubscriptionView) {
  if (s.disabledReason) return html`<span class="bad">off</span> <span class="error-text">${s.disabledReason}</span>`;
  if (!s.confirmed) return html`<span class="badge">waiting for confirmation</span>`;
  if (s.lastError) return html`<span class="bad">failing</span> <span class="error-text">${s.lastError}</span> <span class="muted">(${s.consecutiveFailures} in a row; next try ${dateTime(s.nextAttemptAt)})</span>`;
  return html`<span class="good">active</span>`;
}

export function subscriptionsPage(p: SubscriptionsPageProps): string {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const err = (k: string) => (e[k] ? html`<p class="error" id="${k}-error">${e[k]}</p>` : '');
  const sel = (k: string, val: string, def: string) => ((v[k] ?? def) === val ? html` selected` : '');
  const body = html`<h1>Digests</h1>
${p.notice ? html`<div class="alert" role="status">${p.notice}</div>` : ''}
<p>Get new timeline stories by email or webhook, each story once. Email addresses are confirmed by a link before anything else is sent.</p>
<form method="post" action="/subscriptions" class="case-form">
<div class="two">
<div><label for="sub-case">Case</label><select id="sub-case" name="caseId"><option value="">All cases</option>${p.cases.map((c) => html`<option value="${c.id}"${sel('caseId', String(c.id), '')}>${c.title}</option>`)}</select></div>
<div><label for="sub-channel">Channel</label><select id="sub-channel" name="channel"><option value="email"${sel('channel', 'email', 'email')}>Email</option><option value="webhook"${sel('channel', 'webhook', 'email')}>Webhook</option></select></div>
</div>
<label for="sub-target">Email address or webhook URL</label>
<input id="sub-target" name="target" value="${v.target ?? ''}" maxlength="320"${e.target ? html` aria-invalid="true" aria-describedby="target-error"` : ''}>
${err('target')}
<div class="two">
<div><label for="sub-frequency">How often</label><select id="sub-frequency" name="frequency"><option value="immediate"${sel('frequency', 'immediate', 'daily')}>As stories arrive (batched)</option><option value="daily"${sel('frequency', 'daily', 'daily')}>Daily</option><option value="weekly"${sel('frequency', 'weekly', 'daily')}>Weekly (Monday)</option></select></div>
<div><label for="sub-hour">Hour (0-23)</label><input id="sub-hour" name="hour" type="number" min="0" max="23" value="${v.hour ?? '8'}">${err('hour')}</div>
</div>
<label for="sub-tz">Time zone</label>
<input id="sub-tz" name="timezone" value="${v.timezone ?? 'UTC'}" maxlength="64"${e.timezone ? html` aria-invalid="true" aria-describedby="timezone-error"` : ''}>
${err('timezone')}
<button type="submit">Subscribe</button>
</form>
<h2>Subscriptions</h2>
${p.subscriptions.length
  ? html`<table><thead><tr><th scope="col">To</th><th scope="col">Case</th><th scope="col">How often</th><th scope="col">Status</th><th scope="col">Last sent</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
${p.subscriptions.map(
  (s) => html`<tr><td>${s.channel}: ${s.target}</td><td>${s.caseTitle}</td><td>${s.frequency}${s.frequency !== 'immediate' ? html` at ${s.hour}:00 ${s.timezone}` : ''}</td><td>${status(s)}</td><td>${dateTime(s.lastSentAt)}</td>
<td><a href="/subscriptions/${s.id}/preview">Preview</a> <form method="post" action="/subscriptions/${s.id}/delete" class="inline"><button type="submit" class="secondary">Remove</button></form></td></tr>`,
)}
</tbody></table>
<form method="post" action="/digests/run"><button type="submit" class="secondary">Send pending digests now</button></form>`
  : html`<p class="empty">No subscriptions yet.</p>`}
${p.outbox
  ? html`<h2>Outbox</h2><p class="muted">No SMTP server is configured (SMTP_URL), so emails are written here as .eml files.</p>${p.outbox.length ? html`<ul>${p.outbox.map((o) => html`<li>${o.name} <span class="muted">${dateTime(o.writtenAt)}</span></li>`)}</ul>` : html`<p class="muted">Empty.</p>`}`
  : ''}`;
  return layout({ title: 'Digests', nav: 'subscriptions', body });
}

export function messagePage(title: string, message: string, form?: { action: string; button: string }): string {
  return layout({
    title,
    body: html`<h1>${title}</h1><p>${message}</p>${form ? html`<form method="post" action="${form.action}"><button type="submit">${form.button}</button></form>` : ''}`,
  });
}

export function previewPage(p: { subscription: SubscriptionView; subject: string | null; text: string | null }): string {
  return layout({
    title: 'Digest preview',
    nav: 'subscriptions',
    body: html`<h1>Next digest for ${p.subscription.target}</h1>${p.subject ? html`<p><strong>Subject:</strong> ${p.subject}</p><pre class="preview-text">${p.text}</pre>` : html`<p class="empty">Nothing new since the last digest: nothing would be sent.</p>`}<p><a href="/subscriptions">Back to digests</a></p>`,
  });
}
