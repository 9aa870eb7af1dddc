// Han-character names read in pinyin (persons; the distinctive part of companies), as the English-language press does.

import { createRequire } from 'node:module';
import type { pinyin as Pinyin } from 'pinyin-pro';
import { normalizeText } from './normalize.ts';

/**
 * pinyin-pro with its dictionaries, loaded at the first reading (about 100 ms): a process that reads no Han name (a
 * server until a case is compiled, most commands) does not load it.
 */
let loaded: typeof Pinyin | null = null;
const loadPinyin = () => (loaded ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: typeof Pinyin }).pinyin);
const pinyin = ((...args: Parameters<typeof Pinyin>) => loadPinyin()(...args)) as typeof Pinyin;

/** Loads pinyin-pro now: a thread kept ready for matching (jobs/backfill) does it before its first task. */
export function preloadPinyin(): void {
  loadPinyin();
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const ALL_HAN = /^\p{Script=Han}+$/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LOWER_ASCII = /^[a-z]+$/;
const SPACES = /\s+/g;
const BRACKETED = /[（(][^）)]*[）)]/g;

const COMPOUND_SURNAMES = new Set(
  (
    '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 夏侯 令狐 长孙 宇文 司徒 端木 澹台 轩辕 独孤 南宫 西门 ' +
    '万俟 呼延 申屠 闻人 钟离 宗政 濮阳 太史 公羊 赫连'
  ).split(' '),
);
// Place names that open company names (无锡澄芯科技): the press drops them, and alone they name a city.
const PLACES = new Set(
  (
    '中国 北京 上海 天津 重庆 深圳 广州 杭州 苏州 无锡 南京 武汉 成都 西安 合肥 厦门 青岛 宁波 珠海 东莞 佛山 ' +
    '长沙 郑州 济南 大连 沈阳 哈尔滨 长春 福州 昆明 南昌 石家庄 太原 贵阳 南宁 兰州 常州 中山 绍兴 嘉兴 温州 ' +
    '烟台 泉州 香港 澳门 台湾 台北 新竹 江苏 浙江 广东 山东 河南 河北 湖南 湖北 四川 福建 安徽 江西 辽宁 吉林 ' +
    '黑龙江 陕西 山西 云南 贵州 广西 内蒙古 新疆 西藏 甘肃 青海 宁夏 海南'
  ).split(' '),
);
const PLACE_UNITS = ['市', '省'];
/** Company-name suffixes (simplified, as normalizeText leaves them), with the English word the press uses. */
const COMPANY_SUFFIXES: readonly (readonly [string, string | null])[] = [
  ['股份有限公司', null], ['有限责任公司', null], ['有限公司', null], ['公司', null], ['股份', null],
  ['集团', 'Group'], ['控股', 'Holdings'], ['科技', 'Technology'], ['技术', 'Technology'],
  ['精密', 'Precision'], ['数据', 'Data'], ['微电子', 'Microelectronics'], ['电子', 'Electronics'],
  ['半导体', 'Semiconductor'], ['信息', 'Information'], ['网络', 'Network'], ['软件', 'Software'],
  ['智能', 'Intelligent'], ['生物', 'Biotech'], ['医药', 'Pharmaceutical'], ['制药', 'Pharmaceutical'],
  ['汽车', 'Auto'], ['新能源', 'New Energy'], ['能源', 'Energy'], ['材料', 'Materials'],
  ['通信', 'Communications'], ['工业', 'Industrial'], ['实业', 'Industrial'], ['银行', 'Bank'],
  ['国际', 'International'], ['贸易', 'Trading'],
];
// Japanese company forms: their names are not read in pinyin.
const JAPANESE_COMPANY_MARKERS = ['株式会社', '有限会社', '合同会社', '製作所'];

const syllableCache = new Map<string, string | null>();

function syllableOf(ch: string): string | null {
  let cached = syllableCache.get(ch);
  if (cached === undefined) {
    const read = HAN_CHAR.test(ch) ? pinyin(ch, { toneType: 'none', v: true }) : '';
    cached = LOWER_ASCII.test(read) ? read : null;
    syllableCache.set(ch, cached);
  }
  return cached;
}

/**
 * Pinyin of each Han character of `text` (lowercase, toneless, ü as v), null for anything else; one entry
 * per code point. Readings are per character (the most common one), cached for the process.
 */
export function hanSyllables(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const ch of text) out.push(syllableOf(ch));
  return out;
}

/** Readings of a run of Han text in its word context (重庆 -> chong qing, 厦门 -> xia men); null when a character has none. */
export function hanWordSyllables(han: string): string[] | null {
  return readingsOf(han, false);
}

/** Readings of a run of Han text with pinyin-pro's word context; null when a character has none. */
function readingsOf(han: string, surname: boolean): string[] | null {
  const read = pinyin(han, {
    toneType: 'none',
    v: true,
    type: 'array',
    ...(surname ? { mode: 'surname' as const, surname: 'head' as const } : {}),
  });
  return read.length === [...han].length && read.every((s) => LOWER_ASCII.test(s)) ? read : null;
}

export interface HanPersonName {
  surname: string;
  given: string;
}

/**
 * Surname and given name of a Chinese person written in Han characters: one- or two-character surname and
 * a one- or two-character given name. Null for other shapes (four characters without a compound surname
 * are more likely Japanese: 遠藤涼太).
 */
export function splitHanPersonName(name: string): HanPersonName | null {
  const han = normalizeText(name).replace(SPACES, '');
  if (!ALL_HAN.test(han) || KANA.test(name)) return null;
  const chars = [...han];
  const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  const givenLength = chars.length - surnameLength;
  if (givenLength < 1 || givenLength > 2) return null;
  return { surname: chars.slice(0, surnameLength).join(''), given: chars.slice(surnameLength).join('') };
}

const surnameCache = new Map<string, string[] | null>();

/**
 * Pinyin syllables of a Han person's surname (in pinyin-pro's surname mode: 单 is shan, 曾 is zeng) and
 * given name (each character's common reading, cached: a given name is no word to read in context).
 */
export function hanPersonSyllables(name: string): { surname: string[]; given: string[] } | null {
  const parts = splitHanPersonName(name);
  if (!parts) return null;
  let surname = surnameCache.get(parts.surname);
  if (surname === undefined) {
    surname = readingsOf(parts.surname, true);
    surnameCache.set(parts.surname, surname);
  }
  const given = hanSyllables(parts.given);
  return surname && given.every((s) => s !== null) ? { surname, given: given as string[] } : null;
}

export interface HanCompanyCore {
  /** Pinyin of the distinctive part (澄芯 -> cheng xin). */
  syllables: string[];
  /** English for the descriptive word right after it (科技 -> Technology), if any. */
  english: string | null;
  /** The distinctive part is itself a place name (上海银行): its bare pinyin would match every story about the city. */
  isPlace: boolean;
}

/**
 * The distinctive part of a Chinese company name, without place prefixes and legal or descriptive
 * suffixes (无锡澄芯科技有限公司 -> 澄芯, english Technology). Null for Japanese names and names that are
 * not all Han.
 */
export function hanCompanyCore(name: string): HanCompanyCore | null {
  if (KANA.test(name) || JAPANESE_COMPANY_MARKERS.some((m) => name.includes(m))) return null;
  let core = normalizeText(name).replace(BRACKETED, '').replace(SPACES, '');
  if (!ALL_HAN.test(core)) return null;
  let english: string | null = null;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [suffix, en] of COMPANY_SUFFIXES) {
      if (core.endsWith(suffix) && core.length - suffix.length >= 2) {
        core = core.slice(0, -suffix.length);
        english = en ?? english;
        changed = true;
      }
    }
    const place = placePrefixLength(core);
    if (place > 0) {
      core = core.slice(place);
      changed = true;
    }
  }
  const syllables = readingsOf(core, false);
  return syllables ? { syllables, english, isPlace: PLACES.has(core) } : null;
}

/** Length of a leading place name (with 市/省) when at least two characters remain after it. */
function placePrefixLength(core: string): number {
  for (let len = 3; len >= 2; len--) {
    if (!PLACES.has(core.slice(0, len))) continue;
    const withUnit = PLACE_UNITS.includes(core[len]!) ? len + 1 : len;
    if (core.length - withUnit >= 2) return withUnit;
  }
  return 0;
}

/** True when a Chinese name ends as companies' names do (科技, 有限公司, 精密 …): not a person's. */
export function hasCompanySuffix(name: string): boolean {
  const n = normalizeText(name).replace(SPACES, '');
  return COMPANY_SUFFIXES.some(([suffix]) => n.endsWith(suffix) && n.length > suffix.length);
}
