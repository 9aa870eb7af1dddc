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
