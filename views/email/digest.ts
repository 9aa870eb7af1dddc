// The digest email (subject, plain text, HTML) and the webhook payload, from a composed digest.
import { digestSubject, type Digest } from '../../core/digest.ts';
import { html } from '../html.ts';

export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

export interface DigestLinks {
  baseUrl: string;
  unsubscribeUrl: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const oneLine = (s: string, max = 200) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function digestEmail(d: Digest, links: DigestLinks): DigestMessage {
  const subject = digestSubject(d);
  const text: string[] = [subject, ''];
  for (const c of d.cases) {
    text.push(`== ${c.title}${c.latestStage ? ` (latest stage: ${c.latestStage})` : ''}`, `   ${links.baseUrl}/cases/${c.caseId}`, '');
    for (const e of c.entries) {
      text.push(`* ${e.title}`, `  ${e.source ?? 'unknown source'}, ${day(e.publishedAt)}${e.stage ? `, ${e.stage}` : ''}${e.amounts?.length ? `, ${e.amounts.join(', ')}` : ''}`);
      if (e.summary) text.push(`  ${oneLine(e.summary)}`);
      if (e.url) text.push(`  ${e.url}`);
      if (e.alsoReportedBy.length) text.push(`  also reported by ${e.alsoReportedBy.join(', ')}`);
      text.push('');
    }
  }
  text.push('--', `Unsubscribe: ${links.unsubscribeUrl}`);
  const body = html`<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:40rem">
<h1 style="font-size:1.2rem">${subject}</h1>
${d.cases.map(
  (c) => html`<h2 style="font-size:1.05rem;margin-top:1.5rem"><a href="${links.baseUrl}/cases/${c.caseId}">${c.title}</a>${c.latestStage ? html` <small>(latest stage: ${c.latestStage})</small>` : ''}</h2>
<ul>${c.entries.map(
    (e) => html`<li style="margin-bottom:.75rem">${e.url ? html`<a href="${e.url}">${e.title}</a>` : e.title}<br>
<small>${e.source ?? 'unknown source'}, ${day(e.publishedAt)}${e.stage ? html`, ${e.stage}` : ''}${e.amounts?.length ? html`, ${e.amounts.join(', ')}` : ''}</small>
${e.summary ? html`<br>${oneLine(e.summary)}` : ''}
${e.alsoReportedBy.length ? html`<br><small>also reported by ${e.alsoReportedBy.join(', ')}</small>` : ''}</li>`,
  )}</ul>`,
)}
<p style="font-size:.85rem;color:#555"><a href="${links.unsubscribeUrl}">Unsubscribe</a> from these digests.</p>
</body></html>`;
  return { subject, text: text.join('\n'), html: body.value };
}

export function confirmationEmail(links: { confirmUrl: string; scope: string }): DigestMessage {
  const subject = `Confirm your casewatch digest for ${links.scope}`;
  const text = `Someone (hopefully you) asked for casewatch digests about ${links.scope} at this address.\n\nConfirm: ${links.confirmUrl}\n\nIf it wasn't you, ignore this message; nothing more will be sent.`;
  const body = html`<!doctype html><html><body style="font-family:system-ui,sans-serif"><p>Someone (hopefully you) asked for casewatch digests about ${links.scope} at this address.</p><p><a href="${links.confirmUrl}">Confirm the subscription</a></p><p>If it wasn't you, ignore this message; nothing more will be sent.</p></body></html>`;
  return { subject, text, html: body.value };
}

export function webhookPayload(d: Digest, baseUrl: string): Record<string, unknown> {
  const subject = digestSubject(d);
  const lines = d.cases.flatMap((c) => [`*${c.title}*`, ...c.entries.map((e) => `• ${e.url ? `<${e.url}|${e.title}>` : e.title} (${e.source ?? 'unknown source'}, ${day(e.publishedAt)})`)]);
  return {
    text: [subject, ...lines].join('\n'),
    subject,
    cases: d.cases.map((c) => ({
      caseId: c.caseId,
      title: c.title,
      url: `${baseUrl}/cases/${c.caseId}`,
      latestStage: c.latestStage,
      entries: c.entries.map((e) => ({ storyId: e.storyId, title: e.title, url: e.url, source: e.source, publishedAt: e.publishedAt.toISOString(), stage: e.stage, summary: oneLine(e.summary, 300), alsoReportedBy: e.alsoReportedBy })),
    })),
  };
}
