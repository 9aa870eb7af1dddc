// With ADMIN_PASSWORD set, every route needs a login or a token except the public ones; CSRF and rate limits hold.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { checkExposure } from '../../server/main.ts';
import { routeTable } from '../../server/routeTable.ts';
import { startTestApp } from '../helpers/app.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';
import { tempDir } from '../helpers/tempDir.ts';

const PASSWORD = 'correct horse battery staple';
const PUBLIC = new Set(['GET /api/health', 'GET /login', 'POST /login', 'GET /confirm/:token', 'GET /unsubscribe/:token', 'POST /unsubscribe/:token', 'GET /favicon.ico']);
const fill = (p: string) => p.replace(/:token/g, 'abcdefghijklmnopqrstuvwx').replace(/:[A-Za-z]+/g, '1');

describe('with ADMIN_PASSWORD', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let routes: { method: string; path: string }[];
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_PASSWORD: PASSWORD });
    routes = routeTable(createApp(app.ctx));
  });

  it('lists a route table that covers pages and API', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const k of ['GET /api/cases', 'POST /api/cases', 'GET /cases/:id', 'POST /feeds', 'GET /subscriptions', 'POST /api/digests/run', 'GET /settings']) expect(keys).toContain(k);
    expect(routes.length).toBeGreaterThan(40);
  });

  it('refuses every non-public route without a login: 401 JSON for the API, a redirect to /login for pages', async () => {
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (PUBLIC.has(key)) continue;
      const res = await fetch(app.url + fill(r.path), { method: r.method, redirect: 'manual', headers: r.method === 'GET' ? {} : { 'content-type': 'application/json' }, body: r.method === 'GET' ? undefined : '{}' });
      if (r.path.startsWith('/api/')) {
        expect(res.status, key).toBe(401);
        expect(((await res.json()) as { error: string }).error, key).toMatch(/log in/);
      } else {
        expect(res.status, key).toBe(303);
        expect(res.headers.get('location'), key).toMatch(/^\/login\?next=/);
      }
    }
  });

  it('keeps the public routes public', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
    expect((await fetch(`${app.url}/confirm/abcdefghijklmnopqrstuvwx`)).status).toBe(404);
    expect((await fetch(`${app.url}/unsubscribe/abcdefghijklmnopqrstuvwx`, { redirect: 'manual' })).status).toBe(404);
  });

  it('serves a public case\'s Atom feed without login, and only that one', async () => {
    const token = await loginToken();
    const mk = async (isPublic: boolean) => (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: `Case ${isPublic}`, isPublic, parties: [{ name: 'Acme Widgets', role: 'plaintiff' }] }, headers: { authorization: `Bearer ${token}` } })).body.id;
    const open = await mk(true);
    const closed = await mk(false);
    expect((await fetch(`${app.url}/cases/${open}/feed.atom`)).status).toBe(200);
    expect((await fetch(`${app.url}/cases/${closed}/feed.atom`, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${app.url}/cases/${open}`, { redirect: 'manual' })).status).toBe(303);
  });

  async function loginToken(): Promise<string> {
    const session = newSession();
    const login = await submitForm(app.url, '/login', '/login', { password: PASSWORD, next: '/settings' }, session);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/settings');
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('cw_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const created = await submitForm(app.url, '/settings', '/settings/tokens', { name: 'test script' }, session);
    expect(created.status).toBe(201);
    const token = /<code class="token">([^<]+)<\/code>/.exec(await created.text())![1]!;
    return token;
  }

  it('logs in with the password, creates an API token that works as Bearer, and revokes it', async () => {
    const token = await loginToken();
    const withToken = await app.api('/api/cases', { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    expect((await app.api('/api/cases', { headers: { authorization: 'Bearer cw_wrong' } })).status).toBe(401);
    const session = newSession();
    await submitForm(app.url, '/login', '/login', { password: PASSWORD }, session);
    const settings = await getPage(app.url, '/settings', session);
    const id = [...settings.html.matchAll(/\/settings\/tokens\/(\d+)\/delete/g)].at(-1)![1];
    expect((await submitForm(app.url, '/settings', `/settings/tokens/${id}/delete`, {}, session)).status).toBe(303);
    expect((await app.api('/api/cases', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('refuses a form post without a CSRF token, even when logged in', async () => {
    const session = newSession();
    await submitForm(app.url, '/login', '/login', { password: PASSWORD }, session);
    const cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${app.url}/feeds/starter`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/form has expired or did not come from this casewatch/);
    const forged = await fetch(`${app.url}/feeds/starter`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=forged.value', redirect: 'manual' });
    expect(forged.status).toBe(403);
    // With its token the import goes through and redirects to the list.
    expect((await submitForm(app.url, '/feeds', '/feeds/starter', {}, session)).status).toBe(303);
  });

  it('ends the session on the server at logout: a copied session cookie stops working', async () => {
    const session = newSession();
    await submitForm(app.url, '/login', '/login', { password: PASSWORD }, session);
    const copied = `cw_session=${session.cookies.get('cw_session')}`;
    expect((await fetch(`${app.url}/settings`, { headers: { cookie: copied }, redirect: 'manual' })).status).toBe(200);
    const out = await submitForm(app.url, '/settings', '/logout', {}, session);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect(session.cookies.get('cw_session')).toBe('');
    const after = await fetch(`${app.url}/settings`, { headers: { cookie: copied }, redirect: 'manual' });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
    expect((await fetch(`${app.url}/api/cases`, { headers: { cookie: copied } })).status).toBe(401);
    // Another browser's session is untouched by this logout.
    const other = newSession();
    await submitForm(app.url, '/login', '/login', { password: PASSWORD }, other);
    expect((await getPage(app.url, '/settings', other)).res.status).toBe(200);
  });

  it('rate-limits failed logins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await submitForm(app.url, '/login', '/login', { password: `wrong ${i}` })).status);
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

/** One wrong password from a fresh browser, with extra request headers (a proxy's X-Forwarded-For). */
async function failedLogin(url: string, headers: Record<string, string>): Promise<number> {
  const session = newSession();
  const page = await getPage(url, '/login', session);
  const cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${url}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: page.csrf!, password: 'wrong password' }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers }, redirect: 'manual' });
  return res.status;
}

describe('TRUST_PROXY', () => {
  it('gives each client behind a trusted proxy its own login rate limit, keyed by the address the proxy adds', async () => {
    const app = await startTestApp({ ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: '1' });
    const first: number[] = [];
    for (let i = 0; i < 11; i++) first.push(await failedLogin(app.url, { 'x-forwarded-for': '203.0.113.1' }));
    expect(first.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(first.at(-1)).toBe(429);
    expect(await failedLogin(app.url, { 'x-forwarded-for': '203.0.113.2' })).toBe(401);
    // The proxy appends the address it saw; whatever the client wrote before it is not trusted.
    expect(await failedLogin(app.url, { 'x-forwarded-for': '198.51.100.7, 203.0.113.1' })).toBe(429);
  });

  it('is off by default: X-Forwarded-For is ignored, so a spoofed header cannot dodge the limit', async () => {
    const app = await startTestApp({ ADMIN_PASSWORD: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await failedLogin(app.url, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps Secure session cookies working behind an https proxy', async () => {
    const app = await startTestApp({ ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: 'loopback', BASE_URL: 'https://casewatch.example.org' });
    const proxied = { 'x-forwarded-for': '203.0.113.5', 'x-forwarded-proto': 'https' };
    const session = newSession();
    const page = await getPage(app.url, '/login', session);
    const cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const login = await fetch(`${app.url}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: page.csrf!, password: PASSWORD }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...proxied }, redirect: 'manual' });
    expect(login.status).toBe(303);
    const set = login.headers.getSetCookie().find((c) => c.startsWith('cw_session='))!;
    expect(set).toMatch(/;\s*Secure/i);
    const res = await fetch(`${app.url}/settings`, { headers: { cookie: set.split(';')[0]!, ...proxied }, redirect: 'manual' });
    expect(res.status).toBe(200);
  });

  it('accepts on/off, a hop count or proxy addresses, and refuses anything else with one clear line', () => {
    const base = { DATABASE_PATH: path.join(tempDir(), 'x.db') };
    const cases: [string | undefined, unknown][] = [
      [undefined, false],
      ['off', false],
      ['0', false],
      ['true', 1],
      ['1', 1],
      ['2', 2],
      [' 10.0.0.0/8, Loopback ,fd00::/8,192.0.2.7 ', ['10.0.0.0/8', 'loopback', 'fd00::/8', '192.0.2.7']],
    ];
    for (const [value, want] of cases) expect(parseConfig({ ...base, ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy, value).toEqual(want);
    for (const bad of ['maybe', '10.0.0.0/33', '10.0.0.1/x', '300', 'proxy.example.org']) {
      expect(() => parseConfig({ ...base, TRUST_PROXY: bad }), bad).toThrow(/^invalid TRUST_PROXY \(.*\): must be off, on \(one proxy\), a number of proxy hops/);
    }
  });
});

describe('without ADMIN_PASSWORD', () => {
  const base = { DATABASE_PATH: path.join(tempDir(), 'x.db') };
  it('refuses to listen beyond loopback unless ALLOW_OPEN=1', () => {
    expect(() => checkExposure(parseConfig({ ...base, HOST: '0.0.0.0' }))).toThrow(/HOST=0.0.0.0 without ADMIN_PASSWORD/);
    expect(() => checkExposure(parseConfig({ ...base, HOST: '0.0.0.0', ALLOW_OPEN: '1' }))).not.toThrow();
    expect(() => checkExposure(parseConfig({ ...base, HOST: '0.0.0.0', ADMIN_PASSWORD: PASSWORD }))).not.toThrow();
    expect(() => checkExposure(parseConfig({ ...base, HOST: '127.0.0.1' }))).not.toThrow();
    expect(() => checkExposure(parseConfig({ ...base, HOST: '::1' }))).not.toThrow();
  });
});
