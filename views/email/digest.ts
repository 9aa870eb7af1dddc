// The digest email (subject, plain text, HTML), the confirmation email, and the webhook payload.
import { digestSubject, type Digest, type DigestEntry } from '../../core/digest.ts';
import { html } from '../html.ts';

export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

export interface DigestLinks {
  baseUrl: string;
  unsubscribeUrl: string;
  /** Dates are shown in the subscriber's zone (default UTC). */
  timezone?: string;
}

function dayIn(d: Date, timezone = 'UTC'): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

const oneLine = (s: string, max = 200) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
};

/** "Test Wire, 2024-11-26, ruling, 8 million yuan": what a reader scans before the title. */
function facts(e: DigestEntry, timezone?: string): string {
  return [e.source ?? 'unknown source', dayIn(e.publishedAt, timezone), e.stage, ...e.amounts].filter(Boolean).join(', ');
}

const caseUrl = (baseUrl: string, caseId: number) => `${baseUrl}/cases/${caseId}`;

function digestText(d: Digest, subject: string, links: DigestLinks): string {
  const lines: string[] = [subject, ''];
  for (const c of d.cases) {
    lines.push(`== ${oneLine(c.title)}${c.latestStage ? ` (latest stage: ${c.latestStage})` : ''}`, `Timeline: ${caseUrl(links.baseUrl, c.caseId)}`, '');
    for (const e of c.entries) {
      lines.push(`* ${oneLine(e.title)}`, `  ${facts(e, links.timezone)}`);
      if (e.summary) lines.push(`  ${oneLine(e.summary)}`);
      if (e.url) lines.push(`  ${e.url}`);
      if (e.alsoReportedBy.length) lines.push(`  Also reported by ${e.alsoReportedBy.join(', ')}`);
      lines.push('');
    }
  }
  lines.push('-- ', 'You receive this because this address subscribed to casewatch digests.', `Unsubscribe: ${links.unsubscribeUrl}`);
  return lines.join('\n');
}

function digestHtml(d: Digest, subject: string, links: DigestLinks): string {
  const entry = (e: DigestEntry) => html`<li style="margin-bottom:.9rem">${e.url ? html`<a href="${e.url}">${e.title}</a>` : e.title}<br>
<small style="color:#555">${facts(e, links.timezone)}</small>${e.summary ? html`<br>${oneLine(e.summary)}` : ''}${e.alsoReportedBy.length ? html`<br><small style="color:#555">Also reported by ${e.alsoReportedBy.join(', ')}</small>` : ''}</li>`;
  return html`<!doctype html><html><head><meta charset="utf-8"><title>${subject}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;line-height:1.4">
<h1 style="font-size:1.2rem">${subject}</h1>
${d.cases.map(
  (c) => html`<h2 style="font-size:1.05rem;margin:1.5rem 0 .25rem">${c.title}</h2>
<p style="margin:0 0 .5rem">${c.latestStage ? html`Latest stage: <strong>${c.latestStage}</strong> · ` : ''}<a href="${caseUrl(links.baseUrl, c.caseId)}">Open the case timeline</a></p>
<ul>${c.entries.map(entry)}</ul>`,
)}
<p style="font-size:.85rem;color:#555">You receive this because this address subscribed to casewatch digests. <a href="${links.unsubscribeUrl}">Unsubscribe</a></p>
</body></html>`.value;
}

export function digestEmail(d: Digest, links: DigestLinks): DigestMessage {
  const subject = digestSubject(d);
  return { subject, text: digestText(d, subject, links), html: digestHtml(d, subject, links) };
}

export function confirmationEmail(links: { confirmUrl: string; scope: string }): DigestMessage {
  const scope = oneLine(links.scope);
  const subject = `Confirm your casewatch digest for ${scope}`;
  const text = `Someone (hopefully you) asked for casewatch digests about ${scope} at this address.\n\nConfirm: ${links.confirmUrl}\n\nIf it wasn't you, ignore this message; nothing more will be sent.`;
  const body = html`<!doctype html><html><body style="font-family:system-ui,sans-serif"><p>Someone (hopefully you) asked for casewatch digests about ${scope} at this address.</p><p><a href="${links.confirmUrl}">Confirm the subscription</a></p><p>If it wasn't you, ignore this message; nothing more will be sent.</p></body></html>`;
  return { subject, text, html: body.value };
}

/** Slack's mrkdwn reserves & < > in text; a link target must not close the <url|label> early. */
const slackText = (s: string) => oneLine(s, 300).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const slackUrl = (u: string) => u.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');

export function webhookPayload(d: Digest, opts: { baseUrl: string; id: string; timezone?: string }): Record<string, unknown> {
  const subject = digestSubject(d);
  const lines = d.cases.flatMap((c) => [
    `*<${slackUrl(caseUrl(opts.baseUrl, c.caseId))}|${slackText(c.title)}>*${c.latestStage ? ` (latest stage: ${c.latestStage})` : ''}`,
    ...c.entries.map((e) => `• ${e.url ? `<${slackUrl(e.url)}|${slackText(e.title)}>` : slackText(e.title)} (${slackText(facts(e, opts.timezone))})`),
  ]);
  return {
    id: opts.id,
    text: [slackText(subject), ...lines].join('\n'),
    subject,
    storyCount: d.storyCount,
    cases: d.cases.map((c) => ({
      caseId: c.caseId,
      title: c.title,
      url: caseUrl(opts.baseUrl, c.caseId),
      latestStage: c.latestStage,
      entries: c.entries.map((e) => ({
        storyId: e.storyId,
        title: e.title,
        url: e.url,
        source: e.source,
        publishedAt: e.publishedAt.toISOString(),
        stage: e.stage,
        amounts: e.amounts,
        summary: oneLine(e.summary, 300),
        alsoReportedBy: e.alsoReportedBy,
      })),
    })),
  };
}
