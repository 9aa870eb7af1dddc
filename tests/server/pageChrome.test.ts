// Small things every page shares: the favicon, the Log out button only when there is a login, notices in the
// style of what they report.
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';

describe('favicon', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_PASSWORD: 'correct horse battery staple' });
  });

  it('is an SVG named by every page, and /favicon.ico leads to it without a login', async () => {
    const login = await (await fetch(`${app.url}/login`)).text();
    expect(login).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    const ico = await fetch(`${app.url}/favicon.ico`, { redirect: 'manual' });
    expect(ico.status).toBe(301);
    expect(ico.headers.get('location')).toBe('/static/favicon.svg');
    const svg = await fetch(new URL(ico.headers.get('location')!, app.url));
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('leaves the content security policy as strict as it was', async () => {
    const csp = (await fetch(`${app.url}/login`)).headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('Log out', () => {
  it('is not offered when no password is set (there is no login to end)', async () => {
    const app = await startTestApp();
    const page = await (await fetch(`${app.url}/settings`)).text();
    expect(page).not.toContain('Log out');
    expect(page).not.toContain('action="/logout"');
    expect(page).toContain('Set <code>ADMIN_PASSWORD</code> to require a login.');
  });

  it('is offered once logged in with ADMIN_PASSWORD', async () => {
    const app = await startTestApp({ ADMIN_PASSWORD: 'correct horse battery staple' });
    const session = newSession();
    const login = await submitForm(app.url, '/login', '/login', { password: 'correct horse battery staple', next: '/settings' }, session);
    expect(login.status).toBe(303);
    const page = (await getPage(app.url, '/settings', session)).html;
    expect(page).toContain('action="/logout"');
    expect(page).toContain('>Log out</button>');
  });
});

describe('notices on the digests page', () => {
  it('shows "check your inbox" after subscribing as a success, not in the error style', async () => {
    const app = await startTestApp();
    const fields = { caseId: '', channel: 'email', target: 'reader@example.com', frequency: 'daily', hour: '8', weekday: '1', timezone: 'UTC' };
    const res = await submitForm(app.url, '/subscriptions', '/subscriptions', fields);
    expect(res.status).toBe(201);
    const page = await res.text();
    expect(page).toContain('<div class="alert ok" role="status">Check reader@example.com for a confirmation link');
    expect(page).not.toMatch(/<div class="alert" role="status">Check/);
  });
});
