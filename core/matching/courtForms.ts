// A Chinese court named in English and in characters: "Beijing Intellectual Property Court" is 北京知识产权法院
// (also 北京知产法院), "Haidian District People's Court" is 海淀区人民法院 (海淀法院), "Suzhou Intermediate
// People's Court" is 苏州市中级人民法院 (苏州中院). The place is the same word in pinyin and in characters, the
// kind of court is a fixed translation: a court the user wrote in English is looked for in Han text as pinyin
// syllables, and one written in characters gets its English name.
import { hanWordSyllables } from './hanNames.ts';
import { hanSyllables, pinyinWord, splitPinyin } from './variants.ts';

export interface CourtForms {
  /** Pinyin-syllable token sequences ('~bei ~jing ~zhi …') of the court's Chinese names. */
  pinyin: string[][];
  /** Chinese names in characters, for a place the syllable scan reads otherwise (重庆: see `READ_OTHERWISE`). */
  han: string[];
  /** English names of a court written in characters. */
  english: string[];
}

interface CourtKind {
  /** The English kind at the end of a court's name (lower case, apostrophes removed). */
  en: RegExp;
  english: string;
  /** Its Chinese forms, the full one first. */
  zh: readonly string[];
}

const KINDS: readonly CourtKind[] = [
  { en: /\s(?:intellectual property|ip) court$/, english: 'Intellectual Property Court', zh: ['知识产权法院', '知产法院'] },
  { en: /\sintermediate (?:peoples )?court$/, english: "Intermediate People's Court", zh: ['中级人民法院', '中院'] },
  { en: /\s(?:higher|high) peoples court$/, english: "Higher People's Court", zh: ['高级人民法院', '高院'] },
  { en: /\sinternet court$/, english: 'Internet Court', zh: ['互联网法院'] },
  { en: /\speoples court$/, english: "People's Court", zh: ['人民法院', '法院'] },
];

/** Administrative words between a place and the court, in English and as characters. */
const ADMIN: readonly { en: RegExp; zh: string; english: string }[] = [
  { en: /\sdistrict$/, zh: '区', english: 'District' },
  { en: /\scounty$/, zh: '县', english: 'County' },
  { en: /\scity$/, zh: '市', english: 'City' },
];

/**
 * Places whose characters the story scan, reading each character alone, reads otherwise than their name
 * (重 zhong, 厦 sha, 都 dou, 莞 wan): found by comparing that reading with the place's pinyin over the seats of
 * China's higher and larger intermediate courts and some districts. A court there is looked for in characters.
 */
const READ_OTHERWISE: ReadonlyMap<string, string> = new Map([
  ['chongqing', '重庆'],
  ['chengdu', '成都'],
  ['xiamen', '厦门'],
  ['dongguan', '东莞'],
  ['bengbu', '蚌埠'],
  ['luan', '六安'],
  ['panyu', '番禺'],
  ['dujiangyan', '都江堰'],
]);

const syllablesOf = (han: string): string[] | null => {
  const s = hanSyllables(han);
  return s.every((x) => x !== null) ? (s as string[]) : null;
};

/** Chinese forms of a court written in English; none unless its place is all pinyin. */
function fromEnglish(name: string): { pinyin: string[][]; han: string[] } {
  // "People's" loses its apostrophe; a syllable break stays ("Xi'an").
  const plain = name.toLowerCase().replace(/peoples?[’']s?\b/g, 'peoples').replace(/\s+/g, ' ').trim();
  const kind = KINDS.find((k) => k.en.test(plain));
  if (!kind) return { pinyin: [], han: [] };
  let place = plain.replace(kind.en, '');
  let admin: string | null = null;
  for (const a of ADMIN) {
    if (!a.en.test(place)) continue;
    admin = a.zh;
    place = place.replace(a.en, '');
    break;
  }
  place = place.replace(/^the\s/, '');
  // "Beijing Haidian": a city and its district, named by the district alone too (海淀区人民法院), which a
  // pattern finds inside 北京市海淀区人民法院 as well.
  const words = place.split(' ');
  const out: string[][] = [];
  const han: string[] = [];
  for (const p of words.length > 1 && splitPinyin(place) ? [words.at(-1)!] : [place]) {
    const placeSyllables = splitPinyin(p);
    // One syllable ("Xi") is no place name to go by.
    if (!placeSyllables || placeSyllables.length < 2) continue;
    const inCharacters = READ_OTHERWISE.get(placeSyllables.join(''));
    // Short forms (海淀法院, 苏州中院) go without 市.
    const names = kind.zh.flatMap((zh) => (admin ? [admin, ''] : ['', '市']).filter((a) => a !== '市' || zh === kind.zh[0]).map((a) => a + zh));
    for (const zh of names) {
      const syllables = syllablesOf(zh);
      if (syllables) out.push([...placeSyllables, ...syllables]);
      if (inCharacters) han.push(inCharacters + zh);
    }
  }
  return { pinyin: out, han };
}

const HAN_PLACE = /^\p{Script=Han}{2,}$/u;

/** English names of a court written in characters; none unless it ends in a known kind and has a place. */
function fromChinese(name: string): string[] {
  const kind = KINDS.find((k) => k.zh.some((zh) => name.endsWith(zh)));
  if (!kind) return [];
  const zh = kind.zh.find((z) => name.endsWith(z))!;
  // The places before the kind: 北京市海淀区 -> 北京 (市), 海淀 (区).
  const parts = [...name.slice(0, -zh.length).matchAll(/(\p{Script=Han}+?)(省|市|区|县)|(\p{Script=Han}+)$/gu)].map((m) => ({
    han: m[1] ?? m[3]!,
    admin: m[2] ?? '',
  }));
  if (parts.length === 0 || !parts.every((p) => HAN_PLACE.test(p.han))) return [];
  const names = parts.map((p) => {
    const s = hanWordSyllables(p.han);
    // Pinyin marks a syllable that starts with a vowel after another with an apostrophe: Xi'an, not Xian.
    return s ? { place: pinyinWord(s.map((x, i) => (i > 0 && /^[aoe]/.test(x) ? `'${x}` : x))), admin: ADMIN.find((a) => a.zh === p.admin && a.zh !== '市')?.english ?? '' } : null;
  });
  if (names.some((n) => n === null)) return [];
  const last = names.at(-1)!;
  // 海淀法院: a district or a county? English names say which, and a guess would name no court.
  if (kind.zh[0] === '人民法院' && !last.admin) return [];
  const lastName = [last.place, last.admin].filter(Boolean).join(' ');
  const full = names.map((n) => [n!.place, n!.admin].filter(Boolean).join(' ')).join(' ');
  return [...new Set([`${lastName} ${kind.english}`, `${full} ${kind.english}`])];
}

/** The other-script names of one of the case's courts. */
export function courtForms(name: string): CourtForms {
  return /\p{Script=Han}/u.test(name) ? { pinyin: [], han: [], english: fromChinese(name.trim()) } : { ...fromEnglish(name), english: [] };
}
