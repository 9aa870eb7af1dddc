// Where a court sits, across languages: "Munich I Regional Court", "Landgericht München I", "un tribunal de
// Munich" and "Tribunal Regional Superior de Múnich" sit in one city; so do "Suwon District Court", 수원지법
// and 수원고법, and "Tokyo District Court" and 東京地裁. A court report that names nobody ("Timo R.", "A씨")
// often names its court only this way, in the story's own language. Chinese courts are compared by their
// names in both scripts instead (`courtForms.ts`).
import { romanize } from 'es-hangul';
import { extractCourts } from '../timeline/facts.ts';

export interface CourtPlace {
  /** The city, folded: lower case, no diacritics, in its English name ("munich", "suwon", "tokyo"). */
  place: string;
  /** Courts of a kind other than general hear only their own disputes: a labour court's ruling is not the commercial suit's. */
  kind: 'labour' | 'social' | 'tax' | 'bankruptcy' | 'administrative' | 'family' | 'general';
  /** The court as the text names it. */
  text: string;
}

/**
 * The seats of Japan's fifty district courts (the high courts sit in eight of them), in characters and in
 * Hepburn without long-vowel marks, as English court names write them.
 */
const JAPANESE_SEATS: ReadonlyMap<string, string> = new Map([
  ['東京', 'tokyo'], ['横浜', 'yokohama'], ['さいたま', 'saitama'], ['千葉', 'chiba'], ['水戸', 'mito'],
  ['宇都宮', 'utsunomiya'], ['前橋', 'maebashi'], ['静岡', 'shizuoka'], ['甲府', 'kofu'], ['長野', 'nagano'],
  ['新潟', 'niigata'], ['大阪', 'osaka'], ['京都', 'kyoto'], ['神戸', 'kobe'], ['奈良', 'nara'], ['大津', 'otsu'],
  ['和歌山', 'wakayama'], ['名古屋', 'nagoya'], ['津', 'tsu'], ['岐阜', 'gifu'], ['福井', 'fukui'], ['金沢', 'kanazawa'],
  ['富山', 'toyama'], ['広島', 'hiroshima'], ['山口', 'yamaguchi'], ['岡山', 'okayama'], ['鳥取', 'tottori'],
  ['松江', 'matsue'], ['福岡', 'fukuoka'], ['佐賀', 'saga'], ['長崎', 'nagasaki'], ['大分', 'oita'], ['熊本', 'kumamoto'],
  ['鹿児島', 'kagoshima'], ['宮崎', 'miyazaki'], ['那覇', 'naha'], ['仙台', 'sendai'], ['福島', 'fukushima'],
  ['山形', 'yamagata'], ['盛岡', 'morioka'], ['秋田', 'akita'], ['青森', 'aomori'], ['札幌', 'sapporo'],
  ['函館', 'hakodate'], ['旭川', 'asahikawa'], ['釧路', 'kushiro'], ['高松', 'takamatsu'], ['徳島', 'tokushima'],
  ['高知', 'kochi'], ['松山', 'matsuyama'],
]);

/**
 * Cities with a court whose name differs between English, German, French, Spanish and Italian (folded), to
 * their English name. A city spelt alike in all of them but for accents (Düsseldorf, Málaga) needs no entry.
 */
const EXONYMS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['munich', 'munchen', 'munchens', 'monaco di baviera'],
      ['cologne', 'koln', 'colonia'],
      ['nuremberg', 'nurnberg', 'nuremberga'],
      ['vienna', 'wien', 'vienne', 'viena'],
      ['brussels', 'bruxelles', 'brussel', 'bruselas', 'bruxelas', 'bruxelle'],
      ['the hague', 'hague', 'den haag', 'la haye', 'la haya', "'s-gravenhage", 'l aia'],
      ['geneva', 'geneve', 'genf', 'ginebra', 'ginevra'],
      ['zurich', 'zuerich', 'zurigo'],
      ['basel', 'bale', 'basilea'],
      ['luxembourg', 'luxemburg', 'luxemburgo', 'lussemburgo'],
      ['strasbourg', 'strassburg', 'estrasburgo', 'strasburgo'],
      ['frankfurt', 'francfort', 'francfort-sur-le-main', 'frankfurt am main', 'francoforte', 'francfort sur le main'],
      ['hamburg', 'hambourg', 'hamburgo', 'amburgo'],
      ['milan', 'milano', 'mailand', 'milan'],
      ['turin', 'torino', 'turin'],
      ['rome', 'roma', 'rom'],
      ['florence', 'firenze', 'florenz', 'florencia'],
      ['naples', 'napoli', 'neapel', 'napoles'],
      ['venice', 'venezia', 'venedig', 'venise', 'venecia'],
      ['lisbon', 'lisboa', 'lissabon', 'lisbonne'],
      ['london', 'londres', 'londra'],
      ['edinburgh', 'edimbourg', 'edimburgo'],
      ['dublin', 'dublino'],
      ['copenhagen', 'kobenhavn', 'kopenhagen', 'copenhague'],
      ['warsaw', 'warszawa', 'warschau', 'varsovie', 'varsovia', 'varsavia'],
      ['prague', 'praha', 'prag', 'praga'],
      ['athens', 'athina', 'athen', 'athenes', 'atenas', 'atene'],
      ['moscow', 'moskva', 'moskau', 'moscou', 'moscu', 'mosca'],
      ['antwerp', 'antwerpen', 'anvers', 'amberes', 'anversa'],
      ['ghent', 'gent', 'gand', 'gante'],
      ['seville', 'sevilla', 'sevilla', 'siviglia'],
      ['saragossa', 'zaragoza', 'saragosse'],
      ['la coruna', 'a coruna', 'la corogne'],
      ['beijing', 'peking', 'pekin'],
      ['tokyo', 'tokio'],
      ['seoul', 'seoul', 'seul'],
      ['new york', 'nueva york'],
      ['mexico city', 'ciudad de mexico', 'mexiko-stadt'],
    ] as const
  ).flatMap(([english, ...others]) => [english, ...others].map((name) => [name, english] as [string, string])),
);

const MARKS = /\p{M}/gu;

/** A city's name folded and in English: "München" and "Múnich" are "munich", "Köln" is "cologne". */
export function foldPlace(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return EXONYMS.get(folded) ?? folded;
}

/** Courts that hear one kind of dispute, by words of their names in the seven languages (and German abbreviations). */
const KINDS: readonly [CourtPlace['kind'], RegExp][] = [
  ['labour', /arbeitsgericht|\b(?:ArbG|LAG|BAG)\b|labou?r|employment|prud['’]?hom|tribunal du travail|\blo social|労働|노동/iu],
  ['social', /sozialgericht|\b(?:SG|LSG|BSG)\b|social security/iu],
  ['tax', /finanzgericht|\b(?:FG|BFH)\b|\btax\b|tributari|租税|조세/iu],
  ['bankruptcy', /bankruptcy|insolvenz|faillite|concursal|破産|회생/iu],
  ['administrative', /verwaltungsgericht|\b(?:VG|OVG|VGH|BVerwG)\b|administrati|contencioso|行政|행정/iu],
  ['family', /familiengericht|family|famille|familia|家庭|家裁|가정/iu],
];

function kindOf(name: string): CourtPlace['kind'] {
  return KINDS.find(([, words]) => words.test(name))?.[0] ?? 'general';
}

const CAPITAL_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
/** Words that name a kind of court, never where it sits ("Supreme Court", "a Federal court"). */
const NOT_A_PLACE = new Set([
  'district', 'high', 'supreme', 'appeals', 'appeal', 'appellate', 'circuit', 'federal', 'county', 'superior',
  'municipal', 'crown', 'family', 'commercial', 'regional', 'state', 'city', 'the', 'a', 'an', 'labor', 'labour',
  'patent', 'criminal', 'civil', 'local', 'us', 'u.s', 'u.s.', 'bankruptcy', 'tax', 'trade', 'intermediate',
  'provincial', 'constitutional', 'administrative', 'employment', 'magistrates', 'chancery', 'peoples', "people's",
  'central', 'eastern', 'western', 'southern', 'northern', 'justice', 'european', 'international', 'intellectual',
  'property', 'internet', 'maritime', 'higher', 'bezirksgericht',
]);

// The patterns of `placeOf`, built once (it runs for every court a candidate story names).
const KOREAN_COURT = /(\p{Script=Hangul}{1,4}?)(?:중앙|동부|서부|남부|북부)?(?:지방법원|고등법원|가정법원|행정법원|회생법원|지법|고법)(?:\s?(\p{Script=Hangul}{1,4})지원)?/u;
const JAPANESE_COURT = /([\p{Script=Han}さいたま]{1,6})(?:地方裁判所|高等裁判所|家庭裁判所|簡易裁判所|地裁|高裁|家裁|簡裁)/u;
const GERMAN_COURT = new RegExp(String.raw`(?:gerichts?|gerichtshofs?|\b(?:LG|OLG|AG|LAG|ArbG|SG|VG|FG))\s+(${CAPITAL_WORD}(?:\s+am\s+${CAPITAL_WORD})?)`, 'u');
const ROMANCE_COURT = new RegExp(String.raw`(?:^|\s)(?:de|di|d['’])\s*(${CAPITAL_WORD}(?:[\s-](?:sur|am|de|del|la)[\s-]${CAPITAL_WORD})?)\s*$`, 'u');
const COURT_IN = new RegExp(String.raw`\b[Cc]ourt\s+(?:in|of|for)\s+(?:the\s+)?(${CAPITAL_WORD}(?:\s+(?:of\s+)?${CAPITAL_WORD}){0,4})\s*$`, 'u');
const BEFORE_COURT = /^(.*?)\s+[Cc]ourt\b/u;
const CAPITALISED = new RegExp(String.raw`^${CAPITAL_WORD}$`, 'u');

/** Where a court named in English, German, French, Spanish, Italian, Japanese or Korean sits; null for a Chinese name. */
function placeOf(name: string): string | null {
  let m: RegExpMatchArray | null;
  // 수원지방법원, 수원지법, 서울중앙지법 (the central court of Seoul), 대전지방법원 천안지원 (a branch: the branch's town).
  if ((m = name.match(KOREAN_COURT))) {
    return romanize(m[2] ?? m[1]!);
  }
  if ((m = name.match(JAPANESE_COURT))) {
    // The seat is the end of the characters before the kind (the reader may take a word before it along).
    const before = m[1]!;
    for (let n = Math.min(4, before.length); n >= 1; n--) {
      const seat = JAPANESE_SEATS.get(before.slice(-n));
      if (seat) return seat;
    }
    return null;
  }
  if (/\p{Script=Han}/u.test(name)) return null;
  // Landgericht München I, Landgerichts München I, OLG München, LG Köln.
  if ((m = name.match(GERMAN_COURT))) {
    return foldPlace(m[1]!);
  }
  // tribunal de commerce de Nantes, cour d'appel de Rennes, Tribunal Regional Superior de Múnich, Juzgado … de Madrid,
  // Tribunale di Milano.
  if ((m = name.match(ROMANCE_COURT))) {
    return foldPlace(m[1]!);
  }
  // "court in Seattle", "court of Munich", "U.S. District Court for the Middle District of North Carolina".
  if ((m = name.match(COURT_IN))) {
    return NOT_A_PLACE.has(m[1]!.toLowerCase()) ? null : foldPlace(m[1]!);
  }
  // Munich I Regional Court, New York Supreme Court, The Hague District Court, "a Munich court": the first run of
  // capitalised words before "Court" that name no kind of court.
  if ((m = name.match(BEFORE_COURT))) {
    const words = m[1]!.trim().split(/\s+/).filter((w) => !/^[IVX]{1,4}$/.test(w));
    while (words.length && /^(?:the|a|an)$/i.test(words[0]!)) words.shift();
    const run: string[] = [];
    for (const w of words) {
      if (CAPITALISED.test(w) && !NOT_A_PLACE.has(w.toLowerCase())) run.push(w);
      else if (run.length) break;
    }
    return run.length > 0 ? foldPlace(run.join(' ')) : null;
  }
  return null;
}

/** Courts the timeline's court reader misses: "un tribunal de Munich", "a court in Munich", "a Munich court". */
const PLAIN_COURTS = new RegExp(
  [
    String.raw`\b[Tt]ribunale?(?:\s+[\p{L}]+){0,3}?\s+(?:de|di|d['’])\s*${CAPITAL_WORD}`,
    String.raw`\b(?:[Jj]uzgado|[Aa]udiencia)(?:\s+[\p{L}.º°]+){0,5}?\s+de\s+${CAPITAL_WORD}`,
    String.raw`\b[\p{Lu}][\p{Ll}]*gerichts(?:hofs)?\s+${CAPITAL_WORD}`,
    // German abbreviations the timeline's reader does not take (not AG, which ends company names).
    String.raw`\b(?:ArbG|LAG|SG|VG|FG)\s+${CAPITAL_WORD}`,
    String.raw`\bcourts?\s+(?:in|of)\s+${CAPITAL_WORD}(?:\s+${CAPITAL_WORD}){0,2}`,
    // "a Munich court", "a New York court"; not "A court in Munich", which the line above reads.
    String.raw`\b${CAPITAL_WORD}(?:\s+${CAPITAL_WORD}){0,2}\s+court\b(?!\s+(?:in|of)\b)`,
  ].join('|'),
  'gu',
);
const MAY_NAME_A_COURT = /[Tt]ribunal|[Jj]uzgado|[Aa]udiencia|gericht|\b(?:LG|OLG|ArbG|LAG|SG|VG|FG)\b|[Cc]our|법원|지법|고법|裁/;

/**
 * Each named court with its city and kind, once per city and kind (unknown cities left out): a labour court and the
 * regional court of one city are two.
 */
function placesOf(names: readonly string[]): CourtPlace[] {
  const out: CourtPlace[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const place = placeOf(name);
    const kind = kindOf(name);
    if (place && !out.some((c) => c.place === place && c.kind === kind)) out.push({ place, kind, text: name });
  }
  return out;
}

/** The courts a text names, each with the city it sits in (none for a court whose city is unknown). */
export function courtPlacesIn(text: string): CourtPlace[] {
  if (!MAY_NAME_A_COURT.test(text)) return [];
  return placesOf([...extractCourts(text), ...[...text.matchAll(PLAIN_COURTS)].map((m) => m[0])]);
}

/** The cities of a case's courts, from their names as the user or the summary gave them. */
export function caseCourtPlaces(names: readonly string[]): CourtPlace[] {
  return placesOf(names);
}

/**
 * The story's court that sits where one of the case's does, and hears the same kind of dispute: the case's
 * court itself in another language, or the court of its appeal or of the criminal case beside it.
 */
export function sameCourtPlace(ours: readonly CourtPlace[], theirs: readonly CourtPlace[]): { story: CourtPlace; ours: CourtPlace } | null {
  for (const t of theirs) {
    const o = ours.find((c) => c.place === t.place && c.kind === t.kind);
    if (o) return { story: t, ours: o };
  }
  return null;
}
