// Cuts the name of one side of a dispute out of the words next to a "sued"/"起诉"/"verklagt" phrase.

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean).map(fold));

/** Articles and possessives: part of the phrase, never its first word. */
const DETERMINERS = set(`the a an its his her their der die das den dem des ein eine einen seinen seine ihren ihre sein ihr
  le la les un une son sa ses leur leurs el los las su sus una`);
/** Words that join the parts of one name ("Bank of China", "Banco de Santander", "Acme & Beta"). */
const CONNECTORS = set('of de del du des von van der y & and und et e da di');
/** Capitalised words that open a sentence but name nobody: times, days, months, adverbs. */
const NOISE = set(`on in at after before earlier later last this yesterday today meanwhile however separately now also
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december am im nun jetzt heute gestern auch bereits montag dienstag mittwoch donnerstag
  freitag samstag sonntag lundi mardi mercredi jeudi vendredi hier aujourd'hui ayer hoy lunes martes miercoles jueves
  viernes meanwhile dann`);
/** Words for "the company" before a company's name: dropped from the start like an article. */
const ORG_NOUNS = set(`company firm startup start-up chipmaker carmaker automaker supplier firma unternehmen autobauer
  zulieferer chiphersteller hersteller societe groupe entreprise empresa compania`);
/** Role words kept inside a name ("former intern Tian Keyu") but not a name on their own. */
const DESCRIPTORS = set(`former ex ex-employee employee engineer intern rival researcher scientist executive founder
  manager director partner developer competitor ehemalige ehemaligen ehemaliger ex-mitarbeiter mitarbeiter
  mitarbeiterin konkurrent konkurrenten ingenieur praktikant praktikantin rivalen ancien ancienne salarie salariee
  employe employee ingenieure stagiaire concurrent fondateur dirigeant exempleado exempleada antiguo antigua
  empleado empleada ingeniero competidor directivo fundador socio ${[...ORG_NOUNS].join(' ')}`);
/** Words that end the name after the verb, capitalised in headlines too ("Acme Sues Beta Over Patents"). */
const STOPS = set(`for over in at on after before with seeking alleging claiming to from under about by as into than
  that which who because wegen auf vor im am beim bei um uber ein mit nach aufgrund weil dass zu pour devant en au aux
  a dans sur apres avant car afin par que qui por ante tras para con segun`);
const ABBREVIATION = /^(?:Inc|Corp|Co|Ltd|Dr|Mr|Mrs|Ms|Jr|Sr|St|Bros|Cie|Nr|S\.A|S\.L|N\.V|B\.V|U\.S|L\.P|\p{Lu})\.$/u;
const MAX_WORDS = 6;

interface Token {
  start: number;
  end: number;
  word: string;
  /** Opened by a quote or bracket: the name cannot run on past it. */
  opens: boolean;
  /** Followed by a clause or sentence end. */
  closes: boolean;
}

function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  for (const m of text.slice(from, to).matchAll(/\S+/gu)) {
    let start = from + (m.index ?? 0);
    const raw = m[0];
    const lead = /^[("“«„‘'「]+/u.exec(raw)?.[0].length ?? 0;
    const trail = /[,;:!?)"”»’」。，、]+$/u.exec(raw)?.[0].length ?? 0;
    let word = raw.slice(lead, raw.length - trail);
    start += lead;
    let closes = trail > 0;
    if (word.endsWith('.') && !ABBREVIATION.test(word)) (word = word.slice(0, -1), (closes = true));
    const elided = /^([ldLD]['’])(.+)$/u.exec(word);
    if (elided) {
      out.push({ start, end: start + 2, word: elided[1]!.toLowerCase().replace('’', "'"), opens: lead > 0, closes: false });
      out.push({ start: start + 2, end: start + word.length, word: elided[2]!, opens: false, closes });
      continue;
    }
    if (word) out.push({ start, end: start + word.length, word, opens: lead > 0, closes });
  }
  return out;
}

const isDeterminer = (w: string) => DETERMINERS.has(fold(w)) || /^[ld]'$/.test(w);
const isFiller = (w: string) => isDeterminer(w) || CONNECTORS.has(fold(w)) || NOISE.has(fold(w)) || ORG_NOUNS.has(fold(w));
const isName = (w: string) => /^(?:\p{Lu}|\d+\p{L})/u.test(w) && !isFiller(w) && !DESCRIPTORS.has(fold(w)) && !STOPS.has(fold(w));
const accepted = (w: string) => isName(w) || isFiller(w) || DESCRIPTORS.has(fold(w));

/** Leading articles/times and trailing fillers dropped; null unless a proper name is left. */
function span(text: string, words: Token[]): string | null {
  let a = 0;
  let b = words.length;
  while (a < b && isFiller(words[a]!.word)) a++;
  while (b > a && !isName(words[b - 1]!.word)) b--;
  if (!words.slice(a, b).some((t) => isName(t.word))) return null;
  return text.slice(words[a]!.start, words[b - 1]!.end);
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => (text.indexOf('\n', at) + 1 || text.length + 1) - 1;

/** The name just before `end`, in the same clause: "On Monday, [former intern Tian Keyu] sued". */
export function latinNameBefore(text: string, end: number): string | null {
  const all = tokens(text, Math.max(lineStart(text, end), end - 200), end);
  const taken: Token[] = [];
  for (let i = all.length - 1; i >= 0 && taken.length < MAX_WORDS; i--) {
    const t = all[i]!;
    if (t.closes || !accepted(t.word)) break;
    taken.unshift(t);
    if (t.opens) break;
  }
  return span(text, taken);
}

/** The name just after `start`, up to a preposition or the clause end: "sued [ByteDance] for …". */
export function latinNameAfter(text: string, start: number): string | null {
  const taken: Token[] = [];
  for (const t of tokens(text, start, Math.min(lineEnd(text, start), start + 200))) {
    if (taken.length >= MAX_WORDS || (t.opens && taken.length > 0) || STOPS.has(fold(t.word)) || !accepted(t.word)) break;
    taken.push(t);
    if (t.closes || ABBREVIATION.test(t.word)) break;
  }
  return span(text, taken);
}

/** A name captured whole by a pattern ("ordered [Beta Ltd] to pay"): valid only if nothing but fillers is cut. */
export function latinNameWhole(raw: string): string | null {
  const name = latinNameAfter(raw, 0);
  if (!name) return null;
  const rest = raw.slice(raw.indexOf(name) + name.length).trim();
  return rest ? null : name;
}

const CJK_BREAK = /[\s\p{P}\p{S}]/u;
/** Words before a Chinese verb that are no part of the name: times, adverbs, "据悉", "原告". */
const CN_LEADING = /^(?:据悉|据报道|据了解|此前|日前|近日|这起|该起|一起|原告|今年|去年|\d{4}年|\d{1,2}月|\d{1,2}日)+/u;
const CN_TRAILING = /(?:近日|日前|今日|今天|昨日|昨天|已经|已|正式|再次|也|还|又|将|曾|于?\d{1,2}月\d{1,2}日|\d{1,2}日|于)+$/u;
/** Where the respondent's name ends in Chinese: the act complained of, the claim, the case noun. */
const CN_RESPONDENT_END =
  /窃取|盗取|盗用|侵犯|侵害|泄露|违反|违约|索赔|要求|赔偿|商业秘密|不正当竞争|纠纷|一案|案|的|并|称|因|在|于|及其|一事|涉嫌|擅自|非法|抄袭|挖角|获赔|至|到|向/u;
const JA_KO_NOISE = /^(?:지난달|최근|이날|지난해|올해|앞서|한편|同日|同社は)\s*/u;
const MAX_CJK = 14;

function cjkTidy(name: string | undefined): string | null {
  const n = name?.replace(JA_KO_NOISE, '').trim();
  return n && n.length >= 2 && n.length <= MAX_CJK ? n : null;
}

/** A Chinese claimant: the run of name characters before the verb, without times and adverbs. */
export function cjkNameBefore(text: string, end: number): string | null {
  let start = end;
  while (start > 0 && end - start < 24 && !CJK_BREAK.test(text[start - 1]!)) start--;
  return cjkClaimant(text.slice(start, end));
}

export function cjkClaimant(raw: string | undefined): string | null {
  return cjkTidy(raw?.replace(CN_LEADING, '').replace(CN_TRAILING, ''));
}

/** A Chinese respondent: the name characters after the verb, up to the act complained of. */
export function cjkNameAfter(text: string, start: number): string | null {
  let end = start;
  while (end < text.length && end - start < 24 && !CJK_BREAK.test(text[end]!)) end++;
  return cjkRespondent(text.slice(start, end));
}

export function cjkRespondent(raw: string | undefined): string | null {
  if (!raw) return null;
  const cut = CN_RESPONDENT_END.exec(raw);
  return cjkTidy((cut ? raw.slice(0, cut.index) : raw).replace(/^(?:被告|了)/u, ''));
}

/** Japanese and Korean groups are already bounded by particles; only times and length are checked. */
export const cjkWhole = cjkTidy;
