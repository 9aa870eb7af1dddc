// The view model of a digest subscription, as its page and the API show it.
import type { SubscriptionRow } from '../db/subscriptions.ts';

export interface SubscriptionView {
  id: number;
  caseId: number | null;
  channel: 'email' | 'webhook';
  target: string;
  frequency: 'immediate' | 'daily' | 'weekly';
  hour: number;
  weekday: number;
  timezone: string;
  confirmed: boolean;
  lastSentAt: string | null;
  consecutiveFailures: number;
  /** The latest failure; kept after a later success so the page can still show what went wrong. */
  lastError: string | null;
  nextAttemptAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export function toSubscriptionView(r: SubscriptionRow): SubscriptionView {
  return {
    id: r.id,
    caseId: r.caseId,
    channel: r.channel,
    target: r.target,
    frequency: r.frequency,
    hour: r.hour,
    weekday: r.weekday,
    timezone: r.timezone,
    confirmed: r.confirmedAt !== null,
    lastSentAt: r.lastSentAt?.toISOString() ?? null,
    consecutiveFailures: r.consecutiveFailures,
    lastError: r.lastError,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    disabledReason: r.disabledReason,
    createdAt: r.createdAt.toISOString(),
  };
}
