// A real HTTP server on 127.0.0.1 whose routes a test can change while it runs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  base: string;
  server: Server;
  routes: Map<string, Handler>;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  close: () => Promise<void>;
}

export async function startFeedServer(routes: Record<string, Handler> = {}): Promise<FeedServer> {
  const map = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0]!;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const h = map.get(p);
    if (h) h(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    routes: map,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Serves a body with a content type, honouring If-None-Match against the given ETag. */
export function serveBody(body: string | Buffer, contentType: string, etag?: string): Handler {
  return (req, res) => {
    if (etag && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, ...(etag ? { etag } : {}) }).end(body);
  };
}
