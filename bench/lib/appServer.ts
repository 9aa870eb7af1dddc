// Child process: serves the real app on a given database, or an Express hello-world, on 127.0.0.1.
// Usage (by bench/timeline.ts through startChild): appServer.ts app <database> <scratch dir> | appServer.ts hello
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { silentLogger } from '../../jobs/logger.ts';
import { parseConfig } from '../../server/config.ts';
import { serve } from '../../server/main.ts';
import { onStopRequest } from './child.ts';

const [mode, database, scratch] = process.argv.slice(2);

if (mode === 'app') {
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: database, OUTBOX_DIR: path.join(scratch!, 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent' });
  const running = await serve(config, { log: silentLogger, schedule: false });
  onStopRequest(() => running.stop());
  process.send!({ url: running.url });
} else {
  // The baseline: what Express itself costs per request on this machine.
  const app = express();
  app.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  onStopRequest(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
