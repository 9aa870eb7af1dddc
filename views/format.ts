// Small formatting helpers shared by the views, and the one place that decides how a moment is shown.
//
// One format per context: a timeline entry shows its moment absolute, with the time zone (`absoluteTime`); a list
// shows a distance ("3 days ago") with the absolute moment as its tooltip (`relativeTimeTag`); exports write UTC.
// The server writes every moment in UTC so that a page read without JavaScript is unambiguous; views/static/app.js
// re-renders each <time datetime> in the reader's locale and time zone, by its data-time attribute.
import { html, type SafeHtml } from './html.ts';

/** "2026-03-05 14:20 UTC": a moment as the server writes it, unambiguous without the page's script. */
export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 2026": the UTC month, for ranges of weeks and months. */
export function monthYear(iso: string): string {
  const d = new Date(iso);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * "5 min ago", "in 2 h", "3 days ago", "19 months ago", "3 years ago": schedules and the age of news read better as
 * distances; pair with the absolute time in a tooltip. app.js picks its units at the same thresholds.
 */
export function relativeTime(iso: string | null, now: string): string {
  if (!iso) return '—';
  const diff = Date.parse(iso) - Date.parse(now);
  const abs = Math.abs(diff);
  if (abs < MINUTE) return diff > 0 ? 'in under a minute' : 'just now';
  const days = abs / DAY;
  const span =
    abs < HOUR ? `${Math.round(abs / MINUTE)} min`
    : abs < 2 * DAY ? `${Math.round(abs / HOUR)} h`
    : days < 45 ? plural(Math.round(days), 'day')
    // Months up to two years: news from 19 and 23 months ago should not both read "2 years ago".
    : days < 730 ? plural(Math.min(23, Math.round(days / 30.44)), 'month')
    : plural(Math.round(days / 365.25), 'year');
  return diff > 0 ? `in ${span}` : `${span} ago`;
}

/** A moment on a timeline entry: absolute with its zone ("2026-03-05 14:20 UTC" until app.js localizes it). */
export function absoluteTime(iso: string | null): SafeHtml {
  if (!iso) return html`—`;
  return html`<time datetime="${iso}" data-time="absolute">${dateTime(iso)}</time>`;
}

/** A moment in a list: "3 days ago", with the absolute moment in its tooltip; app.js localizes both. */
export function relativeTimeTag(iso: string | null, now: string): SafeHtml {
  if (!iso) return html`—`;
  return html`<time datetime="${iso}" data-time="relative" title="${dateTime(iso)}">${relativeTime(iso, now)}</time>`;
}
