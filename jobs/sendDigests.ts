// The digest job: for each subscription that is due, claim what is new, send it, and record the outcome once.
import { createHash } from 'node:crypto';
import { composeDigest, deliveryBackoffMs, digestCutoff, isDue, SEND_LEASE_MS, WEBHOOK_MAX_FAILURES, type Digest } from '../core/digest.ts';
import { caseById } from '../db/cases.ts';
import { inTransaction, type Db } from '../db/openDb.ts';
import {
  attemptStories,
  claimStories,
  completeAttempt,
  markAttemptForRetry,
  openAttempt,
  pendingStories,
  reclaimAttempt,
  recordFolded,
  releaseAttempt,
  type OpenAttempt,
} from '../db/deliveries.ts';
import { listSubscriptions, recordSendFailure, recordSendSuccess, subscriptionById, type SubscriptionRow } from '../db/subscriptions.ts';
import { confirmationEmail, digestEmail, webhookPayload } from '../views/email/digest.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mailer.ts';
import { postWebhook } from './webhook.ts';

export interface DigestDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
  baseUrl: string;
  mailFrom: string;
  now?: () => Date;
  webhookTimeoutMs?: number;
  /** ALLOW_PRIVATE_FEEDS also lets webhooks point at private or loopback addresses. */
  allowPrivate?: boolean;
}

export interface DigestRunSummary {
  /** Digests that went out. */
  sent: number;
  /** Digests that failed (kept, and retried with backoff). */
  failed: number;
}

type Outcome = 'sent' | 'failed' | 'skipped';

/** A digest ready to send: its stories are claimed under `messageId`, which every retry reuses. */
interface Claimed {
  messageId: string;
  digest: Digest;
}

const clock = (deps: DigestDeps) => (deps.now ?? (() => new Date()))();

/**
 * Sends every due digest. `force` (the manual "send now") ignores batching windows and retry backoff.
 *
 * Exactly once: the stories are claimed (a delivery row per story) in one transaction before the send
 * and marked sent in another after it. A crash between the server's acceptance and the second
 * transaction leaves the claim open; once SEND_LEASE_MS has passed the same message (same stories,
 * same Message-ID) is sent again. That single identical repeat is the window SMTP forces: acceptance
 * and our record cannot be one atomic step. Newer stories never join a claimed digest.
 */
export async function sendDigests(deps: DigestDeps, opts: { force?: boolean } = {}): Promise<DigestRunSummary> {
  const summary: DigestRunSummary = { sent: 0, failed: 0 };
  const force = opts.force ?? false;
  for (const listed of listSubscriptions(deps.db)) {
    // A forced run also sends what was waiting behind an unfinished digest that just went out.
    let sub: SubscriptionRow | null = listed;
    for (let round = 0; sub && round < (force ? 2 : 1); round++) {
      const outcome = await serveSafely(deps, sub, force);
      if (outcome !== 'skipped') summary[outcome] += 1;
      if (outcome !== 'sent') break;
      sub = subscriptionById(deps.db, sub.id);
    }
  }
  return summary;
}

async function serveSafely(deps: DigestDeps, sub: SubscriptionRow, force: boolean): Promise<Outcome> {
  try {
    return await serveSubscription(deps, sub, force);
  } catch (err) {
    // A bug for one subscription must not stop the others; its claim stays open for the lease to recover.
    deps.log.error({ err, subscriptionId: sub.id }, 'digest run failed for this subscription');
    return 'failed';
  }
}

async function serveSubscription(deps: DigestDeps, sub: SubscriptionRow, force: boolean): Promise<Outcome> {
  if (sub.disabledReason) return 'skipped';
  if (sub.channel === 'email' && !sub.confirmedAt) {
    await retryConfirmation(deps, sub, force);
    return 'skipped';
  }
  const claimed = takeDigest(deps, sub, force);
  if (!claimed) return 'skipped';
  const result = await deliver(deps, sub, claimed);
  return settle(deps, sub, claimed, result);
}

/** An unfinished digest goes first (unchanged); otherwise, when due, what is new is claimed. */
function takeDigest(deps: DigestDeps, sub: SubscriptionRow, force: boolean): Claimed | null {
  const now = clock(deps);
  const open = openAttempt(deps.db, sub.id);
  if (open) return resumeAttempt(deps, sub, open, now, force);
  const waiting = sub.nextAttemptAt !== null && sub.nextAttemptAt > now;
  if (!force && (waiting || !isDue(sub, now))) return null;
  return claimNew(deps, sub, now, force ? null : digestCutoff(sub, now));
}

function resumeAttempt(deps: DigestDeps, sub: SubscriptionRow, open: OpenAttempt, now: Date, force: boolean): Claimed | null {
  if (open.state === 'retry' && !force && sub.nextAttemptAt && sub.nextAttemptAt > now) return null;
  // A claim still marked as sending is either in flight in another process or was cut off by a crash.
  if (!reclaimAttempt(deps.db, sub.id, open.messageId, new Date(now.getTime() - SEND_LEASE_MS), now)) return null;
  const digest = composeDigest(attemptStories(deps.db, sub, open.messageId));
  if (!digest) {
    releaseAttempt(deps.db, sub.id, open.messageId);
    return null;
  }
  if (open.state === 'sending') deps.log.warn({ subscriptionId: sub.id, messageId: open.messageId }, 'resending a digest whose outcome was never recorded');
  return { messageId: open.messageId, digest };
}

function claimNew(deps: DigestDeps, sub: SubscriptionRow, now: Date, cutoff: Date | null): Claimed | null {
  return inTransaction(deps.db, () => {
    const pending = pendingStories(deps.db, sub, cutoff ? { joinedBefore: cutoff } : {});
    recordFolded(deps.db, sub, pending.filter((s) => s.reportedBefore), now);
    const digest = composeDigest(pending);
    if (!digest) return null;
    const messageId = digestMessageId(sub, digest, now, deps.baseUrl);
    claimStories(deps.db, sub, digest.storyIds, messageId, now);
    return { messageId, digest };
  });
}

function mailHost(baseUrl: string): string {
  const host = new URL(baseUrl).hostname.replace(/[^A-Za-z0-9.-]/g, '');
  return host || 'casewatch.local';
}

/** Unique per claimed digest; stored with the claim, so every retry and every crash resend reuses it. */
export function digestMessageId(sub: SubscriptionRow, digest: Digest, claimedAt: Date, baseUrl: string): string {
  const h = createHash('sha256').update(digest.storyIds.map((s) => `${s.caseId}:${s.storyId}`).join(',')).digest('hex').slice(0, 16);
  return `<digest.${sub.id}.${claimedAt.getTime().toString(36)}.${h}@${mailHost(baseUrl)}>`;
}

export const unsubscribeUrl = (baseUrl: string, sub: SubscriptionRow) => `${baseUrl}/unsubscribe/${sub.token}`;

/** The message as it goes out on the subscription's channel (also what the preview page shows). */
export function renderDigest(deps: Pick<DigestDeps, 'baseUrl'>, sub: SubscriptionRow, claimed: Claimed) {
  if (sub.channel === 'webhook') return { channel: 'webhook' as const, payload: webhookPayload(claimed.digest, { baseUrl: deps.baseUrl, id: claimed.messageId.slice(1, -1), timezone: sub.timezone }) };
  return { channel: 'email' as const, message: digestEmail(claimed.digest, { baseUrl: deps.baseUrl, unsubscribeUrl: unsubscribeUrl(deps.baseUrl, sub), timezone: sub.timezone }) };
}

async function deliver(deps: DigestDeps, sub: SubscriptionRow, claimed: Claimed): Promise<{ ok: true } | { ok: false; message: string }> {
  const out = renderDigest(deps, sub, claimed);
  if (out.channel === 'webhook') return postWebhook(sub.target, sub.secret, out.payload, { timeoutMs: deps.webhookTimeoutMs, deliveryId: claimed.messageId.slice(1, -1), allowPrivate: deps.allowPrivate ?? false });
  return deps.mailer.send({
    to: sub.target,
    from: deps.mailFrom,
    ...out.message,
    messageId: claimed.messageId,
    // RFC 8058 one-click: a POST to the link unsubscribes, no login; the token is the identity.
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl(deps.baseUrl, sub)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
}

function settle(deps: DigestDeps, sub: SubscriptionRow, claimed: Claimed, result: { ok: true } | { ok: false; message: string }): Outcome {
  const now = clock(deps);
  const log = { subscriptionId: sub.id, messageId: claimed.messageId, stories: claimed.digest.storyIds.length };
  if (result.ok) {
    inTransaction(deps.db, () => {
      completeAttempt(deps.db, sub.id, claimed.messageId, claimed.digest.storyIds.map((s) => s.storyId), now);
      recordSendSuccess(deps.db, sub.id, now, true);
    });
    deps.log.info(log, 'digest sent');
    return 'sent';
  }
  const failures = sub.consecutiveFailures + 1;
  const disable =
    sub.channel === 'webhook' && failures >= WEBHOOK_MAX_FAILURES ? `switched off after ${failures} failed deliveries in a row (last: ${result.message}); its stories are kept and go out when it is resumed` : null;
  inTransaction(deps.db, () => {
    markAttemptForRetry(deps.db, sub.id, claimed.messageId);
    recordSendFailure(deps.db, sub.id, result.message, new Date(now.getTime() + deliveryBackoffMs(failures)), disable);
  });
  deps.log.warn({ ...log, failures }, `digest not sent: ${result.message}`);
  return 'failed';
}

/**
 * The double opt-in mail. Its outcome is kept on the subscription: a failed one is shown on the page
 * and sent again by the digest job with the same backoff as digests.
 */
export async function sendConfirmation(deps: DigestDeps, sub: SubscriptionRow): Promise<boolean> {
  const scope = sub.caseId === null ? 'all cases' : (caseById(deps.db, sub.caseId)?.title ?? `case ${sub.caseId}`);
  const msg = confirmationEmail({ confirmUrl: `${deps.baseUrl}/confirm/${sub.token}`, scope });
  const r = await deps.mailer.send({ to: sub.target, from: deps.mailFrom, ...msg, messageId: `<confirm.${sub.id}@${mailHost(deps.baseUrl)}>` });
  const now = clock(deps);
  if (r.ok) recordSendSuccess(deps.db, sub.id, now, false);
  else recordSendFailure(deps.db, sub.id, `confirmation email not sent: ${r.message}`, new Date(now.getTime() + deliveryBackoffMs(sub.consecutiveFailures + 1)), null);
  if (!r.ok) deps.log.warn({ subscriptionId: sub.id }, `confirmation email not sent: ${r.message}`);
  return r.ok;
}

/** Only a confirmation that failed to go out is sent again; a delivered one waits for its link to be followed. */
async function retryConfirmation(deps: DigestDeps, sub: SubscriptionRow, force: boolean): Promise<void> {
  if (sub.consecutiveFailures === 0) return;
  if (!force && sub.nextAttemptAt && sub.nextAttemptAt > clock(deps)) return;
  await sendConfirmation(deps, sub);
}

/** What the next digest of this subscription would hold if sent now (an unfinished one first). Reads only. */
export function nextDigest(db: Db, sub: SubscriptionRow, baseUrl: string, now: Date): (Claimed & { retry: boolean }) | null {
  const open = openAttempt(db, sub.id);
  const stories = open ? attemptStories(db, sub, open.messageId) : pendingStories(db, sub);
  const digest = composeDigest(stories);
  if (!digest) return null;
  return { messageId: open?.messageId ?? digestMessageId(sub, digest, now, baseUrl), digest, retry: open !== null };
}
