// Cached timeline responses: rebuilt after any write (this process or another), never stale, each visitor's own CSRF token.
import Database from 'better-sqlite3';
import { get } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/openDb.ts';
import { CSRF_SLOT, ResponseCache } from '../../server/responseCache.ts';
import { startTestApp } from '../helpers/app.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('ResponseCache', () => {
  it('reuses a body until the database changes, through this connection or another one', () => {
    const file = path.join(tempDir(), 'cache.db');
    const db = openDb(file);
    const cache = new ResponseCache(10);
    let builds = 0;
    const build = () => `body ${++builds}`;
    expect(cache.get(db, 'k', build).body.toString()).toBe('body 1');
    expect(cache.get(db, 'k', build).body.toString()).toBe('body 1');
    db.$client.prepare("insert into settings (key, value) values ('a', '1')").run();
    expect(cache.get(db, 'k', build).body.toString()).toBe('body 2');
    // A write committed by another process (the CLI, say).
    const other = new Database(file);
    other.prepare("update settings set value = '2' where key = 'a'").run();
    other.close();
    expect(cache.get(db, 'k', build).body.toString()).toBe('body 3');
    expect(cache.get(db, 'k', build).body.toString()).toBe('body 3');
    // A read-only statement changes nothing.
    db.$client.prepare('select count(*) from settings').get();
    expect(cache.get(db, 'k', build).body.toString()).toBe('body 3');
    closeDb(db);
  });

  it('fills in each visitor’s CSRF token and gives each visitor its own ETag', () => {
    const db = openDb(':memory:');
    const cache = new ResponseCache(10);
    const build = () => `<input name="_csrf" value="${CSRF_SLOT}"><input name="_csrf" value="${CSRF_SLOT}">`;
    const a = cache.get(db, 'p', build, { csrf: () => 'token-a' });
    const b = cache.get(db, 'p', build, { csrf: () => 'token-b' });
    expect(a.body.toString()).toBe('<input name="_csrf" value="token-a"><input name="_csrf" value="token-a">');
    expect(b.body.toString()).not.toContain(CSRF_SLOT);
    expect(b.body.toString()).toContain('token-b');
    expect(a.etag).not.toBe(b.etag);
    expect(cache.get(db, 'p', build, { csrf: () => 'token-a' }).etag).toBe(a.etag);
    // A body without a form never asks for a token.
    expect(cache.get(db, 'plain', () => 'no form here', { csrf: () => { throw new Error('token asked for'); } }).body.toString()).toBe('no form here');
    closeDb(db);
  });

  it('compresses a body without a form once per database state, for clients that take gzip', () => {
    const db = openDb(':memory:');
    const cache = new ResponseCache(10);
    const build = () => 'timeline '.repeat(1000);
    const plain = cache.get(db, 'j', build);
    const zipped = cache.get(db, 'j', build, { gzip: true });
    expect(zipped.encoding).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    expect(zipped.body.length).toBeLessThan(plain.body.length / 10);
    expect(zipped.etag).not.toBe(plain.etag);
    expect(cache.get(db, 'j', build, { gzip: true }).body).toBe(zipped.body);
    // A page with a form carries a per-visitor token: its parts are compressed once and joined around the token.
    const form = cache.get(db, 'form', () => `<input value="${CSRF_SLOT}">`, { gzip: true, csrf: () => 'visitor-token' });
    expect(form.encoding).toBe('gzip');
    expect(gunzipSync(form.body).toString()).toBe('<input value="visitor-token">');
    const page = () => `${'<li>story</li>'.repeat(400)}<form><input value="${CSRF_SLOT}"></form>${'<li>review</li>'.repeat(300)}<input value="${CSRF_SLOT}">${CSRF_SLOT}`;
    for (const token of ['a-token', 'another, longer token of the next visitor', '']) {
      const zipped = cache.get(db, 'page', page, { gzip: true, csrf: () => token });
      expect(gunzipSync(zipped.body).toString()).toBe(page().replaceAll(CSRF_SLOT, token));
      expect(zipped.body.length).toBeLessThan(page().length / 10);
    }
    closeDb(db);
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const db = openDb(':memory:');
    const cache = new ResponseCache(2);
    let builds = 0;
    const build = () => String(++builds);
    cache.get(db, 'a', build);
    cache.get(db, 'b', build);
    cache.get(db, 'a', build); // a is now the most recent
    cache.get(db, 'c', build); // drops b
    expect(cache.size).toBe(2);
    expect(cache.get(db, 'a', build).body.toString()).toBe('1');
    expect(cache.get(db, 'b', build).body.toString()).toBe('4');
    closeDb(db);
  });
});

describe('the timeline page and JSON, cached', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let caseId: number;
  beforeAll(async () => {
    app = await startTestApp();
    caseId = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }] } })).body.id;
  });
  afterAll(() => app.stop());

  const visit = async (cookie?: string) => {
    const res = await fetch(`${app.url}/cases/${caseId}/edit`, { headers: cookie ? { cookie } : {} });
    const jar = cookie ?? (res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
    const page = await fetch(`${app.url}/cases/${caseId}`, { headers: { cookie: jar } });
    return { jar, html: await page.text(), etag: page.headers.get('etag') };
  };

  it('gives two visitors the same page, each with their own token', async () => {
    const a = await visit();
    const b = await visit();
    const token = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
    expect(a.html).not.toContain(CSRF_SLOT);
    expect(b.html).not.toContain(CSRF_SLOT);
    expect(a.html.replace(/name="_csrf" value="[^"]+"/g, '')).toBe(b.html.replace(/name="_csrf" value="[^"]+"/g, ''));
    const again = await visit(a.jar);
    expect(again.etag).toBe(a.etag);
    expect(token(again.html)).toEqual(token(a.html));
    // A conditional request for an unchanged page is answered 304. (fetch adds "Cache-Control: no-cache",
    // which forbids a 304, to a request with If-None-Match unless the request sets Cache-Control itself.)
    const cond = await fetch(`${app.url}/cases/${caseId}`, { headers: { cookie: a.jar, 'if-none-match': a.etag!, 'cache-control': 'max-age=0' } });
    expect(cond.status).toBe(304);
  });

  it('sends the page and the JSON gzip-compressed to clients that take it, with Vary', async () => {
    // One visitor (the case page carries forms, "Poll now" at least, so its CSRF token is the visitor's own).
    const { jar } = await visit();
    const raw = (p: string, encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        get(`${app.url}${p}`, { headers: { 'accept-encoding': encoding, cookie: jar } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    for (const p of [`/cases/${caseId}`, `/api/cases/${caseId}/timeline`, `/cases/${caseId}/timeline.json`]) {
      const zipped = await raw(p, 'gzip, deflate, br');
      const plain = await raw(p, 'identity');
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    }
  });

  it('shows an edit at once', async () => {
    const before = await (await fetch(`${app.url}/cases/${caseId}/timeline.json`)).json() as { case: { title: string } };
    expect(before.case.title).toBe('ByteDance v. Tian Keyu');
    const pageBefore = await (await fetch(`${app.url}/cases/${caseId}`)).text();
    expect(pageBefore).toContain('<h1>ByteDance v. Tian Keyu</h1>');
    await app.api(`/api/cases/${caseId}?wait=true`, { method: 'PATCH', json: { title: 'ByteDance v. Tian (renamed)' } });
    expect((await (await fetch(`${app.url}/cases/${caseId}`)).text())).toContain('<h1>ByteDance v. Tian (renamed)</h1>');
    expect(((await (await fetch(`${app.url}/cases/${caseId}/timeline.json`)).json()) as { case: { title: string } }).case.title).toBe('ByteDance v. Tian (renamed)');
    expect((await app.api(`/api/cases/${caseId}/timeline`)).body.case.title).toBe('ByteDance v. Tian (renamed)');
  });
});
