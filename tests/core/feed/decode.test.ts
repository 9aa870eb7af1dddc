import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../core/feed/decode.ts';
import { parseFeed } from '../../../core/feed/parse.ts';

const rss = (encoding: string | null, title: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?>` +
  `<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title></item></channel></rss>`;

const bytes = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);

const CHINESE = '星河云图起诉前实习生赵明轩 索赔260万元';
const SMART = 'Price: €5 — “quoted” and it’s fine';

interface Case {
  name: string;
  body: Uint8Array;
  contentType: string | null;
  charset: string;
  contains: string;
}

const cases: Case[] = [
  { name: 'GBK declared in the prolog', body: bytes(rss('GBK', CHINESE), 'gbk'), contentType: null, charset: 'gbk', contains: CHINESE },
  { name: 'GB2312 header label decodes as GBK', body: bytes(rss(null, CHINESE), 'gbk'), contentType: 'application/rss+xml; charset=gb2312', charset: 'gbk', contains: CHINESE },
  { name: 'GB18030 four-byte characters', body: bytes(rss('GB18030', '𠀀 星河'), 'gb18030'), contentType: null, charset: 'gb18030', contains: '𠀀 星河' },
  { name: 'Big5', body: bytes(rss('big5', '法院判決書'), 'big5'), contentType: null, charset: 'big5', contains: '法院判決書' },
  { name: 'Shift_JIS from the header', body: bytes(rss(null, '裁判所の判決'), 'shift_jis'), contentType: 'text/xml; charset=Shift_JIS', charset: 'shift_jis', contains: '裁判所の判決' },
  { name: 'EUC-JP', body: bytes(rss('EUC-JP', '東京地裁の判決'), 'euc-jp'), contentType: null, charset: 'euc-jp', contains: '東京地裁の判決' },
  { name: 'EUC-KR', body: bytes(rss('euc-kr', '법원 판결'), 'euc-kr'), contentType: null, charset: 'euc-kr', contains: '법원 판결' },
  { name: 'KOI8-R', body: bytes(rss('koi8-r', 'Суд вынес решение'), 'koi8-r'), contentType: null, charset: 'koi8-r', contains: 'Суд вынес решение' },
  { name: 'windows-1251 from the header', body: bytes(rss(null, 'Суд'), 'windows-1251'), contentType: 'application/xml; charset=windows-1251', charset: 'windows-1251', contains: 'Суд' },
  { name: 'windows-1252 bytes labelled ISO-8859-1', body: bytes(rss(null, SMART), 'windows-1252'), contentType: 'text/xml; charset=ISO-8859-1', charset: 'windows-1252', contains: SMART },
  { name: 'windows-1252 bytes labelled us-ascii (quoted, spaced)', body: bytes(rss(null, SMART), 'windows-1252'), contentType: `application/rss+xml;charset= "us-ascii"`, charset: 'windows-1252', contains: SMART },
  { name: 'windows-1252 bytes with a latin1 prolog', body: bytes(rss('iso-8859-1', SMART), 'windows-1252'), contentType: null, charset: 'windows-1252', contains: SMART },
  { name: 'UTF-16LE with BOM', body: withBom([0xff, 0xfe], bytes(rss('UTF-16', CHINESE), 'utf-16le')), contentType: null, charset: 'utf-16le', contains: CHINESE },
  { name: 'UTF-16BE with BOM', body: withBom([0xfe, 0xff], bytes(rss('UTF-16', CHINESE), 'utf-16be')), contentType: null, charset: 'utf-16be', contains: CHINESE },
  { name: 'UTF-16BE without BOM (byte pattern)', body: bytes(rss('UTF-16BE', SMART), 'utf-16be'), contentType: null, charset: 'utf-16be', contains: SMART },
  { name: 'UTF-16LE without BOM (byte pattern)', body: bytes(rss('UTF-16LE', SMART), 'utf-16le'), contentType: null, charset: 'utf-16le', contains: SMART },
  { name: 'UTF-32LE with BOM', body: withBom([0xff, 0xfe, 0, 0], bytes(rss(null, CHINESE), 'utf-32le')), contentType: null, charset: 'utf-32le', contains: CHINESE },
  { name: 'UTF-32BE with BOM', body: withBom([0, 0, 0xfe, 0xff], bytes(rss(null, CHINESE), 'utf-32be')), contentType: null, charset: 'utf-32be', contains: CHINESE },
  { name: 'UTF-8 BOM', body: withBom([0xef, 0xbb, 0xbf], bytes(rss('utf-8', CHINESE), 'utf-8')), contentType: null, charset: 'utf-8', contains: CHINESE },
  { name: 'BOM wins over a wrong header', body: withBom([0xef, 0xbb, 0xbf], bytes(rss(null, SMART), 'utf-8')), contentType: 'text/xml; charset=koi8-r', charset: 'utf-8', contains: SMART },
  { name: 'header wins over the prolog', body: bytes(rss('utf-8', CHINESE), 'gbk'), contentType: 'application/rss+xml; charset=GBK', charset: 'gbk', contains: CHINESE },
  { name: 'header wins over a different single-byte prolog', body: bytes(rss('koi8-r', 'Суд'), 'windows-1251'), contentType: 'text/xml; charset=windows-1251', charset: 'windows-1251', contains: 'Суд' },
  { name: 'unknown header charset falls back to the prolog', body: bytes(rss('big5', '法院'), 'big5'), contentType: 'text/xml; charset=bogus', charset: 'big5', contains: '法院' },
  { name: 'HTML meta charset', body: bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>Суд</body></html>', 'windows-1251'), contentType: null, charset: 'windows-1251', contains: 'Суд' },
  { name: 'no declaration, valid UTF-8', body: bytes(rss(null, CHINESE), 'utf-8'), contentType: 'application/rss+xml', charset: 'utf-8', contains: CHINESE },
  { name: 'no declaration, GBK detected', body: bytes(rss(null, CHINESE.repeat(20)), 'gbk'), contentType: null, charset: 'gb18030', contains: CHINESE },
  { name: 'UTF-8 bytes mislabelled ISO-8859-1 stay UTF-8', body: bytes(rss(null, SMART), 'utf-8'), contentType: 'text/xml; charset=iso-8859-1', charset: 'utf-8', contains: SMART },
];

describe('decodeFeedBody', () => {
  it.each(cases)('$name', ({ body, contentType, charset, contains }) => {
    const decoded = decodeFeedBody(body, contentType);
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(contains);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(decoded.text).not.toContain('\ufffd');
  });

  it('leaves the XML declaration alone because rss-parser ignores its encoding', async () => {
    const decoded = decodeFeedBody(bytes(rss('GBK', CHINESE), 'gbk'), null);
    expect(decoded.text.startsWith('<?xml version="1.0" encoding="GBK"?>')).toBe(true);
    const outcome = await parseFeed(decoded.text, { feedUrl: 'https://zh.example.com/feed' });
    expect(outcome.kind === 'ok' && outcome.feed.stories[0]?.title).toBe(CHINESE);
  });

  it('decodes invalid bytes as replacement characters instead of throwing', () => {
    const decoded = decodeFeedBody(new Uint8Array([0x3c, 0x72, 0xff, 0xfe, 0x80, 0x3e]), 'text/xml; charset=utf-8');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain('\ufffd');
  });

  it('handles an empty body', () => {
    expect(decodeFeedBody(new Uint8Array(), null)).toEqual({ text: '', charset: 'utf-8' });
  });
});
