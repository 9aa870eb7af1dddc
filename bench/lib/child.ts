// Starts a bench helper (a .ts file) in its own Node process, so servers under test do not share the load generator's CPU.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child<T> {
  info: T;
  process: ChildProcess;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** Forks `file` (relative to bench/lib) with tsx; resolves with the first message it sends. */
export function startChild<T>(file: string, args: string[]): Promise<Child<T>> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('message', (info) => {
      clearTimeout(timer);
      resolve({ info: info as T, process: child, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with code ${code} before it was ready`));
    });
  });
}

/** For the child side: stop when the parent says so or goes away. */
export function onStopRequest(stop: () => Promise<void> | void): void {
  const quit = async () => {
    await stop();
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void quit();
  });
  process.on('disconnect', () => void quit());
}

/** Asks appServer.ts (app mode) to start or stop measuring its event-loop delay. */
export interface LoopDelayRequest {
  loopDelay: 'start' | 'stop';
}

/** Event-loop delay in ms as monitorEventLoopDelay({ resolution: 10 }) gives it: an idle loop reads ~10 ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** The longest garbage-collection pause in the window, and all of them together (ms). */
  gcMax: number;
  gcTotal: number;
  /** Gaps between 10 ms ticks over 50 ms: when (epoch ms) and how long. */
  stalls: { at: number; ms: number }[];
}

/** Sends `message` and resolves with the child's next message that `accept` takes: a request and its answer. */
export function ask<R>(child: Child<unknown>, message: unknown, accept: (m: unknown) => m is R): Promise<R> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (!accept(m)) return;
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
      resolve(m);
    };
    const onExit = () => {
      child.process.off('message', onMessage);
      reject(new Error('the child exited before it answered'));
    };
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
    child.process.send(message as object);
  });
}
