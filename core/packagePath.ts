// Where the package's own files are (migrations, static assets, demo data), from the sources or the compiled bundle.
import { fileURLToPath } from 'node:url';

/**
 * The package root. This module sits one level below it both as a source file (core/packagePath.ts) and inside
 * the compiled bundle, which bin/build.js writes flat into dist/; so the same relative step finds the root in both.
 */
const ROOT = new URL('../', import.meta.url);

/** Absolute path of a file or folder of the package, given relative to its root (`db/migrations`). */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}
