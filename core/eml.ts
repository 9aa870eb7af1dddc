// Reads back a message the outbox wrote (.eml, MIME as nodemailer builds it): its headers and its decoded
// text and HTML parts (emailHtml.ts makes the HTML safe to show inside one of our pages).
//
// A reader for our own output, not a general mail parser: no attachments, no nested messages, no S/MIME.
// Pure, so the outbox page needs no mail library at run time (mailparser is only a test dependency).
export interface EmlMessage {
  subject: string | null;
  from: string | null;
  to: string | null;
  date: string | null;
  text: string | null;
  html: string | null;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Headers are ASCII and the body is 7-bit after transfer encoding, so latin1 keeps every byte as one char. */
export function readEml(raw: Buffer | string): EmlMessage {
  const root = splitPart(typeof raw === 'string' ? raw : raw.toString('latin1'));
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  collectBodies(root, found, 0);
  const header = (name: string) => {
    const v = root.headers.get(name);
    return v === undefined ? null : decodeWords(v);
  };
  return { subject: header('subject'), from: header('from'), to: header('to'), date: header('date'), ...found };
}

function splitPart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  // A header continues on lines that start with white space (RFC 5322 folding).
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** A parameter of a structured header: `boundary` of Content-Type, `charset`. */
function param(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function collectBodies(part: Part, found: { text: string | null; html: string | null }, depth: number): void {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  if (mediaType.startsWith('multipart/')) {
    const boundary = param(type, 'boundary');
    if (!boundary || depth > 5) return;
    for (const child of multipartChildren(part.body, boundary)) collectBodies(splitPart(child), found, depth + 1);
    return;
  }
  if (/^attachment/i.test(part.headers.get('content-disposition') ?? '')) return;
  const key = mediaType === 'text/html' ? 'html' : mediaType === 'text/plain' ? 'text' : null;
  if (!key || found[key] !== null) return;
  const bytes = decodeTransfer(part.body, part.headers.get('content-transfer-encoding') ?? '7bit');
  found[key] = decodeCharset(bytes, param(type, 'charset') ?? 'utf-8');
}

function multipartChildren(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    const delimiter = line === `--${boundary}`;
    const end = line === `--${boundary}--`;
    if (!delimiter && !end) {
      current?.push(line);
      continue;
    }
    if (current) parts.push(current.join('\n'));
    if (end) break;
    current = [];
  }
  return parts;
}

function decodeTransfer(body: string, encoding: string): Buffer {
  const e = encoding.trim().toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

/** "=E5=AD=97" is three bytes; "=" at a line's end is a soft break that joins the lines. */
function decodeQuotedPrintable(s: string): Buffer {
  const joined = s.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    const hex = c === 0x3d ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

/**
 * RFC 2047 encoded words ("=?UTF-8?Q?=E5=AD=97?="). White space between two of them is not text, and their
 * bytes are joined before decoding, so a character split across two words comes out whole.
 */
export function decodeWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  let out = '';
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  let last = 0;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const m of joined.matchAll(ENCODED_WORD)) {
    const [word, charset, enc, data] = m as unknown as [string, string, string, string];
    if (m.index > last) {
      flush();
      out += joined.slice(last, m.index);
    }
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
    const p = pending as { charset: string; bytes: Buffer[] } | null;
    if (p && p.charset.toLowerCase() === charset.toLowerCase()) p.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = m.index + word.length;
  }
  flush();
  return out + joined.slice(last);
}
