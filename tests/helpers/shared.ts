// Locates ../shared (beside the project in sessions and CI, absent in other clones).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cliProcess.ts';

export const SHARED = path.resolve(ROOT, '..', 'shared');

/** The folder, or null with a one-line note saying why the tests that need it are skipped. */
export function sharedDir(relative: string): string | null {
  const dir = path.join(SHARED, relative);
  if (existsSync(dir)) return dir;
  console.warn(`skipping: ${dir} is not here (the shared fixtures sit beside the project only in its own workspace)`);
  return null;
}
