// Child process: serves the real app on a given database, or an Express hello-world, on 127.0.0.1.
// Usage (by bench/timeline.ts through startChild): appServer.ts app <database> <scratch dir> | appServer.ts hello
// In app mode it also answers LoopDelayRequest messages (bench/background.ts) with its event-loop delay.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import express from 'express';
import { silentLogger } from '../../jobs/logger.ts';
import { parseConfig } from '../../server/config.ts';
import { serve } from '../../server/main.ts';
import { onStopRequest, type LoopDelay, type LoopDelayRequest } from './child.ts';

const [mode, database, scratch] = process.argv.slice(2);

if (mode === 'app') {
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: database, OUTBOX_DIR: path.join(scratch!, 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent',
    // `BACKFILL_THREADS=0 npm run bench -- background` measures the steps on the main thread instead of a worker.
    ...(process.env.BACKFILL_THREADS ? { BACKFILL_THREADS: process.env.BACKFILL_THREADS } : {}) });
  const running = await serve(config, { log: silentLogger, schedule: false });
  onStopRequest(() => running.stop());
  answerLoopDelay();
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

/** A gap between 10 ms ticks longer than this is listed with its time. */
const STALL_MS = 50;

/**
 * The server's own event-loop delay over a window the bench chooses: the longest any reader had to wait for this
 * process to look at its request, which latency seen from outside mixes with queueing and the client's own delays.
 */
function answerLoopDelay(): void {
  let histogram: IntervalHistogram | null = null;
  // Garbage-collection pauses in the same window tell a collection from our own long step.
  const gc = { max: 0, total: 0 };
  // When the long stalls happened (wall clock), so the bench can place them in the backfill: start, steps or end.
  let stalls: LoopDelay['stalls'] = [];
  let sampler: NodeJS.Timeout | null = null;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.max = Math.max(gc.max, e.duration);
      gc.total += e.duration;
    }
  });
  process.on('message', (m: unknown) => {
    const asked = (m as Partial<LoopDelayRequest> | null)?.loopDelay;
    if (asked === 'start') {
      histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      Object.assign(gc, { max: 0, total: 0 });
      gcObserver.observe({ entryTypes: ['gc'] });
      stalls = [];
      let last = performance.now();
      sampler = setInterval(() => {
        const now = performance.now();
        if (now - last > STALL_MS) stalls.push({ at: Date.now(), ms: now - last });
        last = now;
      }, 10);
      process.send!({ loopDelay: 'started' });
    } else if (asked === 'stop' && histogram) {
      histogram.disable();
      gcObserver.disconnect();
      clearInterval(sampler!);
      const h = histogram;
      const ms = (ns: number) => ns / 1e6;
      const out: LoopDelay = {
        p50: ms(h.percentile(50)),
        p99: ms(h.percentile(99)),
        max: ms(h.max),
        samples: h.count,
        gcMax: gc.max,
        gcTotal: gc.total,
        stalls,
      };
      histogram = null;
      process.send!({ loopDelay: out });
    }
  });
}
