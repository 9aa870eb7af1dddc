// Pulls the facts a timeline entry shows at a glance out of story text: sums of money and court names.
export { extractAmounts, parseNumber, sameAmount, SAME_AMOUNT_TOLERANCE, type Amount, type AmountOptions } from './amounts.ts';

/** Words that make "X Court" a court's name rather than a headline's "... Tells Court". */
const COURT_TYPES = [
  'District', 'High', 'Supreme', 'Appeals?', 'Appellate', 'Circuit', 'Federal', 'County', 'Superior', 'Municipal',
  "Magistrates['’]?", 'Crown', 'Family', 'Commercial', "People['’]s", 'Internet', 'Maritime', 'Constitutional',
  'Administrative', 'Bankruptcy', 'Tax', 'Claims', 'Trade', 'Labou?r', 'Employment', 'Criminal', 'Civil',
  'Regional', 'State', 'City', 'Juvenile', 'Patent', 'Property', 'Chancery', 'Admiralty', 'Provincial',
  'Intermediate', 'Financial', 'Arbitration', 'Sheriff', 'Small Claims', 'Unified Patent', 'Specialized',
].join('|');
const CAP = String.raw`(?:U\.S\.|[\p{Lu}][\p{L}'’.-]*)`;
/** Spaces within a line only: a name never runs on from a headline into the next line. */
const SP = String.raw`[ \t\u00a0]+`;
const LINK = String.raw`(?:${SP}(?:of|for|and|&)(?:${SP}the)?)?${SP}`;
const POST = String.raw`${SP}(?:of|for)${SP}(?:the${SP})?${CAP}(?:${LINK}${CAP}){0,5}`;
const ENGLISH = new RegExp(
  String.raw`(?:${CAP}${SP}(?:(?:and|&)${SP})?){0,5}(?:${COURT_TYPES})${SP}Court\b(?:${POST})?|(?:${CAP}${SP}){0,3}Court${POST}`,
  'gu',
);
/** Leading words the capitalized run picks up that are no part of a name. */
const LEADING_NOISE =
  /^(?:(?:The|A|An|In|At|On|By|From|To|Before|After|Yesterday|Today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|[\p{L}.-]+['’]s(?=\s+\p{Lu}[\p{L}-]*\s))\s+)+/u;

const GERMAN = new RegExp(
  String.raw`(?:[\p{Lu}][\p{Ll}]+-\s+und\s+)?[\p{Lu}][\p{Ll}]*gericht(?:shof)?(?:\s+(?!(?:Das|Der|Die|Den|Dem|Des)\b)[\p{Lu}][\p{Ll}\p{Lu}]+(?:\s+[IVX]{1,4}\b)?)?|\b(?:OLG|LG|BGH)\b(?:\s+[\p{Lu}][\p{L}]+(?:\s+[IVX]{1,4}\b)?)?`,
  'gu',
);
const FRENCH = /\b(?:[Tt]ribunal|[Cc]our)\s+(?:de\s+commerce|judiciaire|administratif|correctionnel|de\s+grande\s+instance|d['’]appel|de\s+cassation|des\s+prud['’]hommes)(?:\s+(?:de\s+|d['’])[\p{Lu}][\p{L}-]+)?/gu;
const JAPANESE = /\p{Script=Han}{0,6}(?:地方|高等|簡易|家庭|最高)裁判所|\p{Script=Han}{1,4}(?:地裁|高裁|簡裁|家裁)|最高裁/gu;
/** Korean: a place (one spaced word) before the court type, full or short ("수원지방법원", "수원지법"), or 대법원. */
const KOREAN = /(?<!\p{Script=Hangul})(?:\p{Script=Hangul}{1,6}?(?:지방법원|고등법원|가정법원|행정법원|회생법원|지법|고법)(?:\s?\p{Script=Hangul}{1,4}지원)?|특허법원|대법원)/gu;
/** Spanish: "Juzgado de lo Mercantil n.º 3 de Madrid", "Audiencia Provincial de Barcelona", "Tribunal Supremo". */
const ES_PLACE = String.raw`(?:\s+de\s+\p{Lu}[\p{L}-]+)?`;
const SPANISH = new RegExp(
  [
    String.raw`\bJuzgado\s+de\s+(?:lo\s+)?(?:Mercantil|Penal|Social|Civil|Contencioso(?:-[Aa]dministrativo)?|Primera\s+Instancia(?:\s+e\s+Instrucci[óo]n)?|Instrucci[óo]n)(?:\s+(?:n\.?\s?[º°o]\.?|n[úu]m\.|n[úu]mero)\s?\d+)?${ES_PLACE}`,
    String.raw`\bAudiencia\s+(?:Provincial|Nacional)${ES_PLACE}`,
    String.raw`\bTribunal\s+(?:Supremo|Constitucional|Superior\s+de\s+Justicia${ES_PLACE})`,
  ].join('|'),
  'gu',
);

/** Characters that end a Chinese place name: prepositions, verbs and particles that precede a court. */
const CN_STOP = '向在由经于到至被对将的是和与及日称据后今近曾已为从把让请等了并也都就还又因以其该此名诉告判审起';
const PLACE = String.raw`(?:(?![${CN_STOP}])\p{Script=Han})`;
const CHINESE = new RegExp(
  [
    String.raw`(?:${PLACE}{1,6}?(?:省|自治区))?(?:${PLACE}{1,6}?(?:市|州|盟))?(?:${PLACE}{1,6}?(?:区|县|旗|市))?(?:最高|高级|中级|基层|第[一二三四五六七八九十]中级)?人民法院`,
    String.raw`(?:${PLACE}{1,6}?(?:省|市))?${PLACE}{0,4}?(?:知识产权|互联网|海事|金融|铁路运输|军事)法院`,
    String.raw`${PLACE}{2,4}?(?:中院|高院|法院|法庭)`,
  ].join('|'),
  'gu',
);
/** Short forms that name no particular court ("人民法院", "一审法院", "基层法院"). */
const GENERIC_CN = /^(?:人民|基层|地方|上级|下级|当地|中级|高级|各级|涉事|专门|人民法院|互联网|知识产权)?(?:人民)?(?:法院|法庭|中院|高院)$|^人民法院$/u;

interface Found {
  start: number;
  end: number;
  name: string;
}

/**
 * A literal that every match of a pattern contains, so that a text without it is not scanned at all: the
 * patterns try a match at every position, and most stories name no court.
 */
const MUST_CONTAIN = new Map<RegExp, RegExp>([
  [ENGLISH, /Court/],
  [GERMAN, /gericht|LG|BGH/],
  [FRENCH, /[Tt]ribunal|[Cc]our/],
  [JAPANESE, /裁/],
  [KOREAN, /법원|지법|고법/],
  [SPANISH, /Juzgado|Audiencia|Tribunal/],
  [CHINESE, /法院|法庭|中院|高院/],
]);

function collect(pattern: RegExp, text: string, clean: (s: string) => string = (s) => s): Found[] {
  const out: Found[] = [];
  if (MUST_CONTAIN.get(pattern)?.test(text) === false) return out;
  for (const m of text.matchAll(pattern)) {
    const raw = m[0];
    const name = clean(raw).trim();
    if (!name) continue;
    const start = (m.index ?? 0) + raw.indexOf(name);
    out.push({ start, end: start + name.length, name });
  }
  return out;
}

/**
 * Court names in order of appearance, each once: English ("Haidian District People's Court", "U.S. District
 * Court for the Northern District of California"), Chinese ("北京市海淀区人民法院", "深圳中院", "南山法院"),
 * German ("Landgericht München I"), French ("tribunal de commerce"), Japanese ("東京地方裁判所"), Korean
 * ("서울중앙지법", "대법원") and Spanish ("Juzgado de lo Mercantil n.º 3 de Madrid", "Tribunal Supremo").
 */
export function extractCourts(text: string): string[] {
  const found = [
    ...collect(ENGLISH, text, (s) => s.replace(LEADING_NOISE, '')),
    ...collect(GERMAN, text),
    ...collect(FRENCH, text),
    ...collect(JAPANESE, text),
    ...collect(KOREAN, text),
    ...collect(SPANISH, text),
    ...collect(CHINESE, text).filter((f) => !GENERIC_CN.test(f.name)),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const names: string[] = [];
  let covered = -1;
  for (const f of found) {
    if (f.start < covered) continue;
    covered = f.end;
    if (f.name === 'Court' || names.includes(f.name)) continue;
    names.push(f.name);
  }
  return names;
}
