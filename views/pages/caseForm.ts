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
  /** Spellings of the parties found in stored stories that the watch lacks, listed under the preview. */
  suggestions?: AliasSuggestionsView | null;
  /** A status line above the form ("Added …"). */
  notice?: string | null;
  csrf: string;
}

export interface AliasSuggestionView {
  /** The party's index in the case (what POST /cases/:id/aliases takes). */
  party: number;
  /** The form row of that party (party_<row>_aliases). */
  row: number;
  partyName: string;
  alias: string;
  kind: string;
  stories: number;
  example: { storyId: number; title: string };
}

export interface AliasSuggestionsView {
  items: AliasSuggestionView[];
  /**
   * `saved`: found for the saved case; each Add is a small form that adds the alias at once. `draft`: found
   * for what the form holds; Add puts the alias into the form (nothing is saved).
   */
  via: 'saved' | 'draft';
}

/** How each kind of spelling is described next to it (the form carries them for views/static/app.js too). */
export const SUGGESTION_KIND_LABELS: Readonly<Record<string, string>> = {
  han: 'in Han characters',
  'local-script': 'written beside the name',
  pinyin: 'in pinyin',
  'wade-giles': 'in Wade-Giles',
  transliteration: 'spelled out',
  'long-vowel': 'long vowels spelled out',
  'given-name': 'in another name order',
  initial: 'with an initial',
  script: 'in another script form',
};

function suggestionItem(s: AliasSuggestionView, n: number, via: AliasSuggestionsView['via']): SafeHtml {
  const label = html`Add<span class="visually-hidden"> “${s.alias}” as an alias of ${s.partyName}</span>`;
  // A saved case's Add belongs to its own small form (forms cannot nest), placed after the case form.
  const button =
    via === 'saved'
      ? html`<button type="submit" form="add-alias-${n}" class="secondary small" data-row="${s.row}" data-alias="${s.alias}">${label}</button>`
      : html`<button type="submit" name="add_alias" value="${s.row}:${s.alias}" class="secondary small" data-row="${s.row}" data-alias="${s.alias}">${label}</button>`;
  return html`<li><span class="alias">${s.alias}</span> for <strong>${s.partyName}</strong> <span class="muted">${SUGGESTION_KIND_LABELS[s.kind] ?? s.kind} · in ${s.stories} ${s.stories === 1 ? 'story' : 'stories'}, e.g. “${s.example.title}”</span> ${button}</li>`;
}

function suggestionsView(s: AliasSuggestionsView): SafeHtml | string {
  if (s.items.length === 0) return '';
  return html`<h2 class="preview-h">Spellings your watch would miss</h2>
<p class="muted">Stored stories that name the case write these parties this way.</p>
<ul class="suggestion-list">${s.items.map((item, n) => suggestionItem(item, n, s.via))}</ul>`;
}

/** The small forms the Add buttons of a saved case's suggestions submit. */
function addAliasForms(s: AliasSuggestionsView | null | undefined, caseId: number, csrf: string): SafeHtml | string {
  if (!s || s.via !== 'saved') return '';
  return html`${s.items.map((item, n) => html`<form id="add-alias-${n}" method="post" action="/cases/${caseId}/aliases" hidden>${csrfField(csrf)}<input type="hidden" name="party" value="${item.party}"><input type="hidden" name="alias" value="${item.alias}"></form>`)}`;
}

export interface CasePreview {
  timeline: number;
  review: number;
  /** False when only the most recent candidates were checked: the counts are a lower bound. */
  complete: boolean;
  /** False when no story is stored yet (a new install): there was nothing to preview against. */
  storiesStored?: boolean;
  top: { title: string; url: string | null; source: string | null; publishedAt: string; status: string; reasons: string[] }[];
}

/** Said instead of "Would match 0 stored stories" when there are none to match. */
export const NOTHING_STORED = 'No stories are stored yet, so there is nothing to preview. Add feeds on the Feeds page: once they are polled, this case\'s timeline fills by itself.';

function previewView(p: CasePreview): SafeHtml {
  if (p.storiesStored === false) return html`<h2 class="preview-h">Nothing to preview yet</h2><p class="muted">${NOTHING_STORED}</p>`;
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
  // The suggestions come after the form's own buttons, so Enter in a field still saves the case rather than
  // adding an alias (the first submit button is the one Enter presses).
  const body = html`<h1>${heading}</h1>
${p.message ? html`<div class="alert" role="alert">${p.message}</div>` : ''}
${p.notice ? html`<div class="alert ok" role="status">${p.notice}</div>` : ''}
<form method="post" action="${action}" class="case-form" novalidate data-preview="/api/cases/preview" data-suggest="/api/cases/suggest-aliases" data-kind-labels="${JSON.stringify(SUGGESTION_KIND_LABELS)}"${p.mode.kind === 'edit' ? html` data-case-id="${p.mode.caseId}"` : ''}>
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
<p id="suggestion-status" class="muted small" role="status"></p>
<div id="suggestions" class="preview suggestions">${p.suggestions ? suggestionsView(p.suggestions) : ''}</div>
</form>
${p.mode.kind === 'edit' ? addAliasForms(p.suggestions, p.mode.caseId, p.csrf) : ''}`;
  return layout({ title: heading, nav: 'cases', body });
}
