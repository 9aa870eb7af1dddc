// Security headers on every kind of response: pages, API, static files and errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';

describe('security headers', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it.each(['/', '/cases/new', '/feeds', '/api/cases', '/api/nope', '/nope', '/static/app.css'])('%s carries a strict CSP and the other helmet headers', async (path) => {
    const res = await fetch(app.url + path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // Plain-HTTP installs on a LAN must keep working: no forced upgrade without https.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses request bodies over the size limit with a message', async () => {
    const res = await app.api('/api/cases?wait=true', { method: 'POST', body: JSON.stringify({ title: 'x'.repeat(200_000) }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('request body is too large');
  });
});
