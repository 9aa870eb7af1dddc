// Webhooks may not point into the local network unless ALLOW_PRIVATE_FEEDS says so.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../jobs/webhook.ts';

describe('webhook address guard', () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(200).end();
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each([`http://127.0.0.1:PORT/hook`, `http://localhost:PORT/hook`, `http://[::ffff:127.0.0.1]:PORT/hook`, `http://0x7f000001:PORT/hook`])('refuses %s', async (template) => {
    const r = await postWebhook(template.replace('PORT', String(port)), 'secret', { text: 'x' }, { timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/private address/);
    expect(hits).toBe(0);
  });

  it('refuses other schemes', async () => {
    const r = await postWebhook('file:///etc/passwd', 'secret', {});
    expect(r).toEqual({ ok: false, message: 'only http and https webhooks are supported' });
  });

  it('posts to a loopback receiver when private addresses are allowed', async () => {
    expect(await postWebhook(`http://127.0.0.1:${port}/hook`, 'secret', { text: 'x' }, { allowPrivate: true })).toEqual({ ok: true });
    expect(hits).toBe(1);
  });
});
