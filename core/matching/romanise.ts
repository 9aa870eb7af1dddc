// Pinyin syllables and Wade-Giles spellings, so a Chinese name typed in one romanisation finds the others.

/** Toneless Hanyu Pinyin syllables (ü as v; "lue"/"nue" are the common spellings of lüe/nüe). */
const PINYIN_SYLLABLES = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ' +
    'ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai ' +
    'chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo ' +
    'da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo ' +
    'e ei en eng er fa fan fang fei fen feng fo fou fu ' +
    'ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ' +
    'ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ' +
    'ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ' +
    'ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo ' +
    'la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve lue ' +
    'ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu ' +
    'na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve nue ' +
    'o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu ' +
    'qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ' +
    'ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo ' +
    'sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai ' +
    'shuan shuang shui shun shuo si song sou su suan sui sun suo ' +
    'ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo ' +
    'wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ' +
    'ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun ' +
    'za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu ' +
    'zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);
const LONGEST_SYLLABLE = 6; // chuang, shuang, zhuang

/** Word separators inside a romanised name: spaces, hyphens, apostrophes (Xi'an). */
const PINYIN_SEPARATORS = /[\s\-'’]+/u;
const U_DIAERESIS = /u\u0308/g;
const MARKS = /\p{M}+/gu;
const LOWER_ASCII = /^[a-z]+$/;

/**
 * Pinyin writes an apostrophe before a/o/e inside a word (Xi'an), so an unmarked word never has a syllable
 * starting with a vowel after its first: "Lee" is not le-e, "Mia" is not mi-a. This rule is what keeps
 * most Western names out.
 */
function segmentWord(word: string, start: number, out: string[], failed: Set<number>): boolean {
  if (start === word.length) return true;
  if (failed.has(start)) return false;
  for (let len = Math.min(LONGEST_SYLLABLE, word.length - start); len >= 1; len--) {
    const syllable = word.slice(start, start + len);
    if (!PINYIN_SYLLABLES.has(syllable)) continue;
    if (start > 0 && 'aoe'.includes(syllable[0]!)) continue;
    out.push(syllable);
    if (segmentWord(word, start + len, out, failed)) return true;
    out.pop();
  }
  failed.add(start);
  return false;
}

/**
 * Splits a romanised word or name into pinyin syllables when every part is toneless pinyin
 * ("Xu Zhenyu" -> xu zhen yu, "Jia-hao" -> jia hao); null otherwise ("Okafor"). Tone marks are ignored,
 * ü is read as v. Longest syllable first, backtracking when the rest does not split.
 */
export function splitPinyin(name: string): string[] | null {
  const plain = name.normalize('NFD').toLowerCase().replace(U_DIAERESIS, 'v').replace(MARKS, '');
  const out: string[] = [];
  for (const part of plain.split(PINYIN_SEPARATORS)) {
    if (part === '') continue;
    if (!LOWER_ASCII.test(part) || !segmentWord(part, 0, out, new Set())) return null;
  }
  return out.length > 0 ? out : null;
}

// Pinyin initial -> Wade-Giles initial; the apostrophe marks aspiration, which pinyin shows by letter choice.
const WG_INITIALS: readonly (readonly [string, string])[] = [
  ['zh', 'ch'], ['ch', "ch'"], ['sh', 'sh'],
  ['b', 'p'], ['p', "p'"], ['m', 'm'], ['f', 'f'], ['d', 't'], ['t', "t'"], ['n', 'n'], ['l', 'l'],
  ['g', 'k'], ['k', "k'"], ['h', 'h'], ['j', 'ch'], ['q', "ch'"], ['x', 'hs'], ['r', 'j'],
  ['z', 'ts'], ['c', "ts'"], ['s', 's'],
];
// Syllables Wade-Giles spells as a whole rather than initial + final.
const WG_WHOLE = new Map<string, string>([
  ['zhi', 'chih'], ['chi', "ch'ih"], ['shi', 'shih'], ['ri', 'jih'], ['zi', 'tzu'], ['ci', "tz'u"], ['si', 'ssu'],
  ['e', 'o'], ['er', 'erh'], ['yi', 'i'], ['ye', 'yeh'], ['yan', 'yen'], ['you', 'yu'], ['yong', 'yung'],
  ['yu', 'yü'], ['yue', 'yüeh'], ['yuan', 'yüan'], ['yun', 'yün'],
]);
// Finals that change whatever the initial (u after j/q/x and v after l/n are ü: handled before these).
const WG_FINALS = new Map<string, string>([
  ['ong', 'ung'], ['iong', 'iung'], ['ian', 'ien'], ['ie', 'ieh'], ['ue', 'üeh'], ['ve', 'üeh'], ['v', 'ü'],
]);

/**
 * The Wade-Giles spelling of one toneless pinyin syllable, with aspiration apostrophes and ü
 * ("qing" -> "ch'ing", "xu" -> "hsü", "xie" -> "hsieh"). Unknown input is returned unchanged.
 */
export function wadeGiles(syllable: string): string {
  const whole = WG_WHOLE.get(syllable);
  if (whole !== undefined) return whole;
  const entry = WG_INITIALS.find(([initial]) => syllable.startsWith(initial));
  if (!entry) return syllable; // a, ai, wu, wei ...: the same in both systems
  const [initial, wgInitial] = entry;
  let final = syllable.slice(initial.length);
  if ('jqx'.includes(initial) && final.startsWith('u')) final = 'ü' + final.slice(1);
  if (final === 'üe') final = 'üeh';
  else if (final === 'e' && 'gkh'.includes(initial)) final = 'o'; // ge -> ko, he -> ho, ke -> k'o
  else if (final === 'ui' && 'gk'.includes(initial)) final = 'uei'; // gui -> kuei
  else if (final === 'uo' && !['g', 'k', 'h', 'sh'].includes(initial)) final = 'o'; // duo -> to, zuo -> tso
  else final = WG_FINALS.get(final) ?? final;
  return wgInitial + final;
}

const WG_SIMPLIFY = /['ü]/g;

/** Wade-Giles as it survives normalization: apostrophes split tokens and ü folds to u, so both are dropped. */
export function plainWadeGiles(syllable: string): string {
  return wadeGiles(syllable).replace(WG_SIMPLIFY, (ch) => (ch === 'ü' ? 'u' : ''));
}
