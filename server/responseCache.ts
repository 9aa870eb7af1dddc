// Rendered timeline pages and API bodies, reused until anything in the database changes.
import { createHash, randomBytes } from 'node:crypto';
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { changeStamp, type Db } from '../db/openDb.ts';

/**
 * Stands in for the per-visitor CSRF token in a cached page; swapped for the real one on each response.
 * Random per process and made of hex digits only, so it survives HTML escaping unchanged and never
 * occurs in feed text by chance.
 */
export const CSRF_SLOT = `csrf-slot-${randomBytes(16).toString('hex')}`;

interface Cached {
  stamp: string;
  /** The body encoded once, cut where the CSRF token goes: a response joins bytes instead of re-encoding text. */
  parts: Buffer[];
  hash: string;
  /** The gzip of a body without a form, made on first request by a client that takes gzip. */
  gzip?: Buffer;
  /** For a body with a form: each part compressed once on its own (see `splicedGzip`). */
  deflated?: Buffer[];
}

export interface CachedBody {
  body: Buffer;
  /** A weak ETag for the body as sent (the visitor's CSRF token and the encoding included). */
  etag: string;
  /** Set when `body` is gzip-compressed. */
  encoding?: 'gzip';
}

export interface CacheOptions {
  /** The visitor's CSRF token; asked for only when the body has a form. */
  csrf?: () => string;
  /** The client takes gzip: the body is sent compressed (once per database state for a body without a form). */
  gzip?: boolean;
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
  get(db: Db, key: string, build: () => string, opts: CacheOptions = {}): CachedBody {
    const stamp = changeStamp(db);
    let entry = this.#entries.get(key);
    if (!entry || entry.stamp !== stamp) {
      const body = build();
      entry = { stamp, parts: body.split(CSRF_SLOT).map((p) => Buffer.from(p)), hash: createHash('sha1').update(body).digest('base64url').slice(0, 20) };
      this.#entries.delete(key);
      if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    } else this.#entries.delete(key);
    // Most recently used last.
    this.#entries.set(key, entry);
    if (entry.parts.length === 1) {
      if (!opts.gzip) return { body: entry.parts[0]!, etag: `W/"${entry.hash}"` };
      entry.gzip ??= gzipSync(entry.parts[0]!);
      return { body: entry.gzip, etag: `W/"${entry.hash}-gz"`, encoding: 'gzip' };
    }
    // A page with a form carries the visitor's own token, so it is put together per response: the parts around
    // the token are joined as they are, or, compressed once, joined around the token stored as it is.
    const token = Buffer.from(opts.csrf?.() ?? '');
    const visitor = createHash('sha1').update(token).digest('base64url').slice(0, 8);
    if (!opts.gzip) return { body: Buffer.concat(entry.parts.flatMap((p, i) => (i === 0 ? [p] : [token, p]))), etag: `W/"${entry.hash}-${visitor}"` };
    return { body: splicedGzip(entry, token), etag: `W/"${entry.hash}-${visitor}-gz"`, encoding: 'gzip' };
  }

  get size(): number {
    return this.#entries.size;
  }
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** The CRC-32 continued over `data`. An empty buffer may have no memory behind it, and zlib's crc32 then answers its initial value (0): skip it. */
const crcOf = (data: Buffer, crc: number) => (data.length === 0 ? crc : crc32(data, crc));

/**
 * The gzip of the parts joined by `token`, without compressing the page again. Each part is compressed once,
 * on its own, ending in a full flush (byte-aligned, nothing referring back across it) except the last; a
 * response writes the gzip header, the parts with the token between them as stored (uncompressed) deflate blocks,
 * and the trailer: the CRC-32 and length of the whole body, computed over the uncompressed pieces.
 */
function splicedGzip(entry: Cached, token: Buffer): Buffer {
  const last = entry.parts.length - 1;
  entry.deflated ??= entry.parts.map((p, i) => deflateRawSync(p, { finishFlush: i === last ? constants.Z_FINISH : constants.Z_FULL_FLUSH }));
  // A stored block: BFINAL 0 and BTYPE 00 in a byte of its own (the stream is byte-aligned after a full flush),
  // then the length and its one's complement, little-endian, then the bytes.
  const stored = Buffer.alloc(5);
  stored.writeUInt16LE(token.length, 1);
  stored.writeUInt16LE(~token.length & 0xffff, 3);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  entry.parts.forEach((part, i) => {
    if (i > 0) {
      pieces.push(stored, token);
      crc = crcOf(token, crc);
      size += token.length;
    }
    pieces.push(entry.deflated![i]!);
    crc = crcOf(part, crc);
    size += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  pieces.push(trailer);
  return Buffer.concat(pieces);
}

/** Sends a cached body with its ETag (a conditional request gets 304) and, when compressed, its encoding. */
export function sendCached(req: Request, res: Response, type: string, sent: CachedBody): void {
  res.vary('Accept-Encoding').set('ETag', sent.etag).type(type);
  if (sent.encoding) res.set('Content-Encoding', sent.encoding);
  res.send(sent.body);
}

/** Whether the client takes a gzip body (every browser says so in Accept-Encoding). */
export const takesGzip = (req: Request): boolean => req.acceptsEncodings(['gzip', 'identity']) === 'gzip';
