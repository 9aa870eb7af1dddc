// The subscriptions page (list, add form, outbox), the digest preview, and the confirm/unsubscribe pages.
import type { SubscriptionView } from '../../app/subscriptionView.ts';
import { csrfField, html, trusted } from '../html.ts';
import { layout } from '../layout.ts';
import { absoluteTime, plural } from '../format.ts';
import type { PreviewProps } from '../../app/pageViews.ts';

export interface SubscriptionRowProps extends SubscriptionView {
  caseTitle: string;
  counts: { sent: number; waiting: number };
}

/** One .eml file of the outbox, with the headers a list needs. */
export interface OutboxItem {
  name: string;
  writtenAt: string;
  subject: string | null;
  to: string | null;
}

export interface SubscriptionsPageProps {
  subscriptions: SubscriptionRowProps[];
  cases: { id: number; title: string }[];
  outbox: OutboxItem[] | null;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  notice?: string | null;
  /** A notice reports success unless part of what was asked failed ("warn"). */
  noticeTone?: 'ok' | 'warn';
  /** Token for the hidden field of every POST form. */
  csrf: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function status(s: SubscriptionRowProps) {
  const retry = html`<span class="muted">(${s.consecutiveFailures === 1 ? 'the last delivery failed' : `the last ${s.consecutiveFailures} deliveries failed`}; casewatch tries again ${absoluteTime(s.nextAttemptAt)})</span>`;
  if (s.disabledReason) return html`<span class="bad">off</span> <span class="error-text">${s.disabledReason}</span>`;
  if (s.consecutiveFailures > 0 && s.lastError) return html`<span class="bad">${s.confirmed ? 'failing' : 'not confirmed'}</span> <span class="error-text">${s.lastError}</span> ${retry}`;
  if (!s.confirmed) return html`<span class="badge">waiting for confirmation</span>`;
  // The last problem stays visible after a later success, so a flaky server does not go unnoticed.
  const history = s.lastError ? html`<br><span class="muted">last problem (since resolved): <span class="error-text">${s.lastError}</span></span>` : '';
  return html`<span class="good">active</span>${history}`;
}

function when(s: SubscriptionView) {
  if (s.frequency === 'immediate') return 'as stories arrive (batched)';
  const at = `${String(s.hour).padStart(2, '0')}:00 ${s.timezone}`;
  return s.frequency === 'daily' ? `daily at ${at}` : `weekly on ${WEEKDAYS[s.weekday] ?? '?'} at ${at}`;
}

function row(s: SubscriptionRowProps, csrf: string) {
  const counts = html`${plural(s.counts.sent, 'story', 'stories')} sent${s.counts.waiting ? html`, ${s.counts.waiting} waiting to go out` : ''}`;
  return html`<tr><td>${s.channel}: ${s.target}</td><td>${s.caseTitle}</td><td>${when(s)}</td><td>${status(s)}</td><td>${absoluteTime(s.lastSentAt)}<br><span class="muted">${counts}</span></td>
<td><a href="/subscriptions/${s.id}/preview">Preview</a>${s.disabledReason ? html` <form method="post" action="/subscriptions/${s.id}/resume" class="inline">${csrfField(csrf)}<button type="submit">Resume</button></form>` : ''} <form method="post" action="/subscriptions/${s.id}/delete" class="inline">${csrfField(csrf)}<button type="submit" class="secondary">Remove</button></form></td></tr>`;
}

function addForm(p: SubscriptionsPageProps) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const err = (k: string) => (e[k] ? html`<p class="error" id="${k}-error">${e[k]}</p>` : '');
  const invalid = (k: string) => (e[k] ? html` aria-invalid="true" aria-describedby="${k}-error"` : '');
  const sel = (k: string, val: string, def: string) => ((v[k] ?? def) === val ? html` selected` : '');
  return html`<form method="post" action="/subscriptions" class="case-form">${csrfField(p.csrf)}
<div class="two">
<div><label for="sub-case">Case</label><select id="sub-case" name="caseId"><option value="">All cases</option>${p.cases.map((c) => html`<option value="${c.id}"${sel('caseId', String(c.id), '')}>${c.title}</option>`)}</select>${err('caseId')}</div>
<div><label for="sub-channel">Channel</label><select id="sub-channel" name="channel"><option value="email"${sel('channel', 'email', 'email')}>Email</option><option value="webhook"${sel('channel', 'webhook', 'email')}>Webhook</option></select></div>
</div>
<label for="sub-target">Email address or webhook URL</label>
<input id="sub-target" name="target" value="${v.target ?? ''}" maxlength="320"${invalid('target')}>
${err('target')}
<div class="two">
<div><label for="sub-frequency">How often</label><select id="sub-frequency" name="frequency"><option value="immediate"${sel('frequency', 'immediate', 'daily')}>As stories arrive (batched)</option><option value="daily"${sel('frequency', 'daily', 'daily')}>Daily</option><option value="weekly"${sel('frequency', 'weekly', 'daily')}>Weekly</option></select></div>
<div><label for="sub-hour">Hour (0-23)</label><input id="sub-hour" name="hour" type="number" min="0" max="23" value="${v.hour ?? '8'}"${invalid('hour')}>${err('hour')}</div>
</div>
<div class="two">
<div><label for="sub-weekday">Day (weekly)</label><select id="sub-weekday" name="weekday">${WEEKDAYS.map((d, i) => html`<option value="${i}"${sel('weekday', String(i), '1')}>${d}</option>`)}</select>${err('weekday')}</div>
<div><label for="sub-tz">Time zone</label><input id="sub-tz" name="timezone" value="${v.timezone ?? 'UTC'}" maxlength="64"${invalid('timezone')}>${err('timezone')}</div>
</div>
<button type="submit">Subscribe</button>
</form>`;
}

const rawHref = (name: string) => `/subscriptions/outbox/${encodeURIComponent(name)}`;

/** The subject opens the decoded message; "raw .eml" the source, named in full for a screen reader. */
function outboxItem(o: OutboxItem) {
  const title = o.subject ?? o.name;
  const raw = html`<a class="small" href="${rawHref(o.name)}"><span class="visually-hidden">Source of “${title}”: </span>raw .eml</a>`;
  return html`<li><a href="${rawHref(o.name)}/view">${title}</a> \
<span class="muted">to ${o.to ?? '?'} · ${absoluteTime(o.writtenAt)} ·</span> ${raw}</li>`;
}

function outbox(list: SubscriptionsPageProps['outbox']) {
  if (!list) return '';
  return html`<h2>Outbox</h2><p class="muted">No SMTP server is configured (SMTP_URL), so emails are written here as .eml files.</p>${
    list.length
      ? html`<ul class="outbox">${list.map(outboxItem)}</ul>`
      : html`<p class="muted">Empty.</p>`
  }`;
}

export function subscriptionsPage(p: SubscriptionsPageProps): string {
  const body = html`<h1>Digests</h1>
${p.notice ? html`<div class="alert ${p.noticeTone ?? 'ok'}" role="status">${p.notice}</div>` : ''}
<p>Get new timeline stories by email or webhook, each story once. Email addresses are confirmed by a link before anything else is sent.</p>
${addForm(p)}
<h2>Subscriptions</h2>
${p.subscriptions.length
  ? html`<table><thead><tr><th scope="col">To</th><th scope="col">Case</th><th scope="col">How often</th><th scope="col">Status</th><th scope="col">Last sent</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
${p.subscriptions.map((s) => row(s, p.csrf))}
</tbody></table>
<form method="post" action="/digests/run">${csrfField(p.csrf)}<button type="submit" class="secondary">Send pending digests now</button></form>`
  : html`<p class="empty">No subscriptions yet.</p>`}
${outbox(p.outbox)}`;
  return layout({ title: 'Digests', nav: 'subscriptions', body });
}

/** A page with one message; the optional form is the unsubscribe button, which the token in its URL authorizes. */
export function messagePage(title: string, message: string, form?: { action: string; button: string }): string {
  return layout({
    title,
    body: html`<h1>${title}</h1><p>${message}</p>${form ? html`<form method="post" action="${form.action}"><button type="submit">${form.button}</button></form>` : ''}`,
  });
}

export function previewPage(p: PreviewProps): string {
  const note = p.retry ? html`<p class="alert warn" role="status">This digest failed to go out and is waiting for its retry; it is sent again unchanged.</p>` : '';
  const content =
    p.channel === null
      ? html`<p class="empty">Nothing new since the last digest: nothing would be sent.</p>`
      : p.channel === 'email'
        ? html`${note}<p><strong>Subject:</strong> ${p.subject}</p>${emailBody(p.html, p.text)}`
        : html`${note}<p><strong>Subject:</strong> ${p.subject}</p><pre class="preview-text">${p.json}</pre>`;
  return layout({
    title: 'Digest preview',
    nav: 'subscriptions',
    body: html`<h1>Next digest for ${p.subscription.target}</h1><p class="muted">As it would be sent now; the schedule decides when it actually goes.</p>${content}<p><a href="/subscriptions">Back to digests</a></p>`,
  });
}

/** The HTML part as the subscriber reads it, with the plain-text part one click away. */
function emailBody(safeHtml: string | null, text: string | null) {
  if (!safeHtml) return html`<pre class="preview-text">${text ?? ''}</pre>`;
  const plain = text
    ? html`<details class="plain-text"><summary>Plain-text version</summary><pre class="preview-text">${text}</pre></details>`
    : '';
  const email = html`<article class="email-view" aria-label="The email as the subscriber sees it">${trusted(safeHtml)}</article>`;
  return html`${email}${plain}`;
}

export interface OutboxMessageProps {
  name: string;
  subject: string | null;
  from: string | null;
  to: string | null;
  date: string | null;
  /** Sanitized by core/emailHtml.ts safeEmailHtml; null when the message has no HTML part. */
  html: string | null;
  text: string | null;
}

/** One outbox message decoded: headers, the HTML part as the subscriber sees it, and a link to the raw source. */
export function outboxMessagePage(p: OutboxMessageProps): string {
  const head = (label: string, value: string | null) => (value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : '');
  const body = html`<p class="crumbs"><a href="/subscriptions">← Digests</a></p>
<h1>${p.subject ?? '(no subject)'}</h1>
<dl class="mail-head">${head('To', p.to)}${head('From', p.from)}${head('Date', p.date)}</dl>
<p class="toolbar"><a href="${rawHref(p.name)}">Raw source (.eml)</a></p>
${emailBody(p.html, p.text)}`;
  return layout({ title: p.subject ?? 'Outbox message', nav: 'subscriptions', body });
}
