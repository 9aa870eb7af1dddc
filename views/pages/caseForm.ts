// The add/edit case form; it keeps what the user typed and shows errors beside their fields.
import { csrfField, html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

export const PARTY_ROWS = 6;

export interface CaseFormValues {
  title: string;
  summary: string;
  court: string;
  caseNumber: string;
  parties: { name: string; role: string; aliases: string }[];
  keywords: string;
  exclude: string;
}

export const emptyCaseForm = (): CaseFormValues => ({ title: '', summary: '', court: '', caseNumber: '', parties: [], keywords: '', exclude: '' });

export interface CaseFormProps {
  mode: { kind: 'new' } | { kind: 'edit'; caseId: number };
  values: CaseFormValues;
  /** Field name (as in the form) → message. */
  errors: Record<string, string>;
  message?: string | null;
  preview?: CasePreview | null;
  csrf: string;
}

export interface CasePreview {
  timeline: number;
  review: number;
  /** False when only the most recent candidates were checked: the counts are a lower bound. */
  complete: boolean;
  top: { title: string; url: string | null; source: string | null; publishedAt: string; status: string; reasons: string[] }[];
}

function previewView(p: CasePreview): SafeHtml {
  const atLeast = p.complete ? '' : 'at least ';
  return html`<h2 class="preview-h">Would match ${atLeast}${p.timeline} stored ${p.timeline === 1 ? 'story' : 'stories'} (${atLeast}${p.review} more to review)</h2>
${p.complete ? '' : html`<p class="muted">These names are in very many stories; the preview checked the most recent ones. Saving checks them all.</p>`}
${p.top.length ? html`<ol class="preview-list">${p.top.map((t) => html`<li>${t.url ? html`<a href="${t.url}" rel="noopener noreferrer" target="_blank">${t.title}</a>` : t.title} <span class="muted">${t.source ?? ''} · ${t.publishedAt.slice(0, 10)}${t.status === 'review' ? ' · review' : ''}</span><div class="why">${t.reasons.join('; ')}</div></li>`)}</ol>` : ''}`;
}

function fieldError(errors: Record<string, string>, name: string): SafeHtml | string {
  const e = errors[name];
  return e ? html`<p class="error" id="${name}-error">${e}</p>` : '';
}

function described(errors: Record<string, string>, name: string): SafeHtml | string {
  return errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : '';
}

function partyRow(p: CaseFormValues['parties'][number] | undefined, i: number, errors: Record<string, string>): SafeHtml {
  const role = p?.role ?? (i === 0 ? 'plaintiff' : i === 1 ? 'defendant' : 'other');
  const opt = (v: string, label: string) => html`<option value="${v}"${role === v ? html` selected` : ''}>${label}</option>`;
  return html`<fieldset class="party">
<legend>Party ${i + 1}${i === 0 ? ' (required)' : ''}</legend>
<label for="party-${i}-name">Name</label>
<input id="party-${i}-name" name="party_${i}_name" value="${p?.name ?? ''}" maxlength="200"${described(errors, `party_${i}_name`)}>
${fieldError(errors, `party_${i}_name`)}
<label for="party-${i}-role">Role</label>
<select id="party-${i}-role" name="party_${i}_role">${opt('plaintiff', 'Plaintiff')}${opt('defendant', 'Defendant')}${opt('other', 'Other')}</select>
<label for="party-${i}-aliases">Aliases, one per line (any script: 字节跳动, Bytedance Ltd.)</label>
<textarea id="party-${i}-aliases" name="party_${i}_aliases" rows="2"${described(errors, `party_${i}_aliases`)}>${p?.aliases ?? ''}</textarea>
${fieldError(errors, `party_${i}_aliases`)}
</fieldset>`;
}

export function caseFormPage(p: CaseFormProps): string {
  const v = p.values;
  const action = p.mode.kind === 'new' ? '/cases' : `/cases/${p.mode.caseId}/edit`;
  const heading = p.mode.kind === 'new' ? 'Add a case to watch' : 'Edit case';
  const rows = Array.from({ length: Math.max(PARTY_ROWS, v.parties.length) }, (_, i) => partyRow(v.parties[i], i, p.errors));
  // Most cases have two parties: the empty rows after the last one in use wait behind a disclosure, so the
  // form (and the live preview below it) stays within reach.
  const inUse = (i: number) => Boolean(v.parties[i]?.name.trim() || v.parties[i]?.aliases.trim() || p.errors[`party_${i}_name`] || p.errors[`party_${i}_aliases`]);
  const shown = Math.max(2, ...rows.map((_, i) => (inUse(i) ? i + 1 : 0)));
  const parties = html`${rows.slice(0, shown)}${shown < rows.length ? html`<details class="more-parties"><summary>More parties</summary>${rows.slice(shown)}</details>` : ''}`;
  const body = html`<h1>${heading}</h1>
${p.message ? html`<div class="alert" role="alert">${p.message}</div>` : ''}
<form method="post" action="${action}" class="case-form" novalidate data-preview="/api/cases/preview"${p.mode.kind === 'edit' ? html` data-case-id="${p.mode.caseId}"` : ''}>
${csrfField(p.csrf)}
<label for="title">Title</label>
<input id="title" name="title" value="${v.title}" required maxlength="300" placeholder="ByteDance v. Tian Keyu"${described(p.errors, 'title')}>
${fieldError(p.errors, 'title')}
<label for="summary">Summary (optional)</label>
<textarea id="summary" name="summary" rows="3" maxlength="5000"${described(p.errors, 'summary')}>${v.summary}</textarea>
${fieldError(p.errors, 'summary')}
<div class="two">
<div><label for="court">Court (optional)</label><input id="court" name="court" value="${v.court}" maxlength="300"></div>
<div><label for="caseNumber">Case number (optional)</label><input id="caseNumber" name="caseNumber" value="${v.caseNumber}" maxlength="100"></div>
</div>
<h2>Parties</h2>
${fieldError(p.errors, 'parties')}
${parties}
<label for="keywords">Keywords, one per line (terms specific to this case: sabotage, 8 million yuan)</label>
<textarea id="keywords" name="keywords" rows="3"${described(p.errors, 'keywords')}>${v.keywords}</textarea>
${fieldError(p.errors, 'keywords')}
<label for="exclude">Exclusions, one per line (a story containing one is never matched)</label>
<textarea id="exclude" name="exclude" rows="2"${described(p.errors, 'exclude')}>${v.exclude}</textarea>
${fieldError(p.errors, 'exclude')}
<div id="preview" class="preview" aria-live="polite">${p.preview ? previewView(p.preview) : ''}</div>
<button type="submit">${p.mode.kind === 'new' ? 'Add case' : 'Save changes'}</button>
<button type="submit" name="action" value="preview" class="secondary">Preview matches</button>
</form>`;
  return layout({ title: heading, nav: 'cases', body });
}
