// zod schemas for everything that enters through HTTP or the CLI.
import { z } from 'zod';

/**
 * The error for a value of the wrong type, or "is required" when it is missing: `title is required` and
 * `title must be text` ask for different fixes.
 */
const typeError = (wrongType: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : wrongType);

const text = (max: number) => z.string({ error: typeError('must be text') }).trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'must not be empty');
/** Control characters other than tab/newline are never legitimate in a case definition. */
const clean = (s: z.ZodString) => s.refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'must not contain control characters');

const term = clean(required(200));

/** A whole number from JSON (number) or a form/query (decimal digits); null, booleans and "1e3" are refused. */
const wholeNumber = (min: number, max: number, range: string) =>
  z
    .union([z.number(), z.string()], { error: typeError('must be a number') })
    .transform((v) => (typeof v === 'number' ? v : /^-?\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN))
    .pipe(z.number({ error: `must be a whole number ${range}` }).int(`must be a whole number ${range}`).min(min, `must be ${range}`).max(max, `must be ${range}`));
const termList = (label: string) => z.array(term, { error: typeError(`must be a list of ${label}`) }).max(50, `at most 50 ${label}`);

export const partySchema = z.strictObject({
  name: clean(required(200)),
  role: z.enum(['plaintiff', 'defendant', 'other'], { error: typeError('must be "plaintiff", "defendant" or "other"') }),
  aliases: termList('aliases').default([]),
});

const caseFields = {
  title: clean(required(300)),
  summary: clean(text(5000)).nullish(),
  court: clean(text(300)).nullish(),
  caseNumber: clean(text(100)).nullish(),
  parties: z.array(partySchema, { error: typeError('must be a list of parties') }).min(1, 'must include at least one party with a name').max(20, 'at most 20 parties'),
  keywords: termList('keywords'),
  exclude: termList('exclusions'),
  isPublic: z.boolean({ error: typeError('must be true or false') }),
};

export const caseInputSchema = z.strictObject({
  ...caseFields,
  keywords: caseFields.keywords.default([]),
  exclude: caseFields.exclude.default([]),
  isPublic: caseFields.isPublic.default(false),
});
export type CaseInputBody = z.infer<typeof caseInputSchema>;

/** Built without defaults: a field left out of a PATCH keeps its stored value. */
export const casePatchSchema = z
  .strictObject({
    title: caseFields.title.optional(),
    summary: caseFields.summary,
    court: caseFields.court,
    caseNumber: caseFields.caseNumber,
    parties: caseFields.parties.optional(),
    keywords: caseFields.keywords.optional(),
    exclude: caseFields.exclude.optional(),
    isPublic: caseFields.isPublic.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'give at least one field to change');

/** A decision on a matched story; "undo" reverses the latest confirm or reject of it. */
export const decisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'reject', 'undo'], { error: typeError('must be "confirm", "reject" or "undo"') }),
});

/** A form whose button is the whole request (deleting a case): any field is a mistake, and deletes nothing. */
export const buttonFormSchema = z.strictObject({});

/** "Poll now": the page to go back to, only a case page of this casewatch (the feeds page when left out). */
export const pollFormSchema = z.strictObject({
  back: z.string().regex(/^\/cases\/\d{1,16}$/, 'must be a case page such as /cases/12').optional(),
});

export const httpUrlSchema = required(2000).refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

/** Whether the articles behind a feed's stories are read (jobs/articles). */
const fullTextSchema = z.enum(['auto', 'always', 'never'], { error: 'must be "auto", "always" or "never"' });

export const feedInputSchema = z.strictObject({
  url: httpUrlSchema,
  title: clean(text(300)).nullish(),
  fullText: fullTextSchema.optional(),
});

export const feedPatchSchema = z
  .strictObject({
    paused: z.boolean({ error: typeError('must be true or false') }).optional(),
    fullText: fullTextSchema.optional(),
  })
  .refine((p) => p.paused !== undefined || p.fullText !== undefined, { path: ['paused'], message: 'is required unless fullText is given' });

/** The feed page's full-text setting. */
export const fullTextFormSchema = z.strictObject({
  fullText: fullTextSchema,
  back: z.enum(['list', 'feed'], { error: 'must be "list" or "feed"' }).optional(),
});

export const pauseFormSchema = z.strictObject({
  paused: z.enum(['true', 'false'], { error: typeError('must be "true" or "false"') }),
  /** The page the form goes back to: the feed list (default) or the feed's own page. */
  back: z.enum(['list', 'feed'], { error: 'must be "list" or "feed"' }).optional(),
});

/** The feeds page after an import: how many feeds were added, already there, and skipped. */
export const feedsPageQuerySchema = z.strictObject({
  added: z.string().regex(/^\d{1,6}$/, 'must be a count').transform(Number).optional(),
  existing: z.string().regex(/^\d{1,6}$/, 'must be a count').transform(Number).optional(),
  skipped: z.string().regex(/^\d{1,6}$/, 'must be a count').transform(Number).optional(),
});

export const opmlImportSchema = z.strictObject({
  opml: z.string({ error: typeError('must be the OPML file as text') }).min(1, 'must not be empty').max(2_000_000, 'must be at most 2 MB'),
});

/** Path and query ids: plain decimal digits only ("1e3" and "0x10" are not ids). */
export const idSchema = z
  .union([z.number(), z.string()], { error: typeError('must be a number') })
  .transform((v) => (typeof v === 'number' ? v : /^\d{1,16}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN))
  .pipe(z.number({ error: 'must be a positive whole number' }).int('must be a whole number').positive('must be a positive id').max(Number.MAX_SAFE_INTEGER, 'is too large'));

export const casePreviewSchema = z.strictObject({
  case: caseInputSchema,
  caseId: idSchema.nullish(),
});

/** One alias to add to one party of a saved case (API body or the suggestion form on the edit page). */
export const aliasInputSchema = z.strictObject({
  party: wholeNumber(0, 19, 'from 0 to 19 (the index of a party)'),
  alias: term,
});

/** The edit page after an alias was added from a suggestion (what to say in its status line). */
export const aliasAddedQuerySchema = z.strictObject({
  alias: text(200).optional(),
  party: wholeNumber(0, 19, 'from 0 to 19').optional(),
  status: z.enum(['added', 'unchanged'], { error: 'must be "added" or "unchanged"' }).optional(),
});

export const storiesQuerySchema = z.strictObject({
  feedId: idSchema.optional(),
  q: clean(text(200)).optional(),
  limit: wholeNumber(1, 200, 'from 1 to 200').default(50),
  before: z
    .string()
    .trim()
    .max(64)
    // Date.parse alone takes "0" or "May 5" (Date.parse('0') is the year 2000): the date must start as ISO 8601 does.
    .refine((v) => /^\d{4}-\d{2}-\d{2}[^~]*(~\d{1,16})?$/.test(v) && !Number.isNaN(Date.parse(v.split('~')[0]!)), 'must be an ISO 8601 date, or the `next` cursor of the previous page')
    .transform((v) => {
      const [date, id] = v.split('~');
      return { date: new Date(date!), id: id === undefined ? null : Number(id) };
    })
    .optional(),
});

const orderSchema = z.enum(['newest', 'oldest'], { error: 'must be "newest" or "oldest"' }).default('newest');

export const emptyQuerySchema = z.strictObject({});

/** The case list's order: latest story first (the default), by name, by stage, or most new stories first. */
export const caseListQuerySchema = z.strictObject({
  sort: z.enum(['latest', 'name', 'stage', 'new'], { error: 'must be "latest", "name", "stage" or "new"' }).default('latest'),
  /** After a case was deleted from its page: its title, for the list's notice ("Deleted “…”"). */
  deleted: text(300).optional(),
});

/**
 * The case list's last-visit cookie: "<this view>" on a browser's first visit, then "<this view>.<previous visit>",
 * both epoch milliseconds. Anything else is not ours (or was edited) and counts as no cookie.
 */
export const lastVisitCookieSchema = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,15})?$/)
  .transform((v) => {
    const [last, since] = v.split('.');
    return { last: Number(last), since: since === undefined ? null : Number(since) };
  })
  .refine((v) => v.since === null || v.since <= v.last);

/** `?wait=true` on a case's save: answer once its backfill has ended instead of at once. */
export const waitQuerySchema = z.strictObject({
  wait: z.enum(['true', 'false'], { error: 'must be true or false' }).optional().transform((v) => v === 'true'),
});

export const jobsQuerySchema = z.strictObject({
  caseId: idSchema.optional(),
  limit: wholeNumber(1, 200, 'from 1 to 200').default(50),
});

export const emptyBodySchema = z.strictObject({}, { error: 'must be an empty JSON object' });

/** The API and timeline.json return at most this many review-queue stories, in the timeline's order (`totalReview` counts all). */
export const REVIEW_LIMIT_API = 500;

/** API and timeline.json: one page of entries (100 by default) with the totals. */
export const timelineQuerySchema = z.strictObject({
  order: orderSchema,
  page: wholeNumber(1, 100_000, 'from 1 to 100000').default(1),
  perPage: wholeNumber(1, 1000, 'from 1 to 1000').default(100),
});

/** A case page after a decision: which one, on which story (the page says so and offers Undo). */
export const caseNoticeQuerySchema = z.strictObject({
  decided: z.enum(['confirm', 'reject', 'undo'], { error: 'must be "confirm", "reject" or "undo"' }).optional(),
  story: idSchema.optional(),
});

export const timelinePageQuerySchema = z.strictObject({
  order: orderSchema,
  page: wholeNumber(1, 100_000, 'from 1 to 100000').default(1),
  ...caseNoticeQuerySchema.shape,
});

const timezone = z
  .string()
  .trim()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as "Europe/Berlin" or "UTC"');

export const subscriptionInputSchema = z
  .strictObject({
    caseId: idSchema.nullable().default(null),
    channel: z.enum(['email', 'webhook'], { error: typeError('must be "email" or "webhook"') }),
    target: required(320),
    frequency: z.enum(['immediate', 'daily', 'weekly'], { error: typeError('must be "immediate", "daily" or "weekly"') }).default('daily'),
    hour: wholeNumber(0, 23, 'from 0 to 23').default(8),
    weekday: wholeNumber(0, 6, 'from 0 (Sunday) to 6').default(1),
    timezone: timezone.default('UTC'),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'email' && !z.email().safeParse(v.target).success) ctx.addIssue({ code: 'custom', path: ['target'], message: 'must be an email address' });
    if (v.channel === 'webhook' && !httpUrlSchema.safeParse(v.target).success) ctx.addIssue({ code: 'custom', path: ['target'], message: 'must be an http:// or https:// URL' });
  });
export type SubscriptionInput = z.infer<typeof subscriptionInputSchema>;
