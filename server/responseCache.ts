// Rendered timeline pages and API bodies, reused until anything in the database changes.
import { createHash, randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/openDb.ts';

/**
 * Stands in for the per-visitor CSRF token in a cached page; swapped for the real one on each response.
 * Random per process and made of hex digits only, so it survives HTML escaping unchanged and never
 * occurs in feed text by chance.
 */
export const CSRF_SLOT = `csrf-slot-${randomBytes(16).toString('hex')}`;

interface Cached {
  stamp: string;
  body: string;
  hash: string;
}

const stampStatements = new WeakMap<object, Statement<[], { t: number; v: number }>>();

/**
 * What changes whenever the database does: `total_changes()` counts this connection's writes (the poller,
 * the routes), `data_version` moves when another connection commits (the CLI, a second process).
 */
function stampOf(db: Db): string {
  let stmt = stampStatements.get(db.$client);
  if (!stmt) {
    stmt = db.$client.prepare<[], { t: number; v: number }>('select total_changes() as t, (select data_version from pragma_data_version) as v');
    stampStatements.set(db.$client, stmt);
  }
  const { t, v } = stmt.get()!;
  return `${t}:${v}`;
}

export interface CachedBody {
  body: string;
  /** A weak ETag for the body as sent (the visitor's CSRF token included). */
  etag: string;
}

/**
 * A small LRU of response bodies keyed by what the request asked for. An entry is used only while the
 * database is exactly as it was when the body was built, so a cached body is never stale: a write of
 * any kind (a poll, an edit, a decision) makes every entry rebuild on its next request.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Cached>();
  readonly #max: number;

  constructor(max = 100) {
    this.#max = max;
  }

  /** The cached body for `key`, built (and kept) when missing or out of date. */
  get(db: Db, key: string, build: () => string, csrf?: string): CachedBody {
    const stamp = stampOf(db);
    let entry = this.#entries.get(key);
    if (!entry || entry.stamp !== stamp) {
      const body = build();
      entry = { stamp, body, hash: createHash('sha1').update(body).digest('base64url').slice(0, 20) };
      this.#entries.delete(key);
      if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    } else this.#entries.delete(key);
    // Most recently used last.
    this.#entries.set(key, entry);
    if (csrf === undefined) return { body: entry.body, etag: `W/"${entry.hash}"` };
    const visitor = createHash('sha1').update(csrf).digest('base64url').slice(0, 8);
    return { body: entry.body.replaceAll(CSRF_SLOT, csrf), etag: `W/"${entry.hash}-${visitor}"` };
  }

  get size(): number {
    return this.#entries.size;
  }
}
