// Over 10,000 generated bad inputs to every API route and form: always a 4xx with a message, never a 500
// or a crash, and the database is exactly as it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { routeTable } from '../../server/routeTable.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { getPage, newSession, type FormSession } from '../helpers/forms.ts';
import { rng } from '../helpers/rng.ts';


const NASTY = [
  "'; DROP TABLE cases; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u0000\u0001\u0007\u001b',
  '\u202e\u200b\ufeff',
  '%00%0d%0a',
  '../../../../etc/passwd',
  '{{7*7}}${7*7}',
  '💥'.repeat(50),
  'a'.repeat(70_000),
  '\ud800',
  '-1',
  '1e309',
  'NaN',
  '',
  ' ',
];

type Body = { contentType: string; body: string | Buffer };

function deep(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** JSON bodies that are invalid by construction for every route that takes a body. */
function badJsonBody(r: () => number, pick: <T>(a: T[]) => T): Body {
  const n = NASTY.map((s) => s);
  const kinds: (() => Body)[] = [
    () => ({ contentType: 'application/json', body: JSON.stringify(pick([42, 'text', null, true, [], [1, 2, 3]])) }),
    () => ({ contentType: 'application/json', body: JSON.stringify({ [pick(['zzz', '__proto__x', 'constructor', 'colour', pick(n).slice(0, 30) || 'x']) + 'Unknown']: pick(n) }) }),
    () => ({ contentType: 'application/json', body: JSON.stringify({ title: pick([1, [], {}, null, true]), parties: pick(['x', 1, [{}], [{ name: 1 }], [{ name: 'A', role: 'judge' }]]), decision: pick(['maybe', 1, null]), url: pick(['ftp://x', 'javascript:alert(1)', 5, '']), paused: pick(['yes', 1, null]), opml: pick([1, [], null]), channel: pick(['sms', 1]), target: pick(['', 1]), case: pick([null, 'x', { title: 1 }]) }) }),
    () => ({ contentType: 'application/json', body: '{"title": "unterminated' }),
    () => ({ contentType: 'application/json', body: deep(2000 + Math.floor(r() * 20_000)) }),
    () => ({ contentType: 'application/json', body: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('","zzz":1}')]) }),
    () => ({ contentType: 'application/json', body: JSON.stringify({ zzz: 'a'.repeat(200_000) }) }),
    () => ({ contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']), body: 'title=x&parties=y' }),
    () => ({ contentType: 'application/json', body: JSON.stringify({ title: pick(n), parties: [{ name: pick(n), role: pick(['plaintiff', 'x']) }], keywords: [pick(n)], extra: { nested: [pick(n)] } }) }),
  ];
  return pick(kinds)();
}

// Lone surrogates cannot be percent-encoded; replace them as a browser would.
const safeEncode = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'));

/** Query strings that are invalid by construction. */
function badQuery(r: () => number, pick: <T>(a: T[]) => T): string {
  const key = pick(['limit', 'before', 'feedId', 'order', 'page', 'q', 'zzz', 'limt', 'feedId[]']);
  // Every value is wrong for its key: search text is refused only when too long or holding control characters.
  const value = key === 'q' ? pick([safeEncode('\u0000\u0007 x'), 'x'.repeat(201), safeEncode(`${pick(NASTY)}\u0001`)]) : pick(['-5', '0', '1e3', '0x10', 'abc', '999999999999999999999', 'yesterday', 'sideways', safeEncode(`${pick(NASTY).slice(0, 300)}\u0001`), '%ZZ', '']);
  const base = `${key}=${value}`;
  return pick([base, `${base}&zzz=1`, `limit=1&limit=2`, `q=${'x'.repeat(500)}`, `order=newest&order=oldest`, `unknown=${value}`]);
}

const BAD_IDS = ['abc', '0', '-1', '1e3', '0x10', '99999999999999999999', '%00', 'NaN', '1.5', '%E2%98%83', '999999'];

describe('fuzzing every API route and form', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let feeds: FeedServer;
  let session: FormSession;
  let csrf: string;

  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url)), 'application/rss+xml') });
    app = await startTestApp();
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } });
    await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }] } });
    await app.api('/api/subscriptions', { method: 'POST', json: { channel: 'email', target: 'reader@example.org', caseId: 1 } });
    session = newSession();
    csrf = (await getPage(app.url, '/cases/new', session)).csrf!;
  });
  afterAll(() => feeds.close());

  function fingerprint(): string {
    const h = createHash('sha256');
    const tables = (app.ctx.db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'stories_fts%' and name not like 'stories_cjk%' order by name").all() as { name: string }[]).map((t) => t.name);
    // Rows compared as a sorted set: a WITHOUT ROWID table (case_weeks) has no rowid to order by.
    for (const t of tables) h.update(t).update(JSON.stringify(app.ctx.db.$client.prepare(`select * from "${t}"`).all().map((r) => JSON.stringify(r)).sort()));
    return h.digest('hex');
  }

  it('answers 10,000+ bad inputs with a 4xx and a message, and changes nothing', async () => {
    const before = fingerprint();
    const r = rng(20261127);
    const pick = <T,>(a: T[]): T => a[Math.floor(r() * a.length)]!;
    const routes = routeTable(createApp(app.ctx)).filter((x) => !(x.method === 'GET' && x.path === '/api/health'));
    const cookie = () => [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    // Form routes whose whole input is their path id: fuzz the id only. The rest get bad bodies too.
    const idOnly = new Set(['POST /feeds/:id/retry', 'POST /feeds/:id/delete', 'POST /subscriptions/:id/delete', 'POST /subscriptions/:id/resume', 'POST /settings/tokens/:id/delete', 'POST /feeds/starter', 'POST /digests/run', 'POST /cases/:id/rematch', 'POST /jobs/:id/cancel', 'POST /feeds/poll', 'POST /logout', 'POST /login', 'GET /subscriptions/outbox/:name']);
    const requests: { route: string; url: string; init: RequestInit }[] = [];
    const perRoute = Math.ceil(13_000 / routes.length);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const hasParams = /:\w+/.test(route.path);
      for (let i = 0; i < perRoute; i++) {
        const badPath = hasParams && (idOnly.has(key) || route.method === 'GET' || route.method === 'DELETE' || r() < 0.3);
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) => (badPath ? pick(name === 'token' || name === 'name' ? ['x', '%00', '..%2F..%2Fetc', 'a'.repeat(300), "'--"] : BAD_IDS) : '1'));
        if (!badPath && (idOnly.has(key) || !hasParams && (route.method === 'GET' && !route.path.startsWith('/api/')) || !hasParams && idOnly.has(key))) continue;
        const isApi = route.path.startsWith('/api/');
        let url = app.url + path;
        const init: RequestInit = { method: route.method, redirect: 'manual', headers: { cookie: cookie() } };
        if (route.method === 'GET' || route.method === 'DELETE') {
          if (!badPath) url += `?${badQuery(r, pick)}`;
        } else if (isApi) {
          if (badPath) {
            init.headers = { ...init.headers, 'content-type': 'application/json' };
            init.body = '{}';
          } else {
            const b = badJsonBody(r, pick);
            init.headers = { ...init.headers, 'content-type': b.contentType };
            init.body = b.body;
          }
        } else {
          const fields = new URLSearchParams({ _csrf: csrf });
          if (!badPath) {
            // Invalid by construction: no usable party, a bad decision, a non-http URL, junk OPML, a bad channel, a bad pause flag.
            fields.set('title', pick(NASTY).slice(0, 400));
            fields.set('party_0_name', pick(['', '\u0000', 'x'.repeat(300)]));
            fields.set('party_0_aliases', pick(NASTY).slice(0, 300));
            fields.set('decision', pick(['maybe', '', '1', pick(NASTY).slice(0, 50)]));
            fields.set('url', pick(['', 'ftp://example.org', 'javascript:alert(1)', pick(NASTY).slice(0, 200), '//evil', 'file:///etc/passwd']));
            fields.set('opml', pick(['', '<html/>', pick(NASTY).slice(0, 500), '<!DOCTYPE x [<!ENTITY a "b">]><opml/>']));
            fields.set('channel', pick(['sms', '', 'carrier pigeon']));
            fields.set('target', pick(NASTY).slice(0, 200));
            fields.set('paused', pick(['yes', '', '1', 'TRUE']));
            fields.set('name', pick(['', 'x'.repeat(101)]));
            fields.set(pick(['zzz', 'party_0_role', 'hour', 'caseId']), pick(['judge', '-1', '1e3', 'abc']));
          }
          init.headers = { ...init.headers, 'content-type': 'application/x-www-form-urlencoded' };
          init.body = fields.toString();
        }
        requests.push({ route: key, url, init });
      }
    }
    expect(requests.length).toBeGreaterThanOrEqual(10_000);

    const failures: string[] = [];
    let i = 0;
    const worker = async () => {
      while (i < requests.length) {
        const req = requests[i++]!;
        const res = await fetch(req.url, req.init);
        const text = await res.text();
        const okStatus = res.status >= 400 && res.status < 500;
        const message = res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as { error?: string }).error : /<h1>|class="error"|role="alert"/.test(text) ? 'page' : undefined;
        if (!okStatus || !message) failures.push(`${req.route} ${req.url.slice(app.url.length, app.url.length + 120)} → ${res.status} ${text.slice(0, 160)}`);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    console.log(`fuzz: ${requests.length} requests over ${routes.length} routes, ${failures.length} not answered with a 4xx and a message`);
    const byRoute = new Map<string, string>();
    for (const f of failures) {
      const route = f.split(' ').slice(0, 2).join(' ');
      if (!byRoute.has(route)) byRoute.set(route, f);
    }
    expect([...byRoute.values()]).toEqual([]);
    expect(fingerprint()).toBe(before);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  }, 300_000);
});
