// The digest job: for each subscription that is due, send what is new and record it as delivered once.
import { createHash } from 'node:crypto';
import { composeDigest, deliveryBackoffMs, isDue, WEBHOOK_MAX_FAILURES, type Digest } from '../core/digest.ts';
import { inTransaction, type Db } from '../db/openDb.ts';
import { listSubscriptions, pendingStories, recordDelivered, recordDeliveryFailure, type SubscriptionRow } from '../db/subscriptions.ts';
import { digestEmail, webhookPayload } from '../views/email/digest.ts';
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
}

export interface DigestRunSummary {
  sent: number;
  failed: number;
}

/**
 * `force` (the manual "send now") ignores batching windows and retry backoff. The delivery record is
 * written right after a send succeeds; a crash between the two can resend that one digest (same
 * Message-ID, so most mail systems drop the copy) but never loses one.
 */
export async function sendDigests(deps: DigestDeps, opts: { force?: boolean } = {}): Promise<DigestRunSummary> {
  const now = deps.now ?? (() => new Date());
  const summary: DigestRunSummary = { sent: 0, failed: 0 };
  for (const sub of listSubscriptions(deps.db)) {
    if (!readyToSend(sub, now(), opts.force ?? false)) continue;
    const digest = composeDigest(pendingStories(deps.db, sub));
    if (!digest) continue;
    const outcome = await deliver(deps, sub, digest);
    if (outcome.ok) {
      inTransaction(deps.db, () => recordDelivered(deps.db, sub, digest.storyIds, outcome.messageId, now()));
      summary.sent += 1;
      deps.log.info({ subscriptionId: sub.id, stories: digest.storyIds.length }, 'digest sent');
    } else {
      const disable = sub.channel === 'webhook' && sub.consecutiveFailures + 1 >= WEBHOOK_MAX_FAILURES ? `switched off after ${WEBHOOK_MAX_FAILURES} failed deliveries in a row; last: ${outcome.message}` : null;
      recordDeliveryFailure(deps.db, sub, outcome.message, new Date(now().getTime() + deliveryBackoffMs(sub.consecutiveFailures + 1)), disable);
      summary.failed += 1;
      deps.log.warn({ subscriptionId: sub.id }, outcome.message);
    }
  }
  return summary;
}

function readyToSend(sub: SubscriptionRow, now: Date, force: boolean): boolean {
  if (sub.disabledReason) return false;
  if (sub.channel === 'email' && !sub.confirmedAt) return false;
  if (force) return true;
  if (sub.nextAttemptAt && sub.nextAttemptAt > now) return false;
  return isDue(sub, now);
}

/** Same stories to the same subscriber → same Message-ID, so a resend after a crash is recognisable. */
export function digestMessageId(sub: SubscriptionRow, digest: Digest, host: string): string {
  const h = createHash('sha256').update(digest.storyIds.map((s) => `${s.caseId}:${s.storyId}`).join(',')).digest('hex').slice(0, 20);
  return `<digest-${sub.id}-${h}@${host}>`;
}

async function deliver(deps: DigestDeps, sub: SubscriptionRow, digest: Digest): Promise<{ ok: true; messageId: string } | { ok: false; message: string }> {
  if (sub.channel === 'webhook') {
    const r = await postWebhook(sub.target, sub.secret, webhookPayload(digest, deps.baseUrl), { timeoutMs: deps.webhookTimeoutMs });
    return r.ok ? { ok: true, messageId: `webhook-${sub.id}-${Date.now()}` } : r;
  }
  const unsubscribeUrl = `${deps.baseUrl}/unsubscribe/${sub.token}`;
  const msg = digestEmail(digest, { baseUrl: deps.baseUrl, unsubscribeUrl });
  const host = new URL(deps.baseUrl).hostname || 'casewatch.local';
  return deps.mailer.send({
    to: sub.target,
    from: deps.mailFrom,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
    messageId: digestMessageId(sub, digest, host),
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
}
