// When to poll a feed next: adaptive interval on success, capped exponential backoff on failure.

export const SCHEDULE = {
  /** Never poll one feed more often than this. */
  floorSec: 5 * 60,
  /** A quiet feed is still polled at least this often. */
  ceilingSec: 6 * 3600,
  /** Backoff after the first failure; doubles per consecutive failure. */
  backoffBaseSec: 5 * 60,
  backoffCapSec: 24 * 3600,
  /** Spread polls so feeds that were added together drift apart. */
  jitterRatio: 0.1,
} as const;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * New interval after a successful poll: halve it when the feed brought new stories, grow it by half
 * when it brought none, so busy feeds are read often and quiet ones rarely.
 */
export function nextIntervalSec(currentSec: number, newStories: number): number {
  const next = newStories > 0 ? currentSec / 2 : currentSec * 1.5;
  return Math.round(clamp(next, SCHEDULE.floorSec, SCHEDULE.ceilingSec));
}

export function backoffSec(consecutiveFailures: number): number {
  const n = Math.max(1, consecutiveFailures);
  return Math.min(SCHEDULE.backoffCapSec, SCHEDULE.backoffBaseSec * 2 ** Math.min(n - 1, 20));
}

/** `random` in [0, 1); the server's own hints (Retry-After, Cache-Control max-age) are floors. */
export function nextFetchAt(now: Date, baseSec: number, floorHintSec: number | null, random: number): Date {
  const jitter = 1 + (random * 2 - 1) * SCHEDULE.jitterRatio;
  const sec = Math.max(baseSec * jitter, floorHintSec ?? 0);
  return new Date(now.getTime() + Math.round(sec * 1000));
}
