// Streams a response body, undoing Content-Encoding, and stops as soon as it grows past the size cap.
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

export type BodyOutcome =
  | { kind: 'body'; bytes: Uint8Array }
  | { kind: 'tooLarge' }
  | { kind: 'undecodable'; message: string };

class BodyTooLargeError extends Error {}

class BodyDecodeError extends Error {
  constructor(coding: string, cause: unknown) {
    super(`could not decode the ${coding} response body`, { cause });
  }
}

// RFC 9110 "deflate" is zlib-wrapped, but some servers send raw deflate: a zlib header has
// compression method 8 in its low nibble and its first two bytes are a multiple of 31.
function looksLikeZlib(chunk: Buffer): boolean {
  const [b0, b1] = chunk;
  if (b0 === undefined || (b0 & 0x0f) !== 8) return false;
  return b1 === undefined || ((b0 << 8) | b1) % 31 === 0;
}

const DECODERS: Record<string, (first: Buffer) => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  br: () => zlib.createBrotliDecompress(),
  deflate: (first) => (looksLikeZlib(first) ? zlib.createInflate() : zlib.createInflateRaw()),
};

export function isSupportedCoding(coding: string): boolean {
  return Object.hasOwn(DECODERS, coding);
}

/** Fails once more than maxBytes have gone through, so neither the wire nor a decoder can run away. */
async function* capped(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLargeError();
    yield chunk;
  }
}

/**
 * Runs one decoder over the stream. The decoder is made on the first chunk, which lets deflate
 * pick its framing and lets an empty body with a Content-Encoding header through untouched.
 */
async function* decoded(source: AsyncIterable<Buffer>, coding: string, makeDecoder: (first: Buffer) => Transform): AsyncGenerator<Buffer> {
  const upstream = source[Symbol.asyncIterator]();
  const first = await upstream.next();
  if (first.done === true) return;
  let upstreamError: unknown;
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      yield first.value;
      for (let next = await upstream.next(); next.done !== true; next = await upstream.next()) yield next.value;
    } catch (err) {
      upstreamError = err;
      throw err;
    } finally {
      await upstream.return?.();
    }
  }
  const decoder = makeDecoder(first.value);
  // Errors reach the consumer through iterating the decoder; the callback only has to exist.
  pipeline(Readable.from(replay()), decoder, () => {});
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw upstreamError ?? new BodyDecodeError(coding, err);
  }
}

/**
 * Reads the whole body, decoded, as long as neither the wire bytes nor the decoded bytes pass maxBytes.
 * Network failures while reading are thrown for the caller to classify.
 */
export async function readCappedBody(body: Readable, codings: readonly string[], maxBytes: number): Promise<BodyOutcome> {
  let stream: AsyncIterable<Buffer> = capped(body, maxBytes);
  for (const coding of codings) {
    const makeDecoder = DECODERS[coding];
    if (makeDecoder === undefined) return { kind: 'undecodable', message: `unsupported Content-Encoding "${coding}"` };
    stream = decoded(stream, coding, makeDecoder);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > maxBytes) throw new BodyTooLargeError();
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof BodyTooLargeError) return { kind: 'tooLarge' };
    if (err instanceof BodyDecodeError) return { kind: 'undecodable', message: err.message };
    throw err;
  }
  const joined = Buffer.concat(chunks, size);
  return { kind: 'body', bytes: new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength) };
}
