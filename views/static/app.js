// Progressive enhancement only: every page works without this script.
'use strict';

/** The unit a distance reads best in, at the thresholds of relativeTime in views/format.ts. */
function relativeParts(diff) {
  const abs = Math.abs(diff);
  const days = abs / 86_400_000;
  const sign = diff < 0 ? -1 : 1;
  if (abs < 60_000) return [0, 'second'];
  if (abs < 3_600_000) return [sign * Math.round(abs / 60_000), 'minute'];
  if (days < 2) return [sign * Math.round(abs / 3_600_000), 'hour'];
  if (days < 45) return [sign * Math.round(days), 'day'];
  if (days < 730) return [sign * Math.min(23, Math.round(days / 30.44)), 'month'];
  return [sign * Math.round(days / 365.25), 'year'];
}

/**
 * Moments in the reader's locale and time zone (the server writes UTC). data-time="relative" (lists): "3 days ago"
 * with the absolute moment as its tooltip; otherwise (timeline entries) the absolute moment with its zone. A bare
 * day ("2026-03-05", a day's heading) is left as written.
 */
function localizeTimes() {
  let absolute;
  let relative;
  try {
    // dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
    absolute = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  } catch {
    return; // an old browser keeps the server's UTC text
  }
  const now = Date.now();
  for (const t of document.querySelectorAll('time[datetime]')) {
    const v = t.getAttribute('datetime');
    if (!v || v.length <= 10) continue;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) continue;
    if (t.dataset.time === 'relative') {
      t.textContent = relative.format(...relativeParts(d.getTime() - now));
      t.title = absolute.format(d);
    } else {
      t.textContent = absolute.format(d);
    }
  }
}

/** The case form's fields as the JSON body of POST /api/cases (empty party rows left out). */
function caseFromForm(form) {
  return draftFromForm(form).draft;
}

/** The draft, and the form row of each of its parties (`rows[i]` for `draft.parties[i]`). */
function draftFromForm(form) {
  const data = new FormData(form);
  const lines = (name) => String(data.get(name) || '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  const parties = [];
  const rows = [];
  for (let i = 0; data.has(`party_${i}_name`); i++) {
    const name = String(data.get(`party_${i}_name`) || '').trim();
    if (!name) continue;
    parties.push({ name, role: String(data.get(`party_${i}_role`) || 'other'), aliases: lines(`party_${i}_aliases`) });
    rows.push(i);
  }
  return { draft: { title: String(data.get('title') || '').trim() || 'Untitled', parties, keywords: lines('keywords'), exclude: lines('exclude') }, rows };
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function renderPreview(box, result) {
  const n = result.timeline;
  const list = el('ol', { class: 'preview-list' });
  for (const t of result.top) {
    const title = t.url && /^https?:/i.test(t.url) ? el('a', { href: t.url, rel: 'noopener noreferrer', target: '_blank' }, t.title) : t.title;
    const meta = el('span', { class: 'muted' }, ` ${t.source || ''} · ${t.publishedAt.slice(0, 10)}${t.status === 'review' ? ' · review' : ''}`);
    list.append(el('li', {}, title, meta, el('div', { class: 'why' }, t.reasons.join('; '))));
  }
  if (result.storiesStored === false) {
    box.replaceChildren(
      el('h2', { class: 'preview-h' }, 'Nothing to preview yet'),
      el('p', { class: 'muted' }, "No stories are stored yet, so there is nothing to preview. Add feeds on the Feeds page: once they are polled, this case's timeline fills by itself."),
    );
    return;
  }
  // An incomplete preview read only the newest candidates: its counts are a lower bound.
  const atLeast = result.complete === false ? 'at least ' : '';
  const note = result.complete === false ? el('p', { class: 'muted' }, 'These names are in very many stories; the preview checked the most recent ones. Saving checks them all.') : '';
  box.replaceChildren(el('h2', { class: 'preview-h' }, `Would match ${atLeast}${n} stored ${n === 1 ? 'story' : 'stories'} (${atLeast}${result.review} more to review)`), note, list);
}

/** Spellings the draft lacks, each with an Add button that puts it into its party's aliases field. */
function renderSuggestions(box, result, rows, labels) {
  if (result.suggestions.length === 0) {
    box.replaceChildren();
    return;
  }
  const list = el('ul', { class: 'suggestion-list' });
  for (const s of result.suggestions) {
    const row = rows[s.party];
    if (row === undefined) continue;
    const count = `${s.stories} ${s.stories === 1 ? 'story' : 'stories'}`;
    const button = el('button', { type: 'button', class: 'secondary small', 'data-row': String(row), 'data-alias': s.alias }, 'Add', el('span', { class: 'visually-hidden' }, ` “${s.alias}” as an alias of ${s.partyName}`));
    const meta = el('span', { class: 'muted' }, `${labels[s.kind] || s.kind} · in ${count}, e.g. “${s.example.title}”`);
    list.append(el('li', {}, el('span', { class: 'alias' }, s.alias), ' for ', el('strong', {}, s.partyName), ' ', meta, ' ', button));
  }
  box.replaceChildren(el('h2', { class: 'preview-h' }, 'Spellings your watch would miss'), el('p', { class: 'muted' }, 'Stored stories that name the case write these parties this way.'), list);
}

/**
 * With the script, Add puts the alias into the form on both pages (the server-rendered buttons of an edit page
 * would save it at once and lose anything typed since): the preview follows, and saving keeps it.
 */
function addSuggestedAliases(form) {
  const status = document.getElementById('suggestion-status');
  form.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-alias]') : null;
    if (!button) return;
    event.preventDefault();
    const field = document.getElementById(`party-${button.dataset.row}-aliases`);
    if (!field) return;
    const alias = button.dataset.alias;
    const current = field.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    if (!current.includes(alias)) field.value = [...current, alias].join('\n');
    const details = field.closest('details');
    if (details) details.open = true;
    const item = button.closest('li');
    const next = item && (item.nextElementSibling || item.previousElementSibling);
    const name = document.getElementById(`party-${button.dataset.row}-name`);
    if (item) item.remove();
    if (next) next.querySelector('button')?.focus();
    if (status) status.textContent = `Added “${alias}” to the aliases of ${name ? name.value : 'the party'}. Save the case to keep it.`;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function livePreview(form) {
  const box = document.getElementById('preview');
  if (!box) return;
  let timer = null;
  let seq = 0;
  const suggestions = document.getElementById('suggestions');
  // How each kind of spelling is described: the page's words (SUGGESTION_KIND_LABELS in views/pages/caseForm.ts).
  const kindLabels = JSON.parse(form.dataset.kindLabels || '{}');
  const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const run = async () => {
    const { draft, rows } = draftFromForm(form);
    if (draft.parties.length === 0) {
      box.replaceChildren();
      if (suggestions) suggestions.replaceChildren();
      return;
    }
    const mine = ++seq;
    const caseId = form.dataset.caseId ? Number(form.dataset.caseId) : null;
    const body = JSON.stringify({ case: draft, caseId });
    try {
      const suggested = suggestions && form.dataset.suggest ? post(form.dataset.suggest, body) : null;
      const res = await post(form.dataset.preview, body);
      if (mine !== seq || !res.ok) return;
      renderPreview(box, await res.json());
      const found = suggested && (await suggested);
      if (mine === seq && found && found.ok) renderSuggestions(suggestions, await found.json(), rows, kindLabels);
    } catch {
      /* the preview is a convenience; the form still works */
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 350);
  });
  // A form that comes back with errors, or an edit form, already has a draft worth previewing.
  if (!box.hasChildNodes() && caseFromForm(form).parties.length > 0) run();
}

/** Once a field marked invalid by the server is edited, its old message no longer describes it. */
function clearEditedErrors(form) {
  form.addEventListener('input', (event) => {
    const field = event.target;
    if (!(field instanceof Element) || field.getAttribute('aria-invalid') !== 'true') return;
    const message = document.getElementById(field.getAttribute('aria-describedby') || '');
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
    if (message && message.classList.contains('error')) message.remove();
  });
}

/**
 * Pop-up <details> (a feed's actions, a failure's reason) behave like menus: one open at a time, closed by
 * Escape or a click elsewhere. Without the script they still open and close by their summary.
 */
function popups() {
  const open = () => document.querySelectorAll('details.pop[open]');
  document.addEventListener('toggle', (event) => {
    const d = event.target;
    if (!(d instanceof HTMLDetailsElement) || !d.classList.contains('pop') || !d.open) return;
    for (const other of open()) if (other !== d) other.open = false;
  }, true);
  document.addEventListener('click', (event) => {
    const inside = event.target instanceof Element ? event.target.closest('details.pop') : null;
    for (const d of open()) if (d !== inside) d.open = false;
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const d of open()) {
      d.open = false;
      d.querySelector('summary')?.focus();
    }
  });
}

/**
 * A background job's box (data-job: the job in the API): its phrase, counts and bar follow the job, and the
 * page reloads when it ends so that what the job produced (a filled timeline) shows. Without the script the
 * page refreshes itself (a <noscript> meta refresh).
 */
function followJobs() {
  for (const box of document.querySelectorAll('[data-job]')) {
    const url = box.getAttribute('data-job');
    const phrase = box.querySelector('[data-job-phrase]');
    const counts = box.querySelector('[data-job-counts]');
    const bar = box.querySelector('[data-job-bar]');
    const tick = async () => {
      try {
        const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (!res.ok) return setTimeout(tick, 3000);
        const job = await res.json();
        if (job.state !== 'queued' && job.state !== 'running') return location.reload();
        if (phrase && job.phrase) phrase.textContent = job.phrase;
        if (counts) counts.textContent = job.total === null ? '' : `${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')}`;
        if (bar && job.total !== null) {
          bar.max = Math.max(1, job.total);
          bar.value = job.done;
        }
        setTimeout(tick, 500);
      } catch {
        setTimeout(tick, 3000);
      }
    };
    setTimeout(tick, 300);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  localizeTimes();
  followJobs();
  popups();
  for (const f of document.querySelectorAll('form')) clearEditedErrors(f);
  const form = document.querySelector('form[data-preview]');
  if (form) {
    livePreview(form);
    addSuggestedAliases(form);
  }
});
