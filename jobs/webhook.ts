// Posts a digest to a webhook: JSON with a Slack-compatible `text`, signed with the subscription's secret.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-casewatch-signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type WebhookResult = { ok: true } | { ok: false; message: string };

export async function postWebhook(url: string, secret: string, payload: unknown, opts: { timeoutMs?: number; userAgent?: string } = {}): Promise<WebhookResult> {
  const body = JSON.stringify(payload);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body), 'user-agent': opts.userAgent ?? 'casewatch webhook' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true };
    return { ok: false, message: `webhook answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, message: `webhook timed out after ${Math.round(timeoutMs / 1000)} s` };
    return { ok: false, message: `could not reach the webhook: ${e.cause?.code ?? e.message}` };
  }
}
