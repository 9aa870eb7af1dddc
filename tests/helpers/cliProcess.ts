// Runs the real `casewatch` command in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'casewatch.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: the test's variables on top of a clean base (no .env surprises from the caller). */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // vitest puts Vite's BASE_URL, MODE, DEV, PROD and SSR into process.env; a real shell has none of them.
  const { PORT: _p, DATABASE_PATH: _d, BASE_URL: _b, MODE: _m, DEV: _v, PROD: _r, SSR: _s, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'info', ...env };
}

export function runCasewatch(args: string[], env: Record<string, string>, cwd = ROOT): Promise<CliRun> {
  return runCasewatchAt(ROOT, args, env, cwd);
}

/** Runs the command of the package copy at `root` (its bin/casewatch.js). */
export function runCasewatchAt(root: string, args: string[], env: Record<string, string>, cwd = root): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'casewatch.js'), ...args], { env: childEnv(env), cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function spawnCasewatch(args: string[], env: Record<string, string>, cwd = ROOT, root = ROOT): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'bin', 'casewatch.js'), ...args], { env: childEnv(env), cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line that matches. */
export function waitForLine(child: ChildProcess, re: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; got: ${buf}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => re.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
}
