// Turns a fetched feed body into text, choosing the charset the way browsers and feed readers do.
import iconv from 'iconv-lite';
import {
  charsetFromBom,
  charsetFromBytePattern,
  charsetFromContentType,
  charsetFromHtmlMeta,
  charsetFromXmlDeclaration,
  detectCharset,
  hasMultibyteUtf8,
  iconvName,
  isValidUtf8,
  normalizeCharset,
} from './charset.ts';

export interface DecodedBody {
  /** The body as text, without a leading BOM. The XML declaration is left as is: rss-parser ignores it. */
  text: string;
  /** The charset the body was decoded with, e.g. `utf-8`, `gbk`, `windows-1252`. */
  charset: string;
}

const HEAD_BYTES = 1024;

/**
 * Decodes a feed body. The charset comes from the BOM (unambiguous, so it wins, as in browsers), then the
 * UTF-16/32 byte pattern, then the Content-Type charset, then the XML declaration or HTML meta charset, then
 * detection; latin-1 and ASCII labels decode as windows-1252.
 */
export function decodeFeedBody(body: Uint8Array, contentType: string | null): DecodedBody {
  const bom = charsetFromBom(body);
  const charset = bom?.charset ?? chooseCharset(body, contentType);
  const bytes = bom && bom.charset === charset ? body.subarray(bom.length) : body;
  let text = iconv.decode(toBuffer(bytes), iconvName(charset), { stripBOM: true });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, charset };
}

function chooseCharset(body: Uint8Array, contentType: string | null): string {
  const pattern = charsetFromBytePattern(body);
  if (pattern) return pattern;
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, HEAD_BYTES)).toString('latin1');
  const declared = [charsetFromContentType(contentType), charsetFromXmlDeclaration(head), charsetFromHtmlMeta(head)]
    .map(normalizeCharset)
    // A UTF-16/32 label on a body without NUL-laden bytes is a wrong label; an ASCII-family one can still be right.
    .find((c): c is string => c !== null && !/^utf-(16|32)/.test(c));
  if (declared) return correctLatin1Label(declared, body);
  return isValidUtf8(body) ? 'utf-8' : detectCharset(body);
}

/**
 * Servers often label UTF-8 feeds ISO-8859-1 by default. Valid UTF-8 with multi-byte sequences is almost
 * never real windows-1252 text, so it is read as UTF-8 instead of turning into mojibake.
 */
function correctLatin1Label(declared: string, body: Uint8Array): string {
  if (declared === 'windows-1252' && hasMultibyteUtf8(body) && isValidUtf8(body)) return 'utf-8';
  return declared;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
