// "New since your last visit" on the case list: when this browser last looked at the list, kept in its own cookie.
import type { Request, Response } from 'express';
import { lastVisitCookieSchema } from '../app/schemas.ts';

export const LAST_VISIT_COOKIE = 'cw_seen';
/**
 * Views of the list closer together than this are one visit: opening a case and coming back to the list keeps that
 * visit's marks instead of clearing them at the first click. A view after a longer pause starts a new visit.
 */
export const VISIT_GAP_MS = 30 * 60_000;
/** Browsers cap a cookie's lifetime at 400 days. */
const MAX_AGE_MS = 400 * 86_400_000;
/** A cookie time this far ahead of our clock was not written by it (a server clock may step back a little). */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * The moment this view counts "new" from (the end of the previous visit), or null on the browser's first visit, when
 * nothing is marked new rather than everything; and the cookie set for the next view. No server-side state: a
 * missing, malformed or edited cookie only changes what this one browser is shown, so it counts as a first visit.
 */
export function takeVisit(req: Request, res: Response, now: Date, secure: boolean): Date | null {
  const t = now.getTime();
  const parsed = lastVisitCookieSchema.safeParse(req.cookies?.[LAST_VISIT_COOKIE]);
  const prev = parsed.success && parsed.data.last <= t + FUTURE_SLACK_MS ? parsed.data : null;
  const since = prev === null ? null : t - prev.last < VISIT_GAP_MS ? prev.since : prev.last;
  res.cookie(LAST_VISIT_COOKIE, since === null ? `${t}` : `${t}.${since}`, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: MAX_AGE_MS });
  return since === null ? null : new Date(since);
}
