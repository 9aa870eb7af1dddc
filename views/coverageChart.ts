// Stories per week as a server-rendered SVG bar chart, readable without JavaScript.
import { html, type SafeHtml } from './html.ts';

const WEEK = 7 * 24 * 3600 * 1000;

/** Monday 00:00 UTC of the week holding t. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

export interface WeekCount {
  week: number;
  count: number;
}

/** Counts per week from the first to the last story, empty weeks included (at most the last 104 weeks shown). */
export function weeklyCounts(dates: Date[], maxWeeks = 104): WeekCount[] {
  const counts = new Map<number, number>();
  for (const d of dates) {
    const w = weekStart(d.getTime());
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return weeklyCountsFrom(counts, maxWeeks);
}

/** The same from counts already grouped by week (keys: Monday 00:00 UTC, as `weekStart` gives). */
export function weeklyCountsFrom(counts: ReadonlyMap<number, number>, maxWeeks = 104): WeekCount[] {
  if (counts.size === 0) return [];
  const weeks = [...counts.keys()];
  const last = Math.max(...weeks);
  const first = Math.max(Math.min(...weeks), last - (maxWeeks - 1) * WEEK);
  const out: WeekCount[] = [];
  // Step by whole weeks in UTC; weekStart keeps DST out of it.
  for (let w = first; w <= last; w = weekStart(w + WEEK + 12 * 3600 * 1000)) out.push({ week: w, count: counts.get(w) ?? 0 });
  return out;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export function coverageChart(weeks: WeekCount[]): SafeHtml {
  if (weeks.length === 0) return html``;
  const width = 640;
  const height = 120;
  const pad = { top: 8, bottom: 22, left: 28, right: 4 };
  const max = Math.max(...weeks.map((w) => w.count));
  const bw = (width - pad.left - pad.right) / weeks.length;
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  const total = weeks.reduce((n, w) => n + w.count, 0);
  const peak = weeks.reduce((a, b) => (b.count > a.count ? b : a));
  const label = `${total} stories from the week of ${iso(weeks[0]!.week)} to the week of ${iso(weeks[weeks.length - 1]!.week)}; busiest week ${iso(peak.week)} with ${peak.count}`;
  // Month ticks: the first week of each month, thinned to at most 8 labels (every other one is hidden on a phone).
  const ticks = weeks.map((w, i) => ({ i, d: new Date(w.week) })).filter((t, k, all) => k === 0 || t.d.getUTCMonth() !== all[k - 1]!.d.getUTCMonth());
  const every = Math.ceil(ticks.length / 8);
  // The bars stretch to any width; the labels sit in a second SVG without a viewBox, placed by percentages,
  // so that their text is never stretched or squeezed with the bars.
  const pct = (u: number) => `${((100 * u) / width).toFixed(2)}%`;
  const tickLabel = (t: { i: number }, k: number) => {
    const x = pad.left + t.i * bw;
    const nearEnd = x > width * 0.88;
    return html`<text x="${pct(nearEnd ? width - pad.right : x)}" y="${height - 6}"${nearEnd ? html` text-anchor="end"` : ''}${k % 2 ? html` class="minor"` : ''}>${iso(weeks[t.i]!.week).slice(0, 7)}</text>`;
  };
  return html`<figure class="coverage">
<div class="coverage-plot">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="coverage-title" preserveAspectRatio="none">
<title id="coverage-title">Coverage per week: ${label}</title>
<line x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}" stroke="#9aa3ad" vector-effect="non-scaling-stroke"/>
${weeks.map((w, i) => (w.count ? html`<rect x="${(pad.left + i * bw + 0.5).toFixed(1)}" y="${y(w.count).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${(y(0) - y(w.count)).toFixed(1)}" fill="#0b57d0"><title>week of ${iso(w.week)}: ${w.count}</title></rect>` : ''))}
</svg>
<svg class="coverage-labels" aria-hidden="true" focusable="false">
<text x="${pct(pad.left - 4)}" y="${y(max) + 4}" text-anchor="end">${max}</text>
<text x="${pct(pad.left - 4)}" y="${y(0)}" text-anchor="end">0</text>
${ticks.filter((_, k) => k % every === 0).map(tickLabel)}
</svg>
</div>
<figcaption class="muted small">Stories per week (copies included): ${label}.</figcaption>
</figure>`;
}
