// Child process: serves N RSS feeds of M items from several loopback addresses, answering 304 to a matching ETag.
// With "teasers", the feeds carry each item's first sentence and link to its article page on the same server.
// Usage (by bench/poll.ts through startChild): feedServer.ts <feeds> <items> <address,address,...> [teasers]
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onStopRequest } from './child.ts';
import { articlePage, rssFeed, rssTeaserFeed } from './feedXml.ts';

const [feedsArg, itemsArg, addressesArg, mode] = process.argv.slice(2);
const feedCount = Number(feedsArg);
const itemCount = Number(itemsArg);
const addresses = (addressesArg ?? '127.0.0.1').split(',');
if (!addresses.every((a) => /^127\.\d+\.\d+\.\d+$/.test(a))) throw new Error('feed server: loopback addresses only');

let bodies: Buffer[] = [];
const etagOf = (n: number) => `"feed-${n}-v1"`;

function handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  const a = /^\/article\/(\d+)\/(\d+)$/.exec(req.url ?? '');
  if (a) {
    const page = articlePage(Number(a[1]), Number(a[2]), itemCount);
    if (page) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else res.writeHead(404).end();
    return;
  }
  const m = /^\/feed\/(\d+)\.rss$/.exec(req.url ?? '');
  const n = m ? Number(m[1]) : -1;
  const body = bodies[n];
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  if (req.headers['if-none-match'] === etagOf(n)) {
    res.writeHead(304, { etag: etagOf(n) }).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length, etag: etagOf(n) }).end(body);
}

const servers: Server[] = [];
const hosts: string[] = [];
for (const address of addresses) {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  servers.push(server);
  hosts.push(`${address}:${(server.address() as AddressInfo).port}`);
}
// A feed's article links point at the address that serves the feed.
bodies = Array.from({ length: feedCount }, (_, n) => Buffer.from(mode === 'teasers' ? rssTeaserFeed(n, itemCount, `http://${hosts[n % hosts.length]}`) : rssFeed(n, itemCount)));
onStopRequest(() => {
  for (const s of servers) s.closeAllConnections();
  return Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);
});
process.send!({ hosts });
