// A case's timeline as an Atom 1.0 feed, Markdown and CSV.
import type { Entry } from '../core/timelineEntries.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export interface CaseFeedInfo {
  caseId: number;
  title: string;
  summary: string | null;
  baseUrl: string;
  updatedAt: string;
}

/** Stable ids: a tag URI per (host, case, story), so readers never see an entry twice. */
function tagId(baseUrl: string, caseId: number, storyId?: number): string {
  const host = new URL(baseUrl).hostname || 'casewatch';
  return `tag:${host},2024:casewatch/case/${caseId}${storyId === undefined ? '' : `/story/${storyId}`}`;
}

export function caseAtom(c: CaseFeedInfo, entries: Entry[]): string {
  const caseUrl = `${c.baseUrl}/cases/${c.caseId}`;
  const items = entries.map((e) => {
    const also = e.duplicates.length ? `<p>Also reported by ${e.duplicates.map((d) => xml(d.source ?? 'another outlet')).join(', ')}.</p>` : '';
    const why = `<p>Why it matched: ${xml(e.reasons.join('; '))}</p>`;
    // summaryHtml went through the allowlist sanitizer; here it is escaped once more as XML text.
    const content = `${e.summaryHtml}${also}${why}`;
    return `  <entry>
    <id>${xml(tagId(c.baseUrl, c.caseId, e.storyId))}</id>
    <title type="text">${xml(e.title || '(untitled)')}</title>
    ${e.url ? `<link rel="alternate" type="text/html" href="${xml(e.url)}"/>` : ''}
    <published>${e.publishedAt}</published>
    <updated>${e.publishedAt}</updated>
    <author><name>${xml(e.source ?? 'unknown source')}</name></author>
    ${e.stage ? `<category term="${xml(e.stage)}"/>` : ''}
    <summary type="text">${xml(e.summary.slice(0, 500))}</summary>
    <content type="html">${xml(content)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(tagId(c.baseUrl, c.caseId))}</id>
  <title type="text">${xml(c.title)}</title>
  ${c.summary ? `<subtitle type="text">${xml(c.summary)}</subtitle>` : ''}
  <link rel="self" type="application/atom+xml" href="${xml(`${caseUrl}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(caseUrl)}"/>
  <updated>${entries[0]?.publishedAt ?? c.updatedAt}</updated>
  <generator>casewatch</generator>
${items.join('\n')}
</feed>
`;
}

const md = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\s+/g, ' ').trim();

export function caseMarkdown(c: CaseFeedInfo, entries: Entry[], rejected: Entry[] = []): string {
  const lines = [`# ${md(c.title)}`, ''];
  if (c.summary) lines.push(md(c.summary), '');
  // Exports are read far from the page that made them: their days and times are UTC, and say so.
  lines.push(`Timeline from ${c.baseUrl}/cases/${c.caseId}, ${entries.length} entries, oldest first. Dates are UTC.`, '');
  for (const e of [...entries].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))) {
    const title = e.url ? `[${md(e.title)}](${e.url.replace(/[()\s]/g, encodeURIComponent)})` : md(e.title);
    lines.push(`- **${e.publishedAt.slice(0, 10)}** ${title} (${md(e.source ?? 'unknown source')})${e.stage ? ` [${e.stage}]` : ''}${e.amounts.length ? ` ${md(e.amounts.join(', '))}` : ''}`);
    if (e.duplicates.length) lines.push(`  - also reported by ${e.duplicates.map((d) => md(d.source ?? 'another outlet')).join(', ')}`);
  }
  if (rejected.length) {
    lines.push('', `## Rejected (${rejected.length})`, '', 'Stories you rejected; the matcher scores stories like them lower.', '');
    for (const e of rejected) lines.push(`- **${e.publishedAt.slice(0, 10)}** ${e.url ? `[${md(e.title)}](${e.url.replace(/[()\s]/g, encodeURIComponent)})` : md(e.title)}`);
  }
  return lines.join('\n') + '\n';
}

/** RFC 4180, plus a leading apostrophe on cells a spreadsheet would run as a formula. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Timeline entries, then the stories the user rejected (status "rejected"); published_at in ISO 8601 UTC ("…Z"). */
export function caseCsv(entries: Entry[], rejected: Entry[] = []): string {
  const header = ['published_at', 'title', 'url', 'source', 'stage', 'amounts', 'status', 'score', 'reasons', 'also_reported_by'];
  const rows = [...entries, ...rejected].map((e) => [e.publishedAt, e.title, e.url ?? '', e.source ?? '', e.stage ?? '', e.amounts.join('; '), e.status, String(e.score), e.reasons.join('; '), e.duplicates.map((d) => d.url ?? d.source ?? '').join(' ')]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
