// Finds a feed body's charset from the header, BOM, byte pattern, XML/HTML declaration or the bytes themselves.
import iconv from 'iconv-lite';
import chardet from 'chardet';

/** Labels browsers decode as windows-1252: its 0x80-0x9F range holds the € and smart quotes "latin-1" feeds mean. */
const WINDOWS_1252_LABELS = new Set([
  'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso88591', 'latin1', 'latin-1', 'l1', 'iso-ir-100', 'cp819',
  'ibm819', 'csisolatin1', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso646-us', 'cp1252', 'x-cp1252', 'windows-1252',
]);

/** Other aliases, mapped to the name we report; the decoder is chosen by `iconvName`. */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  gb2312: 'gbk', 'x-gbk': 'gbk', cp936: 'gbk', 'euc-cn': 'gbk', csgb2312: 'gbk', chinese: 'gbk', gb_2312: 'gbk',
  'gb_2312-80': 'gbk', 'iso-ir-58': 'gbk',
  'big5-hkscs': 'big5', 'cn-big5': 'big5', 'x-x-big5': 'big5', csbig5: 'big5',
  sjis: 'shift_jis', 'shift-jis': 'shift_jis', ms_kanji: 'shift_jis', 'x-sjis': 'shift_jis',
  'windows-31j': 'shift_jis', csshiftjis: 'shift_jis', cp932: 'shift_jis',
  'x-euc-jp': 'euc-jp', cseucpkdfmtjapanese: 'euc-jp',
  'ks_c_5601-1987': 'euc-kr', 'ks_c_5601-1989': 'euc-kr', cp949: 'euc-kr', 'windows-949': 'euc-kr', ksc5601: 'euc-kr',
  'tis-620': 'windows-874', 'iso-8859-11': 'windows-874',
  'utf-16': 'utf-16le', utf16: 'utf-16le', 'utf-32': 'utf-32le', utf32: 'utf-32le',
  ucs2: 'utf-16le', 'ucs-2': 'utf-16le',
};

/** Decoders that are strict supersets of the named charset (as in the WHATWG Encoding Standard). */
const DECODER_FOR: Record<string, string> = { gbk: 'gb18030', 'euc-kr': 'cp949', shift_jis: 'cp932' };

/** Normalizes a charset label to the name we report, or null when no decoder knows it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!clean) return null;
  if (WINDOWS_1252_LABELS.has(clean)) return 'windows-1252';
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(iconvName(name)) ? name : null;
}

/** The iconv-lite codec used to decode a normalized charset name. */
export function iconvName(charset: string): string {
  return DECODER_FOR[charset] ?? charset;
}

/** `charset` parameter of a Content-Type header; tolerates quotes and spaces around `=`. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*["']?\s*([^"';,\s]+)/i.exec(contentType);
  return m?.[1] ?? null;
}

/** Charset named by a byte-order mark, with the BOM's length. */
export function charsetFromBom(b: Uint8Array): { charset: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { charset: 'utf-32be', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { charset: 'utf-32le', length: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognized by how `<` (or `<?`) is laid out (XML 1.0 appendix F). */
export function charsetFromBytePattern(b: Uint8Array): string | null {
  const q = (i: number, v: number) => b[i] === v;
  if (q(0, 0) && q(1, 0) && q(2, 0) && q(3, 0x3c)) return 'utf-32be';
  if (q(0, 0x3c) && q(1, 0) && q(2, 0) && q(3, 0)) return 'utf-32le';
  if (q(0, 0) && q(1, 0x3c) && q(2, 0) && q(3, 0x3f)) return 'utf-16be';
  if (q(0, 0x3c) && q(1, 0) && q(2, 0x3f) && q(3, 0)) return 'utf-16le';
  return null;
}

/** `encoding` of an XML declaration, read from the first bytes of an ASCII-compatible body. */
export function charsetFromXmlDeclaration(head: string): string | null {
  const m = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  return m?.[1] ?? null;
}

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` near the top of an HTML page. */
export function charsetFromHtmlMeta(head: string): string | null {
  if (!/<(?:!doctype\s+html|html|head|meta)\b/i.test(head)) return null;
  const direct = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return direct?.[1] ?? null;
}

/** True when the bytes are valid UTF-8 (fatal decoding succeeds). */
export function isValidUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** True when the bytes hold at least one multi-byte UTF-8 sequence (so "valid UTF-8" is real evidence). */
export function hasMultibyteUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0xc2) return true;
  return false;
}

const DETECTION_SAMPLE = 64 * 1024;

/** Statistical guess for an undeclared legacy charset; windows-1252 when the guess is unusable. */
export function detectCharset(b: Uint8Array): string {
  const guess = chardet.detect(b.subarray(0, DETECTION_SAMPLE));
  return normalizeCharset(guess) ?? 'windows-1252';
}
