// Starts the real app (real SQLite file in a temp dir, real port) for route tests.
import path from 'node:path';
import { afterAll } from 'vitest';
import { fetchFeed } from '../../jobs/fetchFeed.ts';
import { silentLogger } from '../../jobs/logger.ts';
import { parseConfig } from '../../server/config.ts';
import { serve, type Running } from '../../server/main.ts';
import { tempDir } from './tempDir.ts';

/**
 * The real fetcher for feeds on 127.0.0.1; anything else (an imported OPML's or the starter list's real
 * feeds, fetched at once by the import job) is refused before a DNS lookup, so tests never leave loopback.
 */
const loopbackOnly: typeof fetchFeed = (url, validators, opts) => {
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return fetchFeed(url, validators, opts);
  return Promise.resolve({ kind: 'blocked', message: `tests reach 127.0.0.1 only, not ${host || url}` });
};

export async function startTestApp(env: Record<string, string> = {}): Promise<Running & { dir: string; api: (p: string, init?: RequestInit & { json?: unknown }) => Promise<{ status: number; body: any; headers: Headers }> }> {
  const dir = tempDir();
  const config = parseConfig({ PORT: '0', DATABASE_PATH: path.join(dir, 'test.db'), OUTBOX_DIR: path.join(dir, 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', ...env });
  const running = await serve(config, { log: silentLogger, schedule: false, fetch: loopbackOnly });
  afterAll(() => running.stop());
  const api = async (p: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json: given, ...rest } = init;
    // Like any JSON client, state changes always carry a JSON body (the API refuses other content types).
    const json = given === undefined && rest.method && !['GET', 'DELETE'].includes(rest.method) && rest.body === undefined ? {} : given;
    const res = await fetch(running.url + p, {
      ...rest,
      ...(json !== undefined ? { body: JSON.stringify(json), headers: { 'content-type': 'application/json', ...(rest.headers ?? {}) } } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  };
  return Object.assign(running, { dir, api });
}
