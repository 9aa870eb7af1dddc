// Validation messages through the API and the CLI: a missing field reads "is required", a wrong type says what
// type, and the CLI states each problem once.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertFeed } from '../../db/feeds.ts';
import { startTestApp } from '../helpers/app.ts';
import { runCasewatch } from '../helpers/cliProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

const party = { name: 'Acme Robotics', role: 'plaintiff' };

describe('missing and mistyped fields through the API', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let feedId: number;
  beforeAll(async () => {
    app = await startTestApp();
    feedId = insertFeed(app.ctx.db, { url: 'https://a.example.com/rss' }, app.ctx.now())!.id;
  });

  // Every required field of every body, left out and then given as the wrong type.
  it.each([
    ['POST', '/api/cases', { parties: [party] }, 'case: title is required', { path: 'title', message: 'is required' }],
    ['POST', '/api/cases', { title: 5, parties: [party] }, 'case: title must be text', { path: 'title', message: 'must be text' }],
    ['POST', '/api/cases', { title: 'A v. B' }, 'case: parties is required', { path: 'parties', message: 'is required' }],
    ['POST', '/api/cases', { title: 'A v. B', parties: 'Acme' }, 'case: parties must be a list of parties', { path: 'parties', message: 'must be a list of parties' }],
    ['POST', '/api/cases', { title: 'A v. B', parties: [] }, 'case: parties must include at least one party with a name', { path: 'parties', message: 'must include at least one party with a name' }],
    ['POST', '/api/cases', { title: 'A v. B', parties: [{ role: 'plaintiff' }] }, 'case: parties.0.name is required', { path: 'parties.0.name', message: 'is required' }],
    ['POST', '/api/cases', { title: 'A v. B', parties: [{ name: 'Acme' }] }, 'case: parties.0.role is required', { path: 'parties.0.role', message: 'is required' }],
    ['POST', '/api/cases', { title: 'A v. B', parties: [{ name: 'Acme', role: 'judge' }] }, 'parties.0.role must be "plaintiff"', { path: 'parties.0.role', message: 'must be "plaintiff", "defendant" or "other"' }],
    ['POST', '/api/feeds', {}, 'feed: url is required', { path: 'url', message: 'is required' }],
    ['POST', '/api/feeds', { url: 5 }, 'feed: url must be text', { path: 'url', message: 'must be text' }],
    ['POST', '/api/feeds/import', {}, 'import: opml is required', { path: 'opml', message: 'is required' }],
    ['POST', '/api/subscriptions', { target: 'a@example.com' }, 'subscription: channel is required', { path: 'channel', message: 'is required' }],
    ['POST', '/api/subscriptions', { channel: 'email' }, 'subscription: target is required', { path: 'target', message: 'is required' }],
    ['POST', '/api/subscriptions', { channel: 'email', target: 5 }, 'subscription: target must be text', { path: 'target', message: 'must be text' }],
  ])('%s %s %j → "%s"', async (method, url, json, headline, detail) => {
    const r = await app.api(url, { method, json });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain(headline);
    expect(r.body.details).toContainEqual(detail);
  });

  it('says "paused is required unless fullText is given" for an empty feed PATCH, and "must be true or false" for "yes"', async () => {
    const missing = await app.api(`/api/feeds/${feedId}`, { method: 'PATCH', json: {} });
    expect(missing.body.details).toContainEqual({ path: 'paused', message: 'is required unless fullText is given' });
    const wrong = await app.api(`/api/feeds/${feedId}`, { method: 'PATCH', json: { paused: 'yes' } });
    expect(wrong.body.details).toContainEqual({ path: 'paused', message: 'must be true or false' });
  });
});

describe('the CLI', () => {
  const env = () => {
    const dir = tempDir();
    return { dir, env: { DATABASE_PATH: path.join(dir, 'cli.db'), OUTBOX_DIR: path.join(dir, 'outbox'), SEARCH_FEEDS: 'off' } };
  };

  it('prints a bad case once: "invalid case: parties …" on one line, not again as a detail', async () => {
    const { dir, env: e } = env();
    const r = await runCasewatch(['cases', 'add', '--title', 'A v. B'], e, dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(['casewatch: invalid case: parties must include at least one party with a name']);
  });

  it('says "title is required" when the title is left out', async () => {
    const { dir, env: e } = env();
    const r = await runCasewatch(['cases', 'add', '--plaintiff', 'Acme Robotics'], e, dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('casewatch: invalid case: title is required');
  });
});
