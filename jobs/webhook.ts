// Posts a digest to a webhook: JSON with a Slack-compatible `text`, signed with the subscription's secret.
import { createHmac } from 'node:crypto';
import { guardedLookup, isPublicAddress, refusalForUrl } from './fetch/addressPolicy.ts';

/** `sha256=<hex HMAC-SHA256 of the raw body, keyed with the subscription's secret>`. */
export const SIGNATURE_HEADER = 'x-casewatch-signature';
/** The digest's id; the same on every retry of the same digest, so a receiver can drop a repeat. */
export const DELIVERY_HEADER = 'x-casewatch-delivery';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type WebhookResult = { ok: true } | { ok: false; message: string };

export interface WebhookOptions {
  timeoutMs?: number;
  deliveryId?: string;
  userAgent?: string;
  /** ALLOW_PRIVATE_FEEDS: without it a webhook may not point into the local network (checked per hop and at connect). */
  allowPrivate?: boolean;
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** One POST; any 2xx is success. Redirects are not followed: a moved endpoint is a failure the user should see. */
export async function postWebhook(url: string, secret: string, payload: unknown, opts: WebhookOptions = {}): Promise<WebhookResult> {
  const body = JSON.stringify(payload);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, message: `not a valid webhook URL: ${url}` };
  }
  const guard = opts.allowPrivate ? null : isPublicAddress;
  const refusal = refusalForUrl(target, guard);
  if (refusal) return { ok: false, message: refusal.replace('feeds are', 'webhooks are') };
  const { Agent, fetch } = await import('./fetch/httpClient.ts');
  const dispatcher = new Agent(guard ? { connect: { lookup: guardedLookup(guard) } } : {});
  try {
    const res = await fetch(target, {
      dispatcher,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(secret, body),
        ...(opts.deliveryId ? { [DELIVERY_HEADER]: opts.deliveryId } : {}),
        'user-agent': opts.userAgent ?? 'casewatch webhook',
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true };
    return { ok: false, message: `webhook answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, message: `webhook did not answer within ${duration(timeoutMs)}` };
    if (e.cause && (e.cause as { code?: string }).code === 'CASEWATCH_BLOCKED_ADDRESS') return { ok: false, message: e.cause.message ?? 'refused: private address' };
    return { ok: false, message: `could not reach the webhook: ${e.cause?.code ?? e.cause?.message ?? e.message}` };
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}
