// Bottom-k MinHash sketches of shingle sets: small, serializable, and exact while a set has at most k shingles.

export interface Sketch {
  /** Number of distinct shingles in the full set (needed to turn Jaccard into containment). */
  size: number;
  /** The k smallest 32-bit shingle hashes, ascending. */
  hashes: Uint32Array;
}

/** FNV-1a over UTF-16 code units, then murmur3's finalizer so that the low and high bits mix well. */
export function hash32(text: string): number {
  return mix(fnv(FNV_OFFSET, text));
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a continued over `text`'s UTF-16 code units. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** murmur3's finalizer. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Contiguous runs of `k` tokens; a text shorter than `k` tokens is one shingle, an empty text none. */
export function shingles(tokens: readonly string[], k: number): Set<string> {
  const out = new Set<string>();
  if (tokens.length > 0 && tokens.length < k) out.add(tokens.join(' '));
  for (let i = 0; i + k <= tokens.length; i++) {
    let shingle = tokens[i]!;
    for (let j = 1; j < k; j++) shingle += ` ${tokens[i + j]}`;
    out.add(shingle);
  }
  return out;
}

export function sketchOf(shingleSet: ReadonlySet<string>, k: number): Sketch {
  const all = new Uint32Array(new Set([...shingleSet].map(hash32)));
  all.sort();
  return { size: shingleSet.size, hashes: all.slice(0, k) };
}

/**
 * `sketchOf(shingles(tokens, k), keep)` without building the shingles: each run of `k` tokens is hashed as
 * `hash32` hashes its text joined by spaces, so the sketch is the same (the set's size counts distinct hashes,
 * which differs only where two shingles of one story collide in 32 bits). Signatures are made for every
 * stored story, so this runs once per story and poll.
 */
export function sketchTokens(tokens: readonly string[], k: number, keep: number): Sketch {
  const runs = tokens.length === 0 ? 0 : tokens.length < k ? 1 : tokens.length - k + 1;
  const all = new Uint32Array(runs);
  if (runs === 1 && tokens.length < k) all[0] = hashRun(tokens, 0, tokens.length);
  else for (let i = 0; i < runs; i++) all[i] = hashRun(tokens, i, i + k);
  all.sort();
  // Distinct hashes in place: the set's size, and its `keep` smallest.
  let size = 0;
  for (let i = 0; i < runs; i++) if (i === 0 || all[i] !== all[i - 1]) all[size++] = all[i]!;
  return { size, hashes: all.slice(0, Math.min(size, keep)) };
}

/** `hash32(tokens.slice(from, to).join(' '))`. */
function hashRun(tokens: readonly string[], from: number, to: number): number {
  let h = fnv(FNV_OFFSET, tokens[from]!);
  for (let t = from + 1; t < to; t++) h = fnv(fnv(h, ' '), tokens[t]!);
  return mix(h);
}

/**
 * Jaccard estimate: among the k smallest hashes of the union, the share found in both sets.
 * Exact when neither sketch was truncated. Empty sets are similar to nothing.
 */
export function jaccard(a: Sketch, b: Sketch): number {
  if (a.size === 0 || b.size === 0) return 0;
  // A sketch holding its whole set does not limit the union; a truncated one stops it at its length.
  const k = Math.min(a.size > a.hashes.length ? a.hashes.length : Infinity, b.size > b.hashes.length ? b.hashes.length : Infinity);
  let i = 0;
  let j = 0;
  let seen = 0;
  let both = 0;
  while (seen < k && (i < a.hashes.length || j < b.hashes.length)) {
    const x = i < a.hashes.length ? a.hashes[i]! : Infinity;
    const y = j < b.hashes.length ? b.hashes[j]! : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    seen++;
  }
  return seen === 0 ? 0 : both / seen;
}

/** Share of the smaller set found in the larger one, derived from Jaccard and the set sizes. */
export function containment(a: Sketch, b: Sketch, jaccardAB = jaccard(a, b)): number {
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return 0;
  const intersection = (jaccardAB * (a.size + b.size)) / (1 + jaccardAB);
  return Math.min(1, intersection / smaller);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `size.base64url(hashes, big-endian)`; written by hand so core/ needs neither Buffer nor btoa. */
export function encodeSketch(s: Sketch): string {
  const bytes: number[] = [];
  for (const h of s.hashes) bytes.push(h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c++) out += B64[(n >>> (18 - 6 * c)) & 63];
  }
  return `${s.size}.${out}`;
}

export function decodeSketch(text: string): Sketch | null {
  const m = /^(\d+)\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!m) return null;
  const body = m[2]!;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i += 4) {
    const chunk = body.slice(i, i + 4);
    let n = 0;
    for (let c = 0; c < 4; c++) n = (n << 6) | (c < chunk.length ? B64.indexOf(chunk[c]!) : 0);
    bytes.push((n >>> 16) & 255);
    if (chunk.length > 2) bytes.push((n >>> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  if (bytes.length % 4 !== 0) return null;
  const hashes = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < hashes.length; i++) {
    hashes[i] = ((bytes[4 * i]! << 24) | (bytes[4 * i + 1]! << 16) | (bytes[4 * i + 2]! << 8) | bytes[4 * i + 3]!) >>> 0;
  }
  return { size: Number(m[1]), hashes };
}
