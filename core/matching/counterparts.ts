// Whom our plaintiff is against when a story does not name them: "Bellwether sues former quality manager",
// "Fathom accuses rival", "字节跳动起诉前实习生", "白根工業が元社員を提訴". A paralegal compares that description
// with the one the case gives of its own defendant ("its former director of cell-line development", "former
// summer intern"): a quality manager is not the director, a competitor is not the intern. The roles are read in
// seven languages and compared as concepts, so "intern" in the case's summary meets 实习生 in a story.
import { tokenize } from './normalize.ts';
import { occurrences, sentences } from './roles.ts';
import type { Term } from './terms.ts';

export type CounterpartKind = 'person' | 'organisation';

interface RoleConcept {
  id: string;
  kind: CounterpartKind;
  /** Says only the kind ("an employee", "a company"): it fits any role of that kind. */
  generic?: boolean;
  /** Narrower roles it fits too ("an executive" may be the director). */
  covers?: readonly string[];
  /** The words, by language; tokenized like story text, so script forms fold alike (社員 = 社员). */
  forms: readonly string[];
}

const ROLES: readonly RoleConcept[] = [
  {
    id: 'employee',
    kind: 'person',
    generic: true,
    forms: [
      'employee', 'employees', 'ex-employee', 'staffer', 'worker', 'mitarbeiter', 'mitarbeiterin', 'angestellte', 'angestellten',
      'beschaftigte', 'salarie', 'salariee', 'employe', 'employee', 'empleado', 'empleada', 'trabajador', 'trabajadora',
      '员工', '職員', '职员', '雇员', '社員', '従業員', '직원', '근로자', '퇴직자',
    ],
  },
  { id: 'intern', kind: 'person', forms: ['intern', 'interns', 'trainee', 'praktikant', 'praktikantin', 'werkstudent', 'werkstudentin', 'stagiaire', 'becario', 'becaria', 'pasante', '实习生', 'インターン', '実習生', '인턴', '실습생'] },
  {
    id: 'engineer',
    kind: 'person',
    forms: [
      'engineer', 'engineers', 'programmer', 'ingenieur', 'ingenieurin', 'entwickler', 'entwicklerin', 'ingenieure', 'programmeur',
      'ingeniero', 'ingeniera', 'programador', '工程师', '程序员', '技術者', 'エンジニア', '技術員', '엔지니어', '기술자', '개발자',
    ],
  },
  {
    id: 'researcher',
    kind: 'person',
    // R&D staff: a "research engineer" is reported as an engineer or a researcher (연구원).
    covers: ['engineer'],
    forms: [
      'researcher', 'research engineer', 'research scientist', 'scientist', 'chemist', 'biologist', 'forscher', 'forscherin', 'wissenschaftler', 'wissenschaftlerin', 'chercheur',
      'chercheuse', 'scientifique', 'investigador', 'investigadora', 'cientifico', 'cientifica', '研究员', '科学家', '研究者', '연구원', '연구자',
    ],
  },
  { id: 'manager', kind: 'person', forms: ['manager', 'supervisor', 'managerin', 'leiter', 'leiterin', 'gestionnaire', 'gerente', 'jefe', 'jefa', '经理', 'マネージャー', '課長', '部長', '팀장', '부장', '매니저'] },
  {
    id: 'director',
    kind: 'person',
    forms: [
      'director', 'chief', 'ceo', 'cfo', 'cto', 'coo', 'president', 'direktor', 'direktorin', 'geschaftsfuhrer', 'geschaftsfuhrerin',
      'vorstand', 'directeur', 'directrice', 'pdg', 'directora', '总监', '总经理', '取締役', '社長', '상무', '전무',
    ],
  },
  { id: 'executive', kind: 'person', covers: ['manager', 'director'], forms: ['executive', 'officer', 'head', 'dirigeant', 'dirigeante', 'directivo', 'directiva', 'ejecutivo', 'ejecutiva', '高管', '役員', '幹部', '임원', '간부'] },
  { id: 'founder', kind: 'person', forms: ['founder', 'co-founder', 'cofounder', 'grunder', 'grunderin', 'fondateur', 'fondatrice', 'fundador', 'fundadora', '创始人', '創業者', '창업자'] },
  { id: 'salesperson', kind: 'person', forms: ['salesman', 'saleswoman', 'salesperson', 'sales representative', 'vertriebler', 'vertriebsmitarbeiter', 'commerciale', 'vendedor', 'vendedora'] },
  {
    id: 'company',
    kind: 'organisation',
    generic: true,
    forms: [
      'company', 'firm', 'maker', 'manufacturer', 'startup', 'start-up', 'unternehmen', 'hersteller',
      'entreprise', 'societe', 'fabricant', 'empresa', 'fabricante', 'compania', '厂商',
      'メーカー', '기업', '업체', '제조사',
    ],
  },
  // The defendant's new employer: the rival that hired them, not a supplier or a customer.
  { id: 'employer', kind: 'organisation', covers: ['competitor'], forms: ['employer', 'arbeitgeber', 'employeur', 'empleador', '雇主', '东家', '雇用主', '転職先', '고용주', '이직한 회사'] },
  { id: 'competitor', kind: 'organisation', forms: ['competitor', 'competitors', 'rival', 'rivals', 'konkurrent', 'wettbewerber', 'konkurrenten', 'concurrent', 'competidor', 'rival', '竞争对手', '競合', 'ライバル', '경쟁사', '경쟁업체'] },
  { id: 'supplier', kind: 'organisation', forms: ['supplier', 'suppliers', 'vendor', 'zulieferer', 'lieferant', 'fournisseur', 'sous-traitant', 'proveedor', '供应商', 'サプライヤー', '仕入先', '협력사', '협력업체', '납품업체', '공급업체', '하청업체'] },
  { id: 'customer', kind: 'organisation', forms: ['customer', 'client', 'kunde', 'kunden', 'cliente', '客户', '顧客', '取引先', '고객사', '거래처'] },
];

interface RoleForm {
  concept: RoleConcept;
  written: string;
  tokens: readonly string[];
}

const FORMS: readonly RoleForm[] = ROLES.flatMap((concept) => [...new Set(concept.forms)].map((written) => ({ concept, written, tokens: tokenize(written) })));
const BY_ID = new Map(ROLES.map((r) => [r.id, r]));
/** The forms by their first token, so a span is read in one pass over its tokens. */
const BY_FIRST = new Map<string, RoleForm[]>();
for (const f of FORMS) if (f.tokens.length > 0) BY_FIRST.set(f.tokens[0]!, [...(BY_FIRST.get(f.tokens[0]!) ?? []), f]);

/** Verbs after which the one suing or accusing stands before and its counterpart after (Latin scripts). */
const LATIN_VERBS = new Set([
  'sue', 'sues', 'sued', 'suing', 'countersues', 'accuses', 'accused', 'verklagt', 'verklagte', 'beschuldigt', 'poursuit',
  'assigne', 'accuse', 'attaque', 'demanda', 'demando', 'acusa', 'denuncia',
]);
/** Participles that only ever read as passive: "poursuivi par", "demandado por". */
const PARTICIPLES = new Set(['poursuivi', 'poursuivie', 'assignee', 'attaquee', 'demandado', 'demandada', 'denunciado', 'denunciada', 'acusado', 'acusada']);
/** Ordered to pay: "Ardoise Systèmes condamnée à indemniser une ancienne commerciale" (the one paid sued it). */
const ORDERED = new Set(['ordered', 'condamne', 'condamnee', 'verurteilt', 'condenado', 'condenada']);
const PAY = new Set(['pay', 'compensate', 'indemniser', 'verser', 'payer', 'rembourser', 'zahlen', 'entschadigen', 'pagar', 'indemnizar', 'abonar']);
/** Before the one paid: "to pay $2m to a former salesman", "verser 38 000 euros à une ancienne commerciale". */
const TO = new Set(['to', 'a', 'an']);
/** "X filed a suit in federal court against Y". */
const AGAINST = new Set(['against', 'gegen', 'contre', 'contra']);
/** German puts the agent before the verb: "X ist von einem Hersteller verklagt worden". */
const PASSIVE_AUX = new Set(['worden', 'wurde', 'wurden', 'wird', 'werden']);
/** German auxiliaries right before "von": "X ist/wird/wurde von Y verklagt". */
const AUX_BEFORE_AGENT = new Set(['ist', 'wird', 'wurde', 'sind', 'werden', 'wurden']);
/** Words between "von" and the verb that show another clause or verb ("von Mitarbeitern gegründet und hat … verklagt"). */
const CLAUSE_BREAK = new Set(['und', 'hat', 'haben', 'hatte', 'sowie', 'aber', 'nun', 'dann', 'oder']);
const GERMAN_PARTICIPLE = /^ge\p{L}{3,}(?:t|en)$/u;
/** Articles may open a description; other words that end one may not ("sued on Tuesday by …"). */
const ARTICLES = new Set(['der', 'die', 'das', 'den', 'dem']);
/** Where the description of the counterpart ends. */
const SPAN_END = new Set([
  'over', 'of', 'for', 'after', 'alleging', 'claiming', 'seeking', 'accusing', 'because', 'who', 'which', 'that', 'wegen', 'weil', 'der',
  'die', 'das', 'pour', 'car', 'qui', 'que', 'porque', 'quien', 'en', 'in', 'im', 'dans', 'at', 'on',
]);
const CJK_VERBS = ['起 诉', '状 告', '提 诉', '诉 え', '控 告', '指 控', '고 소', '소 송', '고 발'].map((v) => v.split(' '));
/** After a CJK verb: it was the subject who was sued (소송 당해, 고소됐다, 提訴された). */
const CJK_PASSIVE = /^(?:을|를)?(?:당[해했한하]|되|됐|され)/u;
/**
 * Between the party and a CJK verb, a role counts only as the object or the source of the suit: followed by
 * を, 를/을, 와/과 (with), 에게/에 (to), 상대로 (against), に or から, or after 被. Anything else there is the
 * party's own words (字节跳动公司就…起诉, 営業秘密の…で提訴).
 */
const CJK_OBJECT_MARKS = ['を', '를', '을', '와', '과', '에', '상', 'に', 'から', '측'];
const HONORIFIC = /^(?:씨|氏|さん|側)/u;
const LATIN_REACH = 5;
const AGAINST_REACH = 15;
/** How far after "von" a German verb-final passive may close. */
const AGENT_REACH = 12;
const SPAN = 6;
const CJK_REACH = 14;
const CJK_SPAN = 10;

/** A role as found: its concept, and the words the text used (for reasons). */
export interface RoleFound {
  id: string;
  words: string;
}

/**
 * The roles a span of tokens names, each concept once. A form inside a longer one found at the same place
 * does not count: 협력업체 is a supplier, not also a company (업체).
 */
export function rolesIn(tokens: readonly string[]): RoleFound[] {
  const out = new Map<string, RoleFound>();
  for (const h of roleHits(tokens)) if (!out.has(h.form.concept.id)) out.set(h.form.concept.id, { id: h.form.concept.id, words: h.form.written });
  // "競合メーカー", "a rival company": the precise word says who; the generic one only repeats the kind.
  const found = [...out.values()];
  return found.filter((r) => {
    const concept = BY_ID.get(r.id)!;
    return !concept.generic || !found.some((o) => o !== r && !BY_ID.get(o.id)!.generic && BY_ID.get(o.id)!.kind === concept.kind);
  });
}

/** Where role words stand in the tokens, leaving out those inside a longer one at the same place. */
function roleHits(tokens: readonly string[]): { form: RoleForm; start: number; end: number }[] {
  const hits: { form: RoleForm; start: number; end: number }[] = [];
  for (let start = 0; start < tokens.length; start++) {
    for (const form of BY_FIRST.get(tokens[start]!) ?? []) {
      if (form.tokens.every((t, j) => tokens[start + j] === t)) hits.push({ form, start, end: start + form.tokens.length });
    }
  }
  return hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start));
}

function latinSpan(tokens: readonly string[], from: number): readonly string[] {
  const out: string[] = [];
  for (let i = from; i < tokens.length && out.length < SPAN; i++) {
    const t = tokens[i]!;
    if (SPAN_END.has(t) && !(out.length === 0 && ARTICLES.has(t))) break;
    out.push(t);
  }
  return out;
}

/** "by" and "von" always make the agent; "par"/"por" only after a participle ("poursuivi par"), not after a noun ("une demanda por"). */
function agentAt(tokens: readonly string[], i: number): boolean {
  const t = tokens[i] ?? '';
  if (t === 'by' || t === 'von') return true;
  return (t === 'par' || t === 'por') && PARTICIPLES.has(tokens[i - 1] ?? '');
}

/** Roles in the words between a party and its CJK verb, only where a particle marks them as the other side. */
function markedRoles(between: readonly string[]): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  const hits = roleHits(between);
  for (const { start, end: own } of hits) {
    // The mark may follow the next role word: 競合メーカーに, 경쟁 업체를.
    let end = own;
    for (let o = hits.find((x) => x.start === end); o; o = hits.find((x) => x.start === end)) end = o.end;
    const next = between.slice(end, end + 3).join('').replace(HONORIFIC, '');
    if (between.slice(0, start).includes('被') || CJK_OBJECT_MARKS.some((m) => next.startsWith(m))) out.push(between.slice(start, end));
  }
  return out;
}

/** Spans of a sentence describing the other side of a party's suit: whom it sues, and who sues it. */
interface Spans {
  sues: (readonly RoleFound[])[];
  suedBy: (readonly RoleFound[])[];
}

/** The roles of each span read so far, by sentence: candidate cases of one story share its sentences. */
const spanRoles = new WeakMap<readonly string[], Map<string, readonly RoleFound[]>>();

function memoRoles(tokens: readonly string[], key: string, read: () => readonly RoleFound[]): readonly RoleFound[] {
  let memo = spanRoles.get(tokens);
  if (!memo) spanRoles.set(tokens, (memo = new Map()));
  let found = memo.get(key);
  if (!found) memo.set(key, (found = read()));
  return found;
}

const latinRoles = (tokens: readonly string[], from: number) => memoRoles(tokens, `l${from}`, () => rolesIn(latinSpan(tokens, from)));

/**
 * The spans of a sentence that describe the other side of the party (at [start, end)): whom it sues or accuses
 * (the words after its verb or after "against"; for CJK text the words between it and its verb,
 * 白根工業が元社員を提訴, and after the verb, 起诉前实习生), and who sues it ("sued by", "von … verklagt
 * worden", "被…起诉", "…に提訴された", "ordered to pay a former salesman").
 */
function counterpartSpans(tokens: readonly string[], start: number, end: number, out: Spans): void {
  for (let i = end; i < Math.min(tokens.length, end + AGAINST_REACH + 1); i++) {
    const t = tokens[i]!;
    if (i - end <= LATIN_REACH && (LATIN_VERBS.has(t) || PARTICIPLES.has(t))) {
      if (agentAt(tokens, i + 1)) out.suedBy.push(latinRoles(tokens, i + 2));
      // "accused of firing …" names no accuser.
      else if (!PARTICIPLES.has(t) && !(t === 'accused' && tokens[i + 1] === 'of')) out.sues.push(latinRoles(tokens, i + 1));
    }
    if (AGAINST.has(t) && !tokens.slice(end, i).some((_, j) => agentAt(tokens, end + j))) out.sues.push(latinRoles(tokens, i + 1));
    if (i - end <= LATIN_REACH && ORDERED.has(t)) {
      const pay = tokens.slice(i + 1, i + 4).findIndex((x) => PAY.has(x));
      if (pay >= 0) {
        const verb = i + 1 + pay;
        out.suedBy.push(latinRoles(tokens, verb + 1));
        const to = tokens.slice(verb + 1, verb + 7).findIndex((x) => TO.has(x));
        if (to >= 0) out.suedBy.push(latinRoles(tokens, verb + 2 + to));
      }
    }
    // "X ist von einem Hersteller verklagt worden": the auxiliary right before "von" or right after the verb, and
    // no other verb between ("X, die 2019 von einem Hersteller übernommen wurde, verklagt …" is no passive).
    if (t === 'von') {
      const verb = tokens.slice(i + 1, i + 1 + AGENT_REACH).findIndex((x) => LATIN_VERBS.has(x));
      const between = verb < 0 ? [] : tokens.slice(i + 1, i + 1 + verb);
      const closed = verb >= 0 && (AUX_BEFORE_AGENT.has(tokens[i - 1] ?? '') || PASSIVE_AUX.has(tokens[i + 2 + verb] ?? ''));
      if (closed && !between.some((x) => CLAUSE_BREAK.has(x) || PASSIVE_AUX.has(x) || GERMAN_PARTICIPLE.test(x))) out.suedBy.push(latinRoles(tokens, i + 1));
    }
  }
  for (const v of CJK_VERBS) {
    for (const at of occurrences(tokens, v)) {
      if (at < end || at - end > CJK_REACH) continue;
      const after = tokens.slice(at + v.length, at + v.length + 4).join('');
      const between = tokens.slice(end, at);
      const roles = memoRoles(tokens, `m${end}:${at}`, () => markedRoles(between).flatMap(rolesIn));
      // 被 before the verb, a passive after it, or the other side as the source (Xから提訴): someone sues the party.
      if (CJK_PASSIVE.test(after) || between.includes('被') || between.join('').includes('から')) out.suedBy.push(roles);
      else out.sues.push(roles, memoRoles(tokens, `c${at + v.length}`, () => rolesIn(tokens.slice(at + v.length, at + v.length + CJK_SPAN))));
    }
  }
}

const TRIGGERS = new Set([...LATIN_VERBS, ...PARTICIPLES, ...AGAINST, ...ORDERED, 'von', ...CJK_VERBS.map((v) => v[0]!)]);

/**
 * The sentences that can describe the other side of a suit (a suing or accusing verb, "against", "ordered", "von",
 * a CJK suing verb's first character): read once per story, so each candidate case looks at those alone.
 */
export function claimSentences(text: readonly (readonly string[])[]): (readonly string[])[] {
  return text.filter((tokens) => tokens.some((t) => TRIGGERS.has(t)));
}

/** How a text describes the other side of any of the terms' suits: whom they sue, and who sues them. */
export interface Described {
  sues: RoleFound[];
  suedBy: RoleFound[];
}

export function describedCounterparts(terms: readonly Term[], text: string | readonly (readonly string[])[]): Described {
  const spans: Spans = { sues: [], suedBy: [] };
  for (const tokens of typeof text === 'string' ? sentences(text) : text) {
    for (const term of terms) {
      for (const start of occurrences(tokens, term.tokens)) counterpartSpans(tokens, start, start + term.tokens.length, spans);
    }
  }
  const roles = (list: (readonly RoleFound[])[]) => {
    const found = new Map<string, RoleFound>();
    for (const span of list) for (const r of span) if (!found.has(r.id)) found.set(r.id, r);
    return [...found.values()];
  };
  return precise({ sues: roles(spans.sues), suedBy: roles(spans.suedBy) });
}

/** What a case says of its defendants: their roles in its summary, and which kinds of party they are. */
export interface CaseCounterpart {
  roles: readonly RoleFound[];
  /** Kinds no defendant can be (every defendant's kind is known and differs). */
  excludedKinds: readonly CounterpartKind[];
}

const WORDS_BEFORE_NAME = 4;

/**
 * The case's own description of its defendants: what its summary says the plaintiff sued ("sued its former
 * director …"), and the role words right before a defendant's name ("her new employer Corvane Bio").
 */
export function caseCounterpart(
  summary: string,
  plaintiffs: readonly (readonly Term[])[],
  defendants: readonly { terms: readonly Term[]; kind: CounterpartKind | null }[],
): CaseCounterpart {
  const split = sentences(summary);
  const roles = new Map<string, RoleFound>();
  for (const terms of plaintiffs) for (const r of describedCounterparts(terms, split).sues) roles.set(r.id, r);
  for (const d of defendants) {
    for (const tokens of split) {
      for (const term of d.terms) {
        for (const start of occurrences(tokens, term.tokens)) {
          for (const r of rolesIn(tokens.slice(Math.max(0, start - WORDS_BEFORE_NAME), start))) roles.set(r.id, r);
        }
      }
    }
  }
  const kinds = defendants.map((d) => d.kind);
  const excludedKinds = (['person', 'organisation'] as const).filter((k) => kinds.length > 0 && kinds.every((x) => x !== null && x !== k));
  return { roles: [...roles.values()], excludedKinds };
}

function fits(a: RoleConcept, b: RoleConcept): boolean {
  return a.kind === b.kind && (a.generic || b.generic || a.id === b.id || !!a.covers?.includes(b.id) || !!b.covers?.includes(a.id));
}

export type CounterpartVerdict = 'ours' | 'other' | 'unknown';

/**
 * Whether the other side a story describes is the case's defendant. Whom our plaintiff sues: `ours` when a
 * role fits one the case gives, `other` when none does and the case says enough of that kind of party to tell
 * (it describes one, or no defendant can be of that kind). Who sues our plaintiff: another case, unless a role
 * as precise as "intern" fits our defendant (a counter-suit); "a manufacturer" suing it is someone else.
 * `unknown` when the story describes no one. `described` as `describedCounterparts` gives it: a generic word beside
 * a precise one of its kind already left out.
 */
export function judgeCounterpart(c: CaseCounterpart, described: Described): CounterpartVerdict {
  const caseRoles = c.roles.map((r) => BY_ID.get(r.id)!);
  let other = false;
  for (const d of described.sues) {
    const concept = BY_ID.get(d.id)!;
    if (caseRoles.some((r) => fits(concept, r))) return 'ours';
    if (caseRoles.some((r) => r.kind === concept.kind) || c.excludedKinds.includes(concept.kind)) other = true;
  }
  for (const d of described.suedBy) {
    const concept = BY_ID.get(d.id)!;
    if (!concept.generic && caseRoles.some((r) => !r.generic && fits(concept, r))) return 'ours';
    other = true;
  }
  return other ? 'other' : 'unknown';
}

/** A generic word ("a company") says nothing more where the story also gives a precise one of its kind ("a rival"). */
function precise(d: Described): Described {
  const all = [...d.sues, ...d.suedBy].map((r) => BY_ID.get(r.id)!);
  const keep = (r: RoleFound) => {
    const concept = BY_ID.get(r.id)!;
    return !concept.generic || !all.some((o) => !o.generic && o.kind === concept.kind);
  };
  return { sues: d.sues.filter(keep), suedBy: d.suedBy.filter(keep) };
}

/** True when a precise role the story gives ("intern", not "a company") fits a precise one of the case. */
export function describesPrecisely(c: CaseCounterpart, described: Described): boolean {
  const caseRoles = c.roles.map((r) => BY_ID.get(r.id)!).filter((r) => !r.generic);
  return [...described.sues, ...described.suedBy].some((d) => {
    const concept = BY_ID.get(d.id)!;
    return !concept.generic && caseRoles.some((r) => fits(concept, r));
  });
}

/**
 * Words by which a story says its dispute is not the case the reader may think of. Only unambiguous ones: "in a
 * separate lawsuit" and 无关 / 무관 / "unabhängig von" appear as often in stories about the case itself.
 */
const SEPARATE_CASE = ['unrelated to', 'sans lien avec', 'sans rapport avec', 'sin relación con', 'no guarda relación', '另案', '別件', '별건'].map(
  (written) => ({ written, tokens: tokenize(written) }),
);
/** The cue counts in a sentence about a suit or case, and not negated ("not unrelated to"). */
const SUIT_WORDS = [
  'case', 'suit', 'lawsuit', 'complaint', 'dispute', 'litigation', 'claim', 'verfahren', 'klage', 'streit', 'affaire', 'procedure', 'litige',
  'plainte', 'demanda', 'caso', 'litigio', 'pleito', '案', '诉', '件', '소송', '사건',
].map((w) => tokenize(w));
const NEGATION = new Set(['not', 'nicht', 'pas', 'no']);

/** The words by which the text says its dispute is a separate one ("The case is unrelated to …"), if any. */
export function separateCaseCue(text: readonly (readonly string[])[]): string | null {
  for (const tokens of text) {
    if (!SUIT_WORDS.some((w) => occurrences(tokens, w).length > 0)) continue;
    for (const cue of SEPARATE_CASE) {
      if (occurrences(tokens, cue.tokens).some((at) => !NEGATION.has(tokens[at - 1] ?? ''))) return cue.written;
    }
  }
  return null;
}

/**
 * A person the story names only by a letter, after their role: "B사 전 수석연구원 A씨", "元社員のA氏". Korean and
 * Japanese court reporting anonymises parties this way.
 */
export interface Pseudonym {
  /** The words before the letter and the letter, as written ("B사 전 수석연구원 A씨"). */
  display: string;
  roles: readonly RoleFound[];
}

/**
 * A capital letter standing for a person (A씨, A氏, Aさん; full-width Ａ too): the first letters, as reports hand them
 * out; not after a letter or digit ("HBM3E씨"), and with at most a space before the honorific.
 */
const PSEUDONYM = /(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])([A-HＡ-Ｈ]) ?(씨|氏|さん)/gu;
/** Cheap test whether a text may hold one, before any reading. */
export const PSEUDONYM_QUICK = /(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])[A-HＡ-Ｈ] ?(?:씨|氏|さん)/u;
const CJK_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Whether a keyword can tie a letter-pseudonym report to a case: one written in CJK script, as those reports are.
 * The matcher and the backfill's search (app/matchStories.ts) both ask this.
 */
export function pseudonymKeyword(keyword: string): boolean {
  return CJK_SCRIPT.test(keyword);
}

/** Whether a case can be reported with its defendant named by a letter: a person defendant with a precise role. */
export function takesPseudonym(c: CaseCounterpart): boolean {
  return c.roles.some((r) => !BY_ID.get(r.id)!.generic && BY_ID.get(r.id)!.kind === 'person');
}

/** How far before the letter its role may stand, in characters. */
const ROLE_BEFORE = 12;
/** How far before the letter the sentence is read for who the person is. */
const CONTEXT_BEFORE = 40;
/** Between the role and the letter: a space, or Japanese の. */
const ROLE_TAIL = /[\sの・]+$/u;
/** A person in a court report who is no party: a witness, a victim, a lawyer, a judge, a prosecutor, a reporter. */
const NOT_A_PARTY = /증인|참고인|피해자|변호사|변호인|판사|검사|기자|証人|参考人|被害者|弁護士|弁護人|裁判官|検察官|記者/u;

/**
 * Letter pseudonyms in a text (one field of a story: title, summary or article), each with the role written right
 * before it ("전 수석연구원 A씨", "元研究員のA氏"); none where the sentence says the person is a witness, a victim,
 * a lawyer, a judge or a reporter.
 */
export function pseudonymsIn(field: string): Pseudonym[] {
  if (!PSEUDONYM_QUICK.test(field)) return [];
  const text = field.normalize('NFKC');
  const out: Pseudonym[] = [];
  for (const m of text.matchAll(PSEUDONYM)) {
    const sentence = text.slice(Math.max(0, m.index - CONTEXT_BEFORE), m.index).split(/[.。!?！？\n]/u).at(-1)!;
    if (NOT_A_PARTY.test(sentence)) continue;
    const from = Math.max(0, m.index - ROLE_BEFORE);
    let before = text.slice(from, m.index).split(/[.。!?！？\n,，、]/u).at(-1)!;
    // Not from the middle of a word: "…기소된 B사 전 수석연구원" starts at "B사".
    if (from > 0 && /\S/u.test(text[from - 1]!) && /\s/u.test(before)) before = before.slice(before.search(/\s/u));
    // The role stands right before the letter: "연구원을 폭행한 A씨" is someone else.
    const tokens = tokenize(before.replace(ROLE_TAIL, ''));
    const last = roleHits(tokens).filter((h) => h.end === tokens.length && h.form.concept.kind === 'person');
    if (last.length === 0) continue;
    const roles = rolesIn(tokens.slice(Math.min(...last.map((h) => h.start))));
    out.push({ display: `${before.trim()} ${m[1]}${m[2]}`, roles });
  }
  return out;
}

/** The first pseudonym whose role fits a role the case gives its defendant precisely ("researcher", not "an employee"). */
export function pseudonymOf(c: CaseCounterpart, found: readonly Pseudonym[]): Pseudonym | null {
  if (!takesPseudonym(c)) return null;
  const caseRoles = c.roles.map((r) => BY_ID.get(r.id)!).filter((r) => !r.generic && r.kind === 'person');
  return found.find((p) => p.roles.some((r) => !BY_ID.get(r.id)!.generic && caseRoles.some((x) => fits(BY_ID.get(r.id)!, x)))) ?? null;
}
