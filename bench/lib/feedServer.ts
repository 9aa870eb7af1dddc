// Child process: serves N RSS feeds of M items from several loopback addresses, answering 304 to a matching ETag.
// Usage (by bench/poll.ts through startChild): feedServer.ts <feeds> <items> <address,address,...>
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onStopRequest } from './child.ts';
import { rssFeed } from './feedXml.ts';

const [feedsArg, itemsArg, addressesArg] = process.argv.slice(2);
const feedCount = Number(feedsArg);
const itemCount = Number(itemsArg);
const addresses = (addressesArg ?? '127.0.0.1').split(',');
if (!addresses.every((a) => /^127\.\d+\.\d+\.\d+$/.test(a))) throw new Error('feed server: loopback addresses only');

const bodies = Array.from({ length: feedCount }, (_, n) => Buffer.from(rssFeed(n, itemCount)));
const etagOf = (n: number) => `"feed-${n}-v1"`;

function handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
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
onStopRequest(() => {
  for (const s of servers) s.closeAllConnections();
  return Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);
});
process.send!({ hosts });
