// Finds court case numbers in story text and keys them so that one number written two ways compares equal.

/**
 * Each pattern needs either a marker ("Az.", "No.", "RG") or a shape nothing else has (a year in brackets
 * before a court code and 号, "1:24-cv-…", a Korean case-type syllable between year and serial), so dates,
 * phone numbers and "123/24 pieces" stay out. Patterns run on NFKC text: full-width digits and brackets
 * are then ASCII, and keys never depend on which width a site used.
 */
/** Chinese: (year), court code, case-type characters (民初, 知民终, 执 ...), serial, 号. */
const CN_TYPE = '[民刑行执知破赔保督催商协财申诉]';
const CHINESE = new RegExp(
  String.raw`\(\s*((?:19|20)\d{2})\s*\)\s*(\p{Script=Han}{1,8}?)\s*(\d{0,6})\s*((?:(?![年第])\p{Script=Han}){0,4}?${CN_TYPE}(?:(?![年第])\p{Script=Han}){0,3}?)\s*(\d{1,7})\s*号`,
  'gu',
);
/** US federal: division, year, case type, serial, optional judge initials ("3:23-cr-00123-JD"). */
const US_TYPES = 'cv|cr|mc|md|mj|bk|ap|po|sw|cm|dp';
const US = new RegExp(String.raw`(?<![\d:])(?:(\d{1,2}):)?(\d{2})-(${US_TYPES})-(\d{1,6})(?![\d])`, 'giu');
/** German: register letters between chamber and serial; "Az."/"Aktenzeichen" optional only for civil registers. */
const DE_REGISTER = String.raw`(?:HK\s?O|KZR|ZR|ZB|O|U|S|C|W|Ca|Sa|Kart)`;
const GERMAN = new RegExp(
  String.raw`(?:(?:\bAz\.?|\bAktenzeichen)\s*:?\s*((?:[IVX]{1,4}|\d{1,3}(?:-\d{1,3})?)\s+${DE_REGISTER}\s+\d{1,6}\s*/\s*\d{2})|(?<![\p{L}\d/-])(\d{1,3}(?:-\d{1,3})?\s+(?:HK\s?O|O|U|ZR|KZR)\s+\d{1,6}\s*/\s*\d{2}))(?![\d/])`,
  'gu',
);
/** Japanese: era, year, case-type kana in brackets, serial ("令和5年(ワ)第1234号"). */
const JAPANESE = /(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*\(\s*([\p{Script=Katakana}\p{Script=Hiragana}\p{Script=Han}]{1,3})\s*\)\s*第?\s*(\d{1,7})\s*号/gu;
/** Korean: year, a case-type code from the court's list, serial ("2024가합12345", "2024나5678"). */
const KO_TYPES = '가합|가단|가소|가기|카합|카단|카기|구합|구단|고합|고단|고정|노|나|다|도|두|누|라|마|머|허|후|그|재나|재다';
const KOREAN = new RegExp(String.raw`(?<!\d)((?:19|20)\d{2})(${KO_TYPES})\s?(\d{1,7})(?![\d\p{Script=Hangul}])`, 'gu');
/** French: "RG" marker, two-digit year, serial ("RG n° 23/01234"). */
const FRENCH = /\bRG\s*(?:n\s?[°o]\.?|no\.?|num[ée]ro)?\s*:?\s*(\d{2})\s*\/\s*(\d{1,6})(?![\d/])/giu;

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Each number as a key, in order of appearance and once each. */
export function extractCaseNumbers(text: string): string[] {
  // Runs of whitespace as one space: several optional `\s*` in a row would otherwise backtrack on a long run.
  const t = text.normalize('NFKC').replace(/\s+/g, ' ');
  const found: { index: number; key: string }[] = [];
  const add = (re: RegExp, key: (m: RegExpMatchArray) => string) => {
    for (const m of t.matchAll(re)) found.push({ index: m.index ?? 0, key: key(m) });
  };
  add(CHINESE, (m) => `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}号`);
  add(US, (m) => `${m[1] ? `${m[1]}:` : ''}${m[2]}-${m[3]!.toLowerCase()}-${m[4]!.padStart(5, '0')}`);
  add(GERMAN, (m) => squeeze((m[1] ?? m[2]!).replace(/\s*\/\s*/, '/').replace(/HK\s?O/i, 'HK O')).toLowerCase());
  add(JAPANESE, (m) => `${m[1]}${m[2] === '元' ? '1' : Number(m[2])}年(${m[3]})第${Number(m[4])}号`);
  add(KOREAN, (m) => `${m[1]}${m[2]}${m[3]}`);
  add(FRENCH, (m) => `rg ${m[1]}/${m[2]!.padStart(5, '0')}`);
  const keys: string[] = [];
  for (const f of found.sort((a, b) => a.index - b.index)) if (!keys.includes(f.key)) keys.push(f.key);
  return keys;
}
