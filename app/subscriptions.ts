// Use cases for digest subscriptions: subscribe (double opt-in for email), confirm, unsubscribe, resume, preview, send.
import { randomBytes } from 'node:crypto';
import { caseById } from '../db/cases.ts';
import { deliveryCounts, type DeliveryCounts } from '../db/deliveries.ts';
import { confirmSubscription, deleteSubscription, insertSubscription, listSubscriptions, resumeSubscription, subscriptionById, subscriptionByToken } from '../db/subscriptions.ts';
import { toSubscriptionView, type SubscriptionView } from './subscriptionView.ts';
import { nextDigest, renderDigest, sendConfirmation, sendDigests, type DigestDeps, type DigestRunSummary } from '../jobs/sendDigests.ts';
import type { PreviewProps } from './pageViews.ts';
import type { AppContext } from './context.ts';
import { AppError, notFound } from './errors.ts';
import type { SubscriptionInput } from './schemas.ts';

const token = () => randomBytes(24).toString('base64url');

function digestDeps(ctx: AppContext): DigestDeps {
  return { db: ctx.db, mailer: ctx.mailer, log: ctx.log, baseUrl: ctx.config.baseUrl, mailFrom: ctx.config.mailFrom, now: ctx.now, allowPrivate: ctx.config.allowPrivateFeeds };
}

/**
 * Creates a subscription. Email needs its confirmation link followed before anything else is sent;
 * the confirmation goes out before this returns (a failure is kept on the subscription and retried).
 */
export async function subscribe(ctx: AppContext, input: SubscriptionInput): Promise<SubscriptionView & { secret?: string }> {
  if (input.caseId !== null && !caseById(ctx.db, input.caseId)) throw new AppError('VALIDATION', `invalid subscription: caseId ${input.caseId} does not exist`, [{ path: 'caseId', message: 'no such case' }]);
  const now = ctx.now();
  const row = insertSubscription(ctx.db, { ...input, secret: token(), token: token(), confirmedAt: input.channel === 'webhook' ? now : null }, now);
  if (row.channel === 'email') await sendConfirmation(digestDeps(ctx), row);
  ctx.log.info({ subscriptionId: row.id, caseId: row.caseId }, 'subscription created');
  const view = toSubscriptionView(subscriptionById(ctx.db, row.id)!);
  // The webhook secret is shown once, at creation, so the receiver can verify signatures.
  return row.channel === 'webhook' ? { ...view, secret: row.secret } : view;
}

export function subscriptionsList(ctx: AppContext): SubscriptionView[] {
  return listSubscriptions(ctx.db).map(toSubscriptionView);
}

/** Per subscription: stories sent, and stories in a digest that has not gone out yet. */
export function subscriptionCounts(ctx: AppContext): Map<number, DeliveryCounts> {
  return deliveryCounts(ctx.db);
}

export function unsubscribeById(ctx: AppContext, id: number): void {
  if (!deleteSubscription(ctx.db, id)) throw notFound(`subscription ${id}`);
}

export function resumeById(ctx: AppContext, id: number): void {
  if (!resumeSubscription(ctx.db, id)) throw notFound(`subscription ${id}`);
  ctx.log.info({ subscriptionId: id }, 'subscription resumed');
}

/** The token in the link is the identity: no login needed. Null for an unknown token. */
export function confirmByToken(ctx: AppContext, t: string): SubscriptionView | null {
  const sub = subscriptionByToken(ctx.db, t);
  if (!sub) return null;
  confirmSubscription(ctx.db, sub.id, ctx.now());
  return toSubscriptionView(subscriptionById(ctx.db, sub.id)!);
}

export function unsubscribeByToken(ctx: AppContext, t: string): boolean {
  const sub = subscriptionByToken(ctx.db, t);
  return sub ? deleteSubscription(ctx.db, sub.id) : false;
}

/** The next digest as it would be sent now (ignoring the schedule); channel null when nothing is new. */
export async function previewDigest(ctx: AppContext, id: number): Promise<PreviewProps> {
  const sub = subscriptionById(ctx.db, id);
  if (!sub) throw notFound(`subscription ${id}`);
  const subscription = toSubscriptionView(sub);
  const next = nextDigest(ctx.db, sub, ctx.config.baseUrl, ctx.now());
  if (!next) return { subscription, retry: false, channel: null };
  const out = renderDigest({ baseUrl: ctx.config.baseUrl }, sub, next);
  if (out.channel === 'webhook') return { subscription, retry: next.retry, channel: 'webhook', subject: String(out.payload.subject), json: JSON.stringify(out.payload, null, 2) };
  const { subject, text } = out.message;
  const { safeEmailHtml } = await import('../core/emailHtml.ts');
  return { subscription, retry: next.retry, channel: 'email', subject, text, html: safeEmailHtml(out.message.html) };
}

/** "Send now": every pending digest at once, ignoring batching windows and retry backoff. */
export async function runDigestsNow(ctx: AppContext): Promise<DigestRunSummary> {
  const first = ctx.digestLock.run(() => sendDigests(digestDeps(ctx), { force: true }));
  const r = await first.done;
  // A scheduled run was in flight and may have skipped digests that were not yet due: now send them all.
  return first.joined ? ctx.digestLock.run(() => sendDigests(digestDeps(ctx), { force: true })).done : r;
}

export function runScheduledDigests(ctx: AppContext): Promise<DigestRunSummary> {
  return ctx.digestLock.run(() => sendDigests(digestDeps(ctx))).done;
}
