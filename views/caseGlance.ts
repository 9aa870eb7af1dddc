// The case at a glance: the stage track (filed → hearing → ruling → appeal → settled) with the date and link of
// each stage's first report, and the parties, court, amount and case number the stories agree on.
import { html, type SafeHtml } from './html.ts';
import type { CaseGlanceView, GlanceFactView, GlanceStepView } from '../app/pageViews.ts';

/** A reached step's day, linked to its first report; the matcher's tag after it when the step's name would mislead. */
function firstReport(f: NonNullable<GlanceStepView['first']>): SafeHtml {
  const day = f.publishedAt.slice(0, 10);
  const tag = f.tag ? html` <span class="step-tag">${f.tag}</span>` : '';
  const hidden = html`<span class="visually-hidden">first reported </span>`;
  return html`<a class="step-date" href="${f.href}">${hidden}<time datetime="${day}">${day}</time></a>${tag}`;
}

function step(s: GlanceStepView, i: number): SafeHtml {
  const state = s.first ? 'reached' : 'unreached';
  const when = s.first ? firstReport(s.first) : html`<span class="step-date">not reported</span>`;
  return html`<li class="step ${state}${s.current ? ' current' : ''}"${s.current ? html` aria-current="step"` : ''}>
<span class="step-mark" aria-hidden="true">${String(i + 1)}</span>
<span class="step-body"><span class="step-name">${s.label}</span>
${when}${s.current ? html` <span class="step-now">latest</span>` : ''}</span>
</li>`;
}

function fact(label: string, f: GlanceFactView | null, g: CaseGlanceView): SafeHtml {
  if (!f) return html``;
  const from = g.sampled ? `of the ${g.read} newest stories` : `of ${g.read} ${g.read === 1 ? 'story' : 'stories'}`;
  const note = f.fromCase ? 'as entered for the case' : `in ${f.stories} ${from}`;
  return html`<div><dt>${label}</dt>
<dd><span class="fact-value">${f.value}</span> <span class="muted small">${note}</span></dd></div>`;
}

function party(x: CaseGlanceView['parties'][number]): SafeHtml {
  const aliases = x.aliases.length ? html` <span class="muted">(${x.aliases.join(', ')})</span>` : '';
  return html`<li><span class="role">${x.role}</span> ${x.name}${aliases}</li>`;
}

const NO_AGREED_FACTS = html`<p class="muted small">No court, amount or case number is stated by two or more stories yet.</p>`;

export function caseGlance(g: CaseGlanceView): SafeHtml {
  const none = !g.court && !g.amount && !g.caseNumber;
  // A case with no entry yet has nothing to place on the track: the box holds its parties only.
  const track = g.read > 0 || g.steps.some((s) => s.first);
  return html`<section class="glance" aria-labelledby="glance-h">
<h2 id="glance-h" class="visually-hidden">The case at a glance</h2>
${track ? html`<ol class="track" aria-label="Stages of the case">${g.steps.map(step)}</ol>` : ''}
<dl class="glance-facts">
<div><dt>Parties</dt><dd><ul class="parties">${g.parties.map(party)}</ul></dd></div>
${fact('Court', g.court, g)}${fact('Amount', g.amount, g)}${fact('Case number', g.caseNumber, g)}
</dl>
${none && g.read > 0 ? NO_AGREED_FACTS : ''}
</section>`;
}
