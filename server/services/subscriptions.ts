// Use cases for digest subscriptions: subscribe (double opt-in for email), confirm, unsubscribe, send.
import { randomBytes } from 'node:crypto';
import { caseById } from '../../db/cases.ts';
import {
  confirmSubscription,
  deleteSubscription,
  insertSubscription,
  listSubscriptions,
  subscriptionById,
  subscriptionByToken,
  toSubscriptionView,
  type SubscriptionView,
} from '../../db/subscriptions.ts';
import { sendDigests, type DigestRunSummary } from '../../jobs/sendDigests.ts';
import { confirmationEmail } from '../../views/email/digest.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import type { SubscriptionInput } from '../schemas.ts';

const token = () => randomBytes(24).toString('base64url');

export async function subscribe(ctx: AppContext, input: SubscriptionInput): Promise<SubscriptionView & { secret?: string }> {
  if (input.caseId !== null && !caseById(ctx.db, input.caseId)) throw new AppError('VALIDATION', `invalid subscription: caseId ${input.caseId} does not exist`, [{ path: 'caseId', message: 'no such case' }]);
  const now = ctx.now();
  const row = insertSubscription(ctx.db, { ...input, secret: token(), token: token(), confirmedAt: input.channel === 'webhook' ? now : null }, now);
  if (row.channel === 'email') {
    const scope = row.caseId === null ? 'all cases' : caseById(ctx.db, row.caseId)!.title;
    const msg = confirmationEmail({ confirmUrl: `${ctx.config.baseUrl}/confirm/${row.token}`, scope });
    const host = new URL(ctx.config.baseUrl).hostname || 'casewatch.local';
    const sent = await ctx.mailer.send({ to: row.target, from: ctx.config.mailFrom, ...msg, messageId: `<confirm-${row.id}@${host}>` });
    if (!sent.ok) ctx.log.warn({ subscriptionId: row.id }, `confirmation email not sent: ${sent.message}`);
  }
  ctx.log.info({ subscriptionId: row.id, caseId: row.caseId }, 'subscription created');
  // The webhook secret is shown once, at creation, so the receiver can verify signatures.
  return { ...toSubscriptionView(row), ...(row.channel === 'webhook' ? { secret: row.secret } : {}) };
}

export function subscriptionsList(ctx: AppContext): SubscriptionView[] {
  return listSubscriptions(ctx.db).map(toSubscriptionView);
}

export function unsubscribeById(ctx: AppContext, id: number): void {
  if (!deleteSubscription(ctx.db, id)) throw notFound(`subscription ${id}`);
}

/** The token in the link is the identity: no login needed. Returns false for an unknown token. */
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

function digestDeps(ctx: AppContext) {
  return { db: ctx.db, mailer: ctx.mailer, log: ctx.log, baseUrl: ctx.config.baseUrl, mailFrom: ctx.config.mailFrom, now: ctx.now };
}

/** "Send now": every pending digest at once, ignoring batching windows and retry backoff. */
export async function runDigestsNow(ctx: AppContext): Promise<DigestRunSummary> {
  const first = ctx.digestLock.run(() => sendDigests(digestDeps(ctx), { force: true }));
  const r = await first.done;
  return first.joined ? ctx.digestLock.run(() => sendDigests(digestDeps(ctx), { force: true })).done : r;
}

export function runScheduledDigests(ctx: AppContext): Promise<DigestRunSummary> {
  return ctx.digestLock.run(() => sendDigests(digestDeps(ctx))).done;
}
