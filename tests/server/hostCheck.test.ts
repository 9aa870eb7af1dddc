// The Host check: a page that rebinds its own DNS name to 127.0.0.1 cannot drive the app; real names get through.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { startTestApp } from '../helpers/app.ts';

const PASSWORD = 'correct horse battery staple';

/** fetch() will not send a Host of our choosing, so this uses node:http against the test server's port. */
function get(url: string, path: string, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Host check', () => {
  it('refuses a rebound name with a message that says how to allow it, for the API and for pages', async () => {
    const app = await startTestApp();
    const port = new URL(app.url).port;
    const api = await get(app.url, '/api/cases', { host: `evil.example:${port}` });
    expect(api.status).toBe(403);
    expect(api.type).toMatch(/json/);
    expect(JSON.parse(api.body).error).toMatch(/refused a request for host "evil\.example:\d+".*BASE_URL.*ALLOWED_HOSTS/);
    const page = await get(app.url, '/', { host: 'evil.example', accept: 'text/html' });
    expect(page.status).toBe(403);
    expect(page.body).toContain('ALLOWED_HOSTS');
    // A rebinding page can set X-Forwarded-Host itself, so it counts for nothing.
    expect((await get(app.url, '/api/cases', { host: 'evil.example', 'x-forwarded-host': 'localhost' })).status).toBe(403);
    expect((await get(app.url, '/api/cases', { host: 'localhost@evil.example' })).status).toBe(403);
  });

  it('lets through localhost, loopback and other IP addresses, and the BASE_URL host', async () => {
    const app = await startTestApp();
    const port = new URL(app.url).port;
    for (const host of [`localhost:${port}`, 'LOCALHOST', 'localhost.', `127.0.0.1:${port}`, `[::1]:${port}`, '192.168.1.20:3000']) {
      expect((await get(app.url, '/api/cases', { host })).status, host).toBe(200);
    }
    const named = await startTestApp({ BASE_URL: 'https://casewatch.example.org/' });
    expect((await get(named.url, '/api/cases', { host: 'casewatch.example.org' })).status).toBe(200);
    expect((await get(named.url, '/api/cases', { host: 'Casewatch.Example.org:443' })).status).toBe(200);
    expect((await get(named.url, '/api/cases', { host: 'other.example.org' })).status).toBe(403);
  });

  it('takes extra names from ALLOWED_HOSTS, or any name with *', async () => {
    const app = await startTestApp({ ALLOWED_HOSTS: 'cw.lan, Casewatch.Example.ORG' });
    for (const host of ['cw.lan', 'cw.lan:8080', 'casewatch.example.org']) expect((await get(app.url, '/api/cases', { host })).status, host).toBe(200);
    expect((await get(app.url, '/api/cases', { host: 'cw.lan.evil.example' })).status).toBe(403);
    const any = await startTestApp({ ALLOWED_HOSTS: '*' });
    expect((await get(any.url, '/api/cases', { host: 'whatever.example' })).status).toBe(200);
  });

  it('applies with a password too, and keeps the health check open under any name', async () => {
    const app = await startTestApp({ ADMIN_PASSWORD: PASSWORD });
    expect((await get(app.url, '/login', { host: 'evil.example' })).status).toBe(403);
    expect((await get(app.url, '/login', { host: 'localhost' })).status).toBe(200);
    const health = await get(app.url, '/api/health', { host: 'evil.example' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
  });

  it('refuses a bad ALLOWED_HOSTS at start with one clear line', () => {
    for (const bad of ['https://cw.example.org', 'cw.example.org:8080', 'cw example', ',']) {
      expect(() => parseConfig({ ALLOWED_HOSTS: bad }), bad).toThrow(/^invalid ALLOWED_HOSTS \(.*\): must be a comma-separated list of host names without scheme or port/);
    }
    expect(parseConfig({ ALLOWED_HOSTS: ' cw.lan ,[::1], Example.org. ' }).allowedHosts).toEqual(['cw.lan', '::1', 'example.org']);
    expect(parseConfig({}).allowedHosts).toEqual([]);
  });
});
