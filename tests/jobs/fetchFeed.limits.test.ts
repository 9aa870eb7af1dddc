// fetchFeed's limits against real local servers: timeouts, size caps, dead hosts, cancellation.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../jobs/fetchFeed.ts';
import type { FetchOptions } from '../../jobs/fetchFeed.ts';
import { NO_VALIDATORS, startServer, unusedPort } from './fetch/testServer.ts';
import type { Route, TestServer } from './fetch/testServer.ts';

const MB = 1024 * 1024;
const local: FetchOptions = { allowPrivate: true, totalTimeoutMs: 5_000 };

interface StreamReport {
  bytesWritten: number;
  finished: boolean;
}

/** Streams `total` bytes respecting backpressure and reports how far it got when the socket closed. */
function hugeBody(total: number, headers: Record<string, string | number>, report: (r: StreamReport) => void): Route {
  return (_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let bytesWritten = 0;
    res.writeHead(200, { 'content-type': 'application/xml', ...headers });
    res.on('close', () => report({ bytesWritten, finished: res.writableFinished }));
    const pump = (): void => {
      while (bytesWritten < total && !res.destroyed) {
        bytesWritten += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** Sends a byte every `everyMs` and never finishes. */
function drip(everyMs: number): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': 1000 });
    const timer = setInterval(() => res.write('x'), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

let server: TestServer;
let hugeReport: Promise<StreamReport>;
let declaredReport: Promise<StreamReport>;
beforeAll(async () => {
  let reportHuge!: (r: StreamReport) => void;
  let reportDeclared!: (r: StreamReport) => void;
  hugeReport = new Promise((resolve) => (reportHuge = resolve));
  declaredReport = new Promise((resolve) => (reportDeclared = resolve));
  const bomb = zlib.gzipSync(Buffer.alloc(64 * MB));
  server = await startServer({
    '/silent': () => {},
    '/drip': drip(1000),
    '/huge': hugeBody(50 * MB, {}, (r) => reportHuge(r)),
    '/declared-huge': hugeBody(50 * MB, { 'content-length': 50 * MB }, (r) => reportDeclared(r)),
    '/bomb': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb),
    '/small': (_req, res) => res.end('x'.repeat(1000)),
  });
});
afterAll(() => server.close());

describe('timeouts', () => {
  it('a server that never answers times out at the total deadline', async () => {
    const started = Date.now();
    const result = await fetchFeed(server.url('/silent'), NO_VALIDATORS, { ...local, totalTimeoutMs: 300 });
    expect(result).toEqual({ kind: 'timeout', message: 'timed out after 0.3 s' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a body dripping one byte a second is cut off by the total deadline', async () => {
    const result = await fetchFeed(server.url('/drip'), NO_VALIDATORS, { ...local, totalTimeoutMs: 1_500 });
    expect(result).toEqual({ kind: 'timeout', message: 'timed out after 1.5 s' });
  });
});

describe('size cap', () => {
  it('stops reading a 50 MB body just past 10 MB and closes the connection', async () => {
    const result = await fetchFeed(server.url('/huge'), NO_VALIDATORS, local);
    expect(result).toEqual({ kind: 'tooLarge', message: 'larger than 10 MB' });
    const report = await hugeReport;
    expect(report.finished).toBe(false);
    // Socket buffers on both sides hold a few MB; the point is that 50 MB never went out.
    expect(report.bytesWritten).toBeLessThan(30 * MB);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const result = await fetchFeed(server.url('/declared-huge'), NO_VALIDATORS, local);
    expect(result).toEqual({ kind: 'tooLarge', message: 'larger than 10 MB' });
    expect((await declaredReport).finished).toBe(false);
  });

  it('counts decompressed bytes, so a small gzip bomb is refused', async () => {
    const result = await fetchFeed(server.url('/bomb'), NO_VALIDATORS, { ...local, maxBytes: MB });
    expect(result).toEqual({ kind: 'tooLarge', message: 'larger than 1 MB' });
  });

  it.each([
    { maxBytes: 1000, kind: 'ok' },
    { maxBytes: 999, kind: 'tooLarge' },
  ])('a 1000-byte body with maxBytes $maxBytes is $kind', async ({ maxBytes, kind }) => {
    expect(await fetchFeed(server.url('/small'), NO_VALIDATORS, { ...local, maxBytes })).toMatchObject({ kind });
  });
});

describe('unreachable hosts', () => {
  it('a closed port is "connection refused"', async () => {
    const port = await unusedPort();
    const result = await fetchFeed(`http://127.0.0.1:${port}/feed`, NO_VALIDATORS, local);
    expect(result).toEqual({ kind: 'networkError', message: 'connection refused by 127.0.0.1' });
  });

  // .invalid never resolves (RFC 6761); the resolver answers NXDOMAIN, or fails fast without a network.
  it.each([true, false])('an unresolvable name is a DNS failure naming the host (allowPrivate=%s)', async (allowPrivate) => {
    const result = await fetchFeed('http://feed.invalid/rss', NO_VALIDATORS, { allowPrivate, totalTimeoutMs: 10_000 });
    expect(result.kind).toBe('networkError');
    expect(result).toMatchObject({ message: expect.stringContaining('feed.invalid') });
  });
});

describe('cancellation', () => {
  it('rejects with the caller signal reason, mid-request or before it starts', async () => {
    const controller = new AbortController();
    const pending = fetchFeed(server.url('/silent'), NO_VALIDATORS, { ...local, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(pending).rejects.toThrow('shutting down');

    const signal = AbortSignal.abort(new Error('already stopped'));
    await expect(fetchFeed(server.url('/feed'), NO_VALIDATORS, { ...local, signal })).rejects.toThrow('already stopped');
  });
});
