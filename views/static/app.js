// Progressive enhancement only: every page works without this script.
'use strict';

function localizeTimes() {
  for (const t of document.querySelectorAll('time[datetime]')) {
    const v = t.getAttribute('datetime');
    if (!v || v.length <= 10) continue;
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) t.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
}

/** The case form's fields as the JSON body of POST /api/cases (empty party rows left out). */
function caseFromForm(form) {
  const data = new FormData(form);
  const lines = (name) => String(data.get(name) || '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  const parties = [];
  for (let i = 0; data.has(`party_${i}_name`); i++) {
    const name = String(data.get(`party_${i}_name`) || '').trim();
    if (!name) continue;
    parties.push({ name, role: String(data.get(`party_${i}_role`) || 'other'), aliases: lines(`party_${i}_aliases`) });
  }
  return { title: String(data.get('title') || '').trim() || 'Untitled', parties, keywords: lines('keywords'), exclude: lines('exclude') };
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
  // An incomplete preview read only the newest candidates: its counts are a lower bound.
  const atLeast = result.complete === false ? 'at least ' : '';
  const note = result.complete === false ? el('p', { class: 'muted' }, 'These names are in very many stories; the preview checked the most recent ones. Saving checks them all.') : '';
  box.replaceChildren(el('h2', { class: 'preview-h' }, `Would match ${atLeast}${n} stored ${n === 1 ? 'story' : 'stories'} (${atLeast}${result.review} more to review)`), note, list);
}

function livePreview(form) {
  const box = document.getElementById('preview');
  if (!box) return;
  let timer = null;
  let seq = 0;
  const run = async () => {
    const draft = caseFromForm(form);
    if (draft.parties.length === 0) {
      box.replaceChildren();
      return;
    }
    const mine = ++seq;
    const caseId = form.dataset.caseId ? Number(form.dataset.caseId) : null;
    try {
      const res = await fetch(form.dataset.preview, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ case: draft, caseId }) });
      if (mine !== seq || !res.ok) return;
      renderPreview(box, await res.json());
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

document.addEventListener('DOMContentLoaded', () => {
  localizeTimes();
  for (const f of document.querySelectorAll('form')) clearEditedErrors(f);
  const form = document.querySelector('form[data-preview]');
  if (form) livePreview(form);
});
