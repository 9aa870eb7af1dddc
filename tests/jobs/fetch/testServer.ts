// A throwaway HTTP server on 127.0.0.1 for fetcher tests: routes by path, records what it was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, server: TestServer) => void;

export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  port: number;
  url(path: string): string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const httpServer = http.createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, headers: req.headers });
    const route = routes[path.split('?')[0] ?? path];
    if (route === undefined) {
      res.writeHead(404).end('no such route');
      return;
    }
    route(req, res, server);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const server: TestServer = {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
  return server;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A redirect route; the location may be built from the server (its port is known only once listening). */
export function redirect(status: number, location: string | ((server: TestServer) => string)): Route {
  return (_req, res, server) => {
    res.writeHead(status, { location: typeof location === 'string' ? location : location(server) }).end();
  };
}

export const NO_VALIDATORS = { etag: null, lastModified: null } as const;
