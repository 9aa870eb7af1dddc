// Stories over the whole life of a case as a server-rendered SVG bar chart (weeks, months or quarters by span),
// readable without JavaScript and under the pages' CSP (classes and attributes, no inline style).
import { DAY_MS, nextWeek, WEEK_MS, weekStart } from '../core/timeline/weeks.ts';
import { html, type SafeHtml } from './html.ts';

export interface WeekCount {
  week: number;
  count: number;
}

/** Counts per week from the first to the last story, empty weeks included. */
export function weeklyCounts(dates: Date[], maxWeeks = Infinity): WeekCount[] {
  const counts = new Map<number, number>();
  for (const d of dates) {
    const w = weekStart(d.getTime());
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return weeklyCountsFrom(counts, maxWeeks);
}

/**
 * The same from counts already grouped by week (keys: Monday 00:00 UTC, as `weekStart` gives). The whole life of
 * the case by default: a chart that kept only the last two years dropped a 2018 filing from a case ruled in 2020.
 */
export function weeklyCountsFrom(counts: ReadonlyMap<number, number>, maxWeeks = Infinity): WeekCount[] {
  if (counts.size === 0) return [];
  const weeks = [...counts.keys()];
  const last = Math.max(...weeks);
  const first = Math.max(Math.min(...weeks), last - (maxWeeks - 1) * WEEK_MS);
  const out: WeekCount[] = [];
  for (let w = first; w <= last; w = nextWeek(w)) out.push({ week: w, count: counts.get(w) ?? 0 });
  return out;
}

export type CoverageUnit = 'week' | 'month' | 'quarter';

export interface CoverageBucket {
  /** Start of the week, month or quarter (epoch ms, UTC). */
  start: number;
  count: number;
  /** On the axis: "25 Nov", "Mar 2019", "Q1 2019". */
  tick: string;
  /** In words: "the week of 25 Nov 2024", "March 2019", "Q1 2019". */
  name: string;
}

export interface Coverage {
  unit: CoverageUnit;
  buckets: CoverageBucket[];
  total: number;
  /** "11 stories from June 2018 to June 2020, by month" */
  caption: string;
}

/** Spans up to this many days are shown by week, up to `MONTHS_UP_TO_DAYS` by month, longer ones by quarter. */
export const WEEKS_UP_TO_DAYS = 26 * 7;
export const MONTHS_UP_TO_DAYS = 3 * 366;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const short = (m: number) => MONTHS[m]!.slice(0, 3);
const day = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${short(d.getUTCMonth())} ${d.getUTCFullYear()}`;
};
const monthName = (t: number) => `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCFullYear()}`;

export function unitForSpan(firstAt: number, lastAt: number): CoverageUnit {
  const days = (lastAt - firstAt) / DAY_MS;
  return days <= WEEKS_UP_TO_DAYS ? 'week' : days <= MONTHS_UP_TO_DAYS ? 'month' : 'quarter';
}

/** Start of the month or quarter holding t, and the one after it. */
function periodOf(t: number, unit: 'month' | 'quarter'): [number, number] {
  const d = new Date(t);
  const months = unit === 'month' ? 1 : 3;
  const m = d.getUTCMonth() - (d.getUTCMonth() % months);
  return [Date.UTC(d.getUTCFullYear(), m, 1), Date.UTC(d.getUTCFullYear(), m + months, 1)];
}

function describe(start: number, unit: CoverageUnit): Pick<CoverageBucket, 'tick' | 'name'> {
  const d = new Date(start);
  if (unit === 'week')
    return { tick: `${d.getUTCDate()} ${short(d.getUTCMonth())}`, name: `the week of ${day(start)}` };
  if (unit === 'month') return { tick: `${short(d.getUTCMonth())} ${d.getUTCFullYear()}`, name: monthName(start) };
  const q = `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
  return { tick: q, name: q };
}

/**
 * Weekly counts regrouped by the unit the span calls for. Only weekly counts are stored, so a week that straddles
 * two months counts in the month of its Thursday (as ISO weeks belong to the year of their Thursday), moved inside
 * the first and last story's dates: the first and last bars are then the months those stories are in.
 */
export function coverageOf(weeks: readonly WeekCount[], firstAt: number, lastAt: number): Coverage {
  const unit = unitForSpan(firstAt, lastAt);
  const total = weeks.reduce((n, w) => n + w.count, 0);
  const counts = new Map<number, number>();
  const thursday = (w: number) => Math.min(Math.max(w + 3 * DAY_MS, firstAt), lastAt);
  const keyOf = (w: number) => (unit === 'week' ? w : periodOf(thursday(w), unit)[0]);
  for (const w of weeks) if (w.count) counts.set(keyOf(w.week), (counts.get(keyOf(w.week)) ?? 0) + w.count);
  const buckets: CoverageBucket[] = [];
  const end = unit === 'week' ? weekStart(lastAt) : periodOf(lastAt, unit)[0];
  const next = (t: number) => (unit === 'week' ? nextWeek(t) : periodOf(t, unit)[1]);
  const start = unit === 'week' ? weekStart(firstAt) : periodOf(firstAt, unit)[0];
  for (let t = start; t <= end; t = next(t))
    buckets.push({ start: t, count: counts.get(t) ?? 0, ...describe(t, unit) });
  const stories = `${total} ${total === 1 ? 'story' : 'stories'}`;
  const when = (t: number) => (unit === 'week' ? day(t) : monthName(t));
  const span = `${stories} from ${when(firstAt)} to ${when(lastAt)}, by ${unit}`;
  const caption = buckets.length === 1 ? `${stories} in ${buckets[0]!.name}` : span;
  return { unit, buckets, total, caption };
}

/** Count-axis ticks: steps of 1, 2 or 5 times a power of ten, at most four above zero; the top tick is >= max. */
export function countTicks(max: number): number[] {
  const m = Math.max(1, max);
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const found = [1, 2, 5].map((x) => x * p).find((s) => m / s <= 4);
    if (found) {
      step = found;
      break;
    }
  }
  const top = Math.ceil(m / step) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

const W = 640;
const H = 150;
const PAD = { top: 8, bottom: 24 };
/** At most this many time labels (every other one is hidden on a phone). */
const MAX_TICKS = 8;

/** The chart; `firstAt` and `lastAt` are the case's first and last story (ISO), `weeks` its weekly counts. */
export function coverageChart(weeks: readonly WeekCount[], firstAt: string | null, lastAt: string | null): SafeHtml {
  if (weeks.length === 0 || !firstAt || !lastAt) return html``;
  const c = coverageOf(weeks, Date.parse(firstAt), Date.parse(lastAt));
  const ticks = countTicks(Math.max(1, ...c.buckets.map((b) => b.count)));
  const top = ticks.at(-1)!;
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top);
  const bw = W / c.buckets.length;
  const peak = c.buckets.reduce((a, b) => (b.count > a.count ? b : a));
  const busiest = c.buckets.length > 1 ? `; busiest: ${peak.name} with ${peak.count}` : '';
  const every = Math.ceil(c.buckets.length / MAX_TICKS);
  // Bars stretch to any width; the labels sit in SVGs without a viewBox, placed by percentages (time) or pixels
  // (counts), so that their text is never stretched or squeezed with the bars.
  const pct = (u: number) => `${((100 * u) / W).toFixed(2)}%`;
  const timeLabel = (b: CoverageBucket, i: number, k: number) => {
    const x = (i + 0.5) * bw;
    const anchor = x < W * 0.06 ? 'start' : x > W * 0.94 ? 'end' : 'middle';
    const at = pct(anchor === 'start' ? 0 : anchor === 'end' ? W : x);
    return html`<text x="${at}" y="${H - 6}" text-anchor="${anchor}"${k % 2 ? html` class="minor"` : ''}>${b.tick}</text>`;
  };
  const countLabel = (t: number) => html`<text x="100%" dx="-6" y="${y(t) + 4}" text-anchor="end">${t}</text>`;
  const rule = (t: number) =>
    html`<line class="${t === 0 ? 'axis' : 'grid'}" x1="0" y1="${y(t)}" x2="${W}" y2="${y(t)}"
vector-effect="non-scaling-stroke"/>`;
  const bar = (b: CoverageBucket, i: number) => {
    if (!b.count) return '';
    const [x, top, width, height] = [i * bw + bw * 0.1, y(b.count), Math.max(0.5, bw * 0.8), y(0) - y(b.count)];
    return html`<rect class="bar" x="${x.toFixed(2)}" y="${top.toFixed(1)}"
width="${width.toFixed(2)}" height="${height.toFixed(1)}">
<title>${b.name}: ${b.count}</title></rect>`;
  };
  const labelled = c.buckets.map((b, i) => ({ b, i })).filter(({ i }) => i % every === 0);
  return html`<figure class="coverage">
<p class="coverage-axis muted small" aria-hidden="true">Stories per ${c.unit}</p>
<div class="coverage-plot">
<svg class="coverage-y" aria-hidden="true" focusable="false">${ticks.map(countLabel)}</svg>
<svg class="coverage-bars" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="coverage-title" preserveAspectRatio="none">
<title id="coverage-title">Coverage by ${c.unit}: ${c.caption}${busiest}</title>
${ticks.map(rule)}
${c.buckets.map(bar)}
</svg>
<svg class="coverage-x" aria-hidden="true" focusable="false">${labelled.map(({ b, i }, k) => timeLabel(b, i, k))}</svg>
</div>
<figcaption class="muted small">${c.caption} (each outlet's copy counted)${busiest}.</figcaption>
</figure>`;
}
